#!/usr/bin/python3
"""Accuracy parity: Sweeplab's final validation accuracy against a plain PyTorch loop's, on the
same rows.

sweeplab-bench --dump-splits writes the prepared splits; sweeplab-cli trains every model and
seed in one sweep; python_reference.py --accuracy trains the same models on the dumped rows with
the same recipe (Adam, cosine schedule per epoch down to 1e-6, batch 256, resident shuffling).
Both report the macro-averaged validation accuracy of the last epoch. The check passes when, per
model, the mean over the seeds differs by at most --bar points.

  tests/perf/accuracy_parity.py --build build [--samples N] [--epochs N] [--seeds N] [--doc]
"""

import argparse
import concurrent.futures
import datetime
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from write_report import cpu_model, update_doc  # noqa: E402

EXPERIMENT = """\
name: accuracy_parity
dataset:
  source: synthetic-jsc
  samples: {samples}
model: jsc-tiny
training:
  batch_size: {batch}
  max_epochs: {epochs}
  learning_rate: {lr}
  optimizer: adam
  scheduler: {{type: cosine, eta_min: 1.0e-6}}
  seed: 0
sweep:
  model: [{models}]
repeats: {seeds}
device: cpu
parallel_trials: 0
"""


def run(command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if done.returncode != 0:
        sys.exit(f"accuracy_parity.py: {' '.join(command)} failed ({done.returncode}):\n"
                 f"{done.stderr[-3000:]}")
    return done.stdout


def sweeplab_accuracies(args, work, dump):
    experiment = os.path.join(work, "accuracy_parity.yaml")
    with open(experiment, "w") as handle:
        handle.write(EXPERIMENT.format(samples=args.samples, batch=args.batch, epochs=args.epochs,
                                       lr=args.lr, models=", ".join(args.models), seeds=args.seeds))
    start = time.perf_counter()
    run([os.path.join(args.build, "app", "sweeplab-cli"), "run", experiment, "--out",
         os.path.join(work, "runs"), "--quiet"])
    seconds = time.perf_counter() - start
    [summary_path] = glob.glob(os.path.join(work, "runs", "*", "summary.json"))
    with open(summary_path) as handle:
        summary = json.load(handle)
    if summary["dataset_fingerprint"] != dump["fingerprint"]:
        sys.exit("accuracy_parity.py: the sweep prepared other rows than the dump "
                 f"({summary['dataset_fingerprint']} vs {dump['fingerprint']})")
    results = {}
    for trial in summary["trials"]:
        if trial["status"] != "finished":
            sys.exit(f"accuracy_parity.py: trial {trial['label']} ended {trial['status']}: "
                     f"{trial['message']}")
        results[(trial["model"], trial["seed"])] = trial["val_acc"]
    return results, seconds


def python_accuracy(args, dump_dir, model, seed):
    out = run([args.python, os.path.join(HERE, "python_reference.py"), "--accuracy", "--splits",
               dump_dir, "--model", model, "--seed", str(seed), "--epochs", str(args.epochs),
               "--batch", str(args.batch), "--lr", str(args.lr), "--loop", "resident",
               "--threads", "1"])
    return json.loads(out)


def table(args, ours, theirs):
    lines = ["| model | seed | Sweeplab val acc (%) | PyTorch val acc (%) | difference | result |",
             "|---|---:|---:|---:|---:|---|"]
    verdicts, all_passed = [], True
    for model in args.models:
        for seed in range(args.seeds):
            lines.append(f"| {model} | {seed} | {100 * ours[(model, seed)]:.2f} | "
                         f"{100 * theirs[(model, seed)]['val_acc']:.2f} | | |")
        mean_ours = 100 * statistics.mean(ours[(model, s)] for s in range(args.seeds))
        mean_theirs = 100 * statistics.mean(theirs[(model, s)]["val_acc"]
                                            for s in range(args.seeds))
        difference = mean_ours - mean_theirs
        passed = abs(difference) <= args.bar
        all_passed &= passed
        lines.append(f"| **{model} mean** | | **{mean_ours:.2f}** | **{mean_theirs:.2f}** | "
                     f"**{difference:+.2f}** | **{'pass' if passed else 'FAIL'}** |")
        verdicts.append(f"- {model}: Sweeplab {mean_ours:.2f}%, PyTorch {mean_theirs:.2f}%, "
                        f"difference {difference:+.2f} points: "
                        f"{'pass' if passed else 'FAIL'} (bar: within {args.bar:g} point)")
    return "\n".join(lines), "\n".join(verdicts), all_passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--samples", type=int, default=830000)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--models", nargs="+", default=["jsc-tiny", "jsc-tiny-x10"])
    parser.add_argument("--bar", type=float, default=1.0, help="allowed gap of the means, points")
    parser.add_argument("--python", default="/usr/bin/python3")
    parser.add_argument("--doc", action="store_true", help="rewrite docs/performance.md's block")
    args = parser.parse_args()
    args.build = os.path.abspath(args.build)
    bench = os.path.join(args.build, "tests", "perf", "sweeplab-bench")
    for tool in (bench, os.path.join(args.build, "app", "sweeplab-cli")):
        if not os.access(tool, os.X_OK):
            sys.exit(f"accuracy_parity.py: {tool} not found; build it first:\n"
                     f"  cmake --build {args.build} --target sweeplab-bench sweeplab-cli")

    load_before = open("/proc/loadavg").read().split()[:3]
    with tempfile.TemporaryDirectory(prefix="sweeplab-parity-") as work:
        dump_dir = os.path.join(work, "splits")
        dump = json.loads(run([bench, "--dump-splits", dump_dir, "--samples", str(args.samples)]))
        print(f"data: {dump['dataset']}", flush=True)
        ours, ours_seconds = sweeplab_accuracies(args, work, dump)
        print(f"Sweeplab: {len(ours)} trials in {ours_seconds:.0f} s", flush=True)
        start = time.perf_counter()
        jobs = [(m, s) for m in args.models for s in range(args.seeds)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            outputs = pool.map(lambda job: python_accuracy(args, dump_dir, *job), jobs)
            theirs = dict(zip(jobs, outputs))
        python_seconds = time.perf_counter() - start
        print(f"PyTorch: {len(theirs)} runs in {python_seconds:.0f} s", flush=True)

    rows, verdicts, passed = table(args, ours, theirs)
    any_run = next(iter(theirs.values()))
    text = "\n".join([
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} with "
        f"`tests/perf/accuracy_parity.py --samples {args.samples}` on {cpu_model()}, "
        f"{os.cpu_count()} cores (load average {' '.join(load_before)} before).",
        "",
        f"- Data: {dump['dataset']}; both sides train on the same {any_run['train_rows']} rows "
        f"and validate on the same {any_run['val_rows']} (dumped by `sweeplab-bench "
        f"--dump-splits`, fingerprint checked against the sweep's).",
        f"- Recipe: batch {args.batch}, {args.epochs} epochs, Adam at lr {args.lr:g}, cosine "
        f"schedule per epoch to 1e-6, seeds 0-{args.seeds - 1} (a seed sets the initial weights "
        f"and the shuffling; the two tools draw different numbers from it).",
        f"- Accuracy: macro average of per-class recall on the validation split after the last "
        f"epoch. Sweeplab: one sweep, {ours_seconds:.0f} s; PyTorch {any_run['torch_version']} "
        f"resident loop, one thread per run, {python_seconds:.0f} s.",
        "",
        rows,
        "",
        verdicts,
    ])
    print(text)
    if args.doc:
        update_doc(os.path.join(SOURCE, "docs", "performance.md"), "accuracy", text)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
