#!/usr/bin/python3
"""Importance against Optuna: Sweeplab's fANOVA shares next to Optuna's FanovaImportanceEvaluator.

For three result tables, the same trials go to both tools: `sweeplab-cli importance RUNDIR
--format csv --seed S` on a run folder, and an Optuna study built with create_trial/add_trial
from the same parameters and results (batch size an IntDistribution, learning rate a log
FloatDistribution, a model a CategoricalDistribution). Each side runs five forest seeds; the
table gives each key's mean share ± std over the seeds and whether the rankings agree.

  1. the batch-size x learning-rate study (experiments/batch_size_x_learning_rate.yaml): a run
     folder given with --run, or trained here first (about a minute);
  2. synthetic: batch size drives the result, learning rate is noise (5 x 5 grid, 3 seeds);
  3. synthetic: a model (categorical) and learning rate drive it, with an interaction between
     them, batch size is noise (3 x 5 x 5 grid, 2 seeds).

Optuna 3.1's evaluator fits a log-scale parameter in linear space (its _SearchSpaceTransform with
transform_log=False), where Sweeplab fits its logarithm. So Optuna runs twice: with the learning
rate as given, and with log10 of it as a plain float, the like-for-like comparison.

Needs Debian's python3-optuna and python3-sklearn (apt-get install python3-optuna
python3-sklearn); the results go to docs/insight.md.

  tests/perf/importance_vs_optuna.py --build build [--run RUNDIR]
"""

import argparse
import datetime
import json
import math
import os
import platform
import random
import subprocess
import sys
import tempfile

import optuna
import sklearn
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.importance import FanovaImportanceEvaluator

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
SEEDS = range(5)
STUDY = "batch_size_x_learning_rate"


def run(command):
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{out.stderr}")
    return out.stdout


def train_study(cli, out_dir):
    experiment = os.path.join(SOURCE, "experiments", STUDY + ".yaml")
    out = run([cli, "run", experiment, "--out", out_dir, "--store", "none", "--quiet"])
    return out.rsplit("Run folder: ", 1)[1].splitlines()[0].strip()


def trials_of(run_dir):
    """(params, test accuracy) of each finished trial, with the swept values as written."""
    with open(os.path.join(run_dir, "summary.json")) as f:
        summary = json.load(f)
    return [(dict(t["swept"]), t["test_acc"]) for t in summary["trials"]
            if t["status"] == "finished" and t.get("test_acc") is not None]


def write_run_folder(folder, trials):
    """A run folder whose summary.json holds `trials` as finished trials; what `importance`
    reads."""
    os.makedirs(folder, exist_ok=True)
    records = []
    for i, (params, value) in enumerate(trials):
        label = ", ".join(f"{k.split('.')[-1]}={v}" for k, v in params.items())
        records.append({"index": i, "label": label, "swept": params, "status": "finished",
                        "model": params.get("model.name", "jsc-tiny"), "test_acc": value,
                        "epochs_completed": 1, "wall_seconds": 1.0, "folder": f"{i:03d}"})
    with open(os.path.join(folder, "summary.json"), "w") as f:
        json.dump({"format_version": 1, "experiment_name": os.path.basename(folder),
                   "trials": records}, f)
    return folder


BATCHES = ["32", "64", "128", "256", "512"]
RATES = ["1e-5", "1e-4", "1e-3", "1e-2", "1e-1"]
MODELS = ["jsc-tiny", "jsc-s", "jsc-tiny-x10"]


def batch_drives():
    noise = random.Random(1)
    trials = []
    for batch in BATCHES:
        for rate in RATES:
            for _ in range(3):
                value = 0.72 - 0.015 * math.log2(int(batch) / 32) + noise.gauss(0, 0.004)
                trials.append(({"training.batch_size": batch, "training.learning_rate": rate},
                               value))
    return trials


def model_and_rate_drive():
    noise = random.Random(2)
    effect = {"jsc-tiny": 0.0, "jsc-s": 0.03, "jsc-tiny-x10": 0.06}
    trials = []
    for model in MODELS:
        for batch in BATCHES:
            for rate in RATES:
                for _ in range(2):
                    decade = -math.log10(float(rate))  # 1 .. 5
                    # Best at 1e-3; the larger models suffer less from a rate far from it.
                    penalty = 0.02 * abs(decade - 3) * (1.5 - effect[model] / 0.06)
                    value = 0.65 + effect[model] - penalty + noise.gauss(0, 0.004)
                    trials.append(({"model.name": model, "training.batch_size": batch,
                                    "training.learning_rate": rate}, value))
    return trials


