#!/usr/bin/python3
"""Search end to end on the built-in data: experiments/random_search.yaml (40 trials, 100,000
synthetic jets) trained by `sweeplab-cli run` as (a) random search, (b) TPE and (c) TPE with the
file's ASHA pruning, for a few search seeds. The bar (docs/search.md): (c) finds a best validation
accuracy within 0.5 points of (a)'s in at most 40 % of (a)'s wall time.

  tests/perf/search_end_to_end.py --build build [--seeds 0 1 2] [--rounds 2] [--doc]

Each run is the whole `sweeplab-cli run` process, as a person waits for it, with the dataset
cache and the run store in a temporary folder (the dataset is prepared once before the first
timed run). Within a round the three methods run one after the other for each seed, so that a
change of the machine's load hits all three alike. The best is the study's objective, the val acc
at the epoch of lowest val loss, over the trials that completed (a pruned trial never sets the
best). --doc rewrites the results block of docs/search.md.
"""

import argparse
import datetime
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

EXPERIMENT = os.path.join(SOURCE, "experiments", "random_search.yaml")
# name, what the table calls it, the overrides of the file
METHODS = [
    ("a", "(a) random", ["search.method=random", "pruning.method=none"]),
    ("b", "(b) tpe", ["search.method=tpe", "pruning.method=none"]),
    ("c", "(c) tpe + asha", ["search.method=tpe"]),
]
POINTS = 0.005  # half a point of accuracy
TIME_SHARE = 0.40


def loadavg():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def sets(overrides):
    return [arg for override in overrides for arg in ("--set", override)]


def run(cli, overrides, work, name):
    out = os.path.join(work, "runs", name)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, "cache"),
               XDG_DATA_HOME=os.path.join(work, "data"))
    command = [cli, "run", EXPERIMENT, "--out", out, "--quiet"] + sets(overrides)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"search_end_to_end.py: {' '.join(command)} failed ({done.returncode}):\n"
                 f"{done.stderr[-3000:]}")
    (folder,) = os.listdir(out)
    with open(os.path.join(out, folder, "summary.json")) as handle:
        trials = json.load(handle)["trials"]
    completed = [t["best_val_acc"] for t in trials if t["status"] == "finished"]
    return {
        "seconds": seconds,
        "best": max(completed) if completed else float("nan"),
        "pruned": sum(t["status"] == "pruned" for t in trials),
        "epochs": sum(t["epochs_completed"] for t in trials),
        "steps": sum(t["steps"] for t in trials),  # optimizer steps: an epoch's depend on the batch
        # Trials trained together as one computation (batching: auto) carry their group's number.
        "grouped": sum(t.get("group", 0) > 0 for t in trials),
    }


def mean(values):
    return statistics.mean(values) if values else float("nan")


def table_row(label, seed, runs, bold):
    """One row of the results table: the means of `runs`, the time and best in bold for a mean."""
    mark = "**" if bold else ""
    seconds, best = mean([r["seconds"] for r in runs]), mean([r["best"] for r in runs])
    return (f"| {mark}{label}{mark} | {seed} | {mark}{seconds:.1f} s{mark} | "
            f"{mark}{100 * best:.2f} %{mark} | "
            f"{mean([r['pruned'] for r in runs]):.{1 if bold else 0}f} | "
            f"{mean([r['epochs'] for r in runs]):.0f} | {mean([r['steps'] for r in runs]):,.0f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--doc", action="store_true", help="rewrite docs/search.md's block")
    args = parser.parse_args()
    cli = os.path.join(os.path.abspath(args.build), "app", "sweeplab-cli")
    results = {key: [] for key, _, _ in METHODS}  # key -> [(seed, round, result)]
    load_before = loadavg()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sweeplab-search-e2e-") as work:
        # Prepares the dataset in the cache, so that no timed run pays for it.
        run(cli, ["search.trials=1", "training.max_epochs=1", "pruning.method=none"], work,
            "prepare")
        for round_ in range(args.rounds):
            for seed in args.seeds:
                for key, label, overrides in METHODS:
                    result = run(cli, overrides + [f"search.seed={seed}"], work,
                                 f"{key}-{seed}-{round_}")
                    results[key].append((seed, round_, result))
                    print(f"round {round_ + 1}, seed {seed}, {label}: {result['seconds']:.1f} s, "
                          f"best val acc {result['best']:.4f}, {result['pruned']} pruned, "
                          f"{result['epochs']} epochs ({result['steps']} steps) trained, "
                          f"{result['grouped']} trials in groups (load {loadavg()})", flush=True)
    load_after = loadavg()
    total_minutes = (time.perf_counter() - started) / 60

    lines = ["| study | seed | wall time | best val acc | pruned trials | epochs trained | "
             "steps trained |", "|---|---:|---:|---:|---:|---:|---:|"]
    for key, label, _ in METHODS:
        for seed in args.seeds:
            runs = [r for s, _, r in results[key] if s == seed]
            lines.append(table_row(label, str(seed), runs, bold=False))
    summary = {}
    for key, label, _ in METHODS:
        runs = [r for _, _, r in results[key]]
        summary[key] = (mean([r["seconds"] for r in runs]), mean([r["best"] for r in runs]))
        lines.append(table_row(label, "mean", runs, bold=True))

    gap = summary["c"][1] - summary["a"][1]  # negative: (c) found less
    share = summary["c"][0] / summary["a"][0]
    met = gap >= -POINTS and share <= TIME_SHARE
    per_seed = []
    for seed in args.seeds:
        a = [r for s, _, r in results["a"] if s == seed]
        c = [r for s, _, r in results["c"] if s == seed]
        seed_gap = mean([r["best"] for r in c]) - mean([r["best"] for r in a])
        seed_share = mean([r["seconds"] for r in c]) / mean([r["seconds"] for r in a])
        per_seed.append(f"seed {seed}: {100 * seed_gap:+.2f} points in {seed_share:.0%} of the "
                        "time")
    rounds = f" --rounds {args.rounds}" if args.rounds != 1 else ""
    text = "\n".join([
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} with `tests/perf/search_end_to_end.py "
        f"--seeds {' '.join(map(str, args.seeds))}{rounds}` on {cpu_model()}, {os.cpu_count()} "
        f"cores (load average {load_before} before, {load_after} after; {total_minutes:.1f} "
        f"minutes in all); experiments/random_search.yaml as it is but for the method, the "
        f"pruning and the seed; figures are means over {args.rounds} round(s).",
        "",
        *lines,
        "",
        f"Bar: (c) within {100 * POINTS:.1f} points of (a)'s best in at most {TIME_SHARE:.0%} of "
        f"(a)'s wall time: {'met' if met else 'MISSED'} ((c)'s best minus (a)'s, mean over the "
        f"seeds: {100 * gap:+.2f} points in {share:.0%} of the time; {'; '.join(per_seed)}).",
    ])
    print(text)
    if args.doc:
        update_doc(os.path.join(SOURCE, "docs", "search.md"), "search-e2e", text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