def distribution(key, values, log_rate):
    if key == "training.learning_rate":
        numbers = [float(v) for v in values]
        if log_rate:
            return FloatDistribution(math.log10(min(numbers)), math.log10(max(numbers)))
        return FloatDistribution(min(numbers), max(numbers), log=True)
    if key == "training.batch_size":
        numbers = [int(v) for v in values]
        return IntDistribution(min(numbers), max(numbers))
    return CategoricalDistribution(sorted(set(values), key=values.index))


def optuna_importances(trials, seed, log_rate):
    keys = list(trials[0][0])
    distributions = {k: distribution(k, [p[k] for p, _ in trials], log_rate) for k in keys}
    study = optuna.create_study(direction="maximize")
    for params, value in trials:
        converted = {}
        for k, v in params.items():
            d = distributions[k]
            if isinstance(d, CategoricalDistribution):
                converted[k] = v
            elif isinstance(d, IntDistribution):
                converted[k] = int(v)
            else:
                converted[k] = math.log10(float(v)) if log_rate else float(v)
        study.add_trial(optuna.trial.create_trial(params=converted, distributions=distributions,
                                                  value=value))
    evaluator = FanovaImportanceEvaluator(seed=seed)
    return dict(optuna.importance.get_param_importances(study, evaluator=evaluator))


def sweeplab_importances(cli, run_dir, seed):
    out = run([cli, "importance", run_dir, "--format", "csv", "--seed", str(seed)])
    rows = [line.split(",") for line in out.strip().splitlines()[1:]]
    return {key: float(share) for key, share in rows}


def mean_std(values):
    mean = sum(values) / len(values)
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))
    return mean, std


def compare(cli, name, run_dir):
    trials = trials_of(run_dir)
    sides = {
        "Sweeplab": [sweeplab_importances(cli, run_dir, s) for s in SEEDS],
        "Optuna, lr as log10": [optuna_importances(trials, s, True) for s in SEEDS],
        "Optuna, lr log=True": [optuna_importances(trials, s, False) for s in SEEDS],
    }
    keys = list(trials[0][0])
    summary = {side: {k: mean_std([r[k] for r in runs]) for k in keys}
               for side, runs in sides.items()}
    rankings = {side: sorted(keys, key=lambda k: -summary[side][k][0]) for side in sides}
    return {"name": name, "trials": len(trials), "keys": keys, "summary": summary,
            "rankings": rankings}


def report(results, when, machine):
    sides = list(results[0]["summary"])
    lines = [f"Measured {when} with `tests/perf/importance_vs_optuna.py` on {machine}; "
             f"Optuna {optuna.__version__} with scikit-learn {sklearn.__version__}. Each share is the mean ± std over forest seeds "
             f"{SEEDS.start}-{SEEDS.stop - 1}.", ""]
    lines.append("| table | trials | key | " + " | ".join(sides) + " |")
    lines.append("|---|---:|---|" + "---:|" * len(sides))
    for r in results:
        for i, key in enumerate(sorted(r["keys"], key=lambda k: r["rankings"]["Sweeplab"].index(k))):
            cells = [f"{m:.3f} ± {s:.3f}" for m, s in (r["summary"][side][key] for side in sides)]
            lines.append(f"| {r['name'] if i == 0 else ''} | {r['trials'] if i == 0 else ''} | "
                         f"`{key}` | " + " | ".join(cells) + " |")
    lines.append("")
    for r in results:
        ours = r["rankings"]["Sweeplab"]
        verdicts = []
        for side in sides[1:]:
            theirs = r["rankings"][side]
            verdict = "same ranking" if theirs == ours else "differs: " + " > ".join(theirs)
            verdicts.append(f"{side}: {verdict}")
        lines.append(f"- {r['name']}: Sweeplab ranks {' > '.join(ours)}; " + "; ".join(verdicts))
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--run", help="a finished run folder of the batch-size x learning-rate "
                                      "study (trained here when not given)")
    args = parser.parse_args()
    cli = os.path.join(args.build, "app", "sweeplab-cli")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    with tempfile.TemporaryDirectory() as work:
        study_dir = args.run or train_study(cli, os.path.join(work, "runs"))
        results = [
            compare(cli, "batch size x learning rate study", study_dir),
            compare(cli, "synthetic: batch size drives",
                    write_run_folder(os.path.join(work, "batch_drives"), batch_drives())),
            compare(cli, "synthetic: model and lr drive",
                    write_run_folder(os.path.join(work, "model_rate"), model_and_rate_drive())),
        ]
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    cpu = platform.processor() or platform.machine()
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    print(report(results, when, f"{cpu}, {os.cpu_count()} cores"))


if __name__ == "__main__":
    main()
