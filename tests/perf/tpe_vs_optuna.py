#!/usr/bin/python3
"""Sweeplab's TPE against Optuna's TPESampler on Branin and Hartmann-6.

Runs sweeplab-tpe-bench (seeds 0..19, 50 trials each, JSON on stdout) and Optuna's TPESampler
with its default settings on the same functions, search spaces and budget, and prints the
median and mean best value of each side by side, with Sweeplab's TPE with normalised kernels
(TpeOptions::normalizedKernels) and random search for reference. The bar: Sweeplab's default
TPE has a median best at least as good (as low) as Optuna's on each function.

    /usr/bin/python3 tests/perf/tpe_vs_optuna.py [--bench build/tests/perf/sweeplab-tpe-bench]

Needs Debian's python3-optuna (3.1). Exits 1 when the bar is missed on a function.
"""

import argparse
import json
import math
import random as random_module
import statistics
import subprocess
import sys
import time

import optuna


def branin(x1, x2):
    b = 5.1 / (4.0 * math.pi**2)
    c = 5.0 / math.pi
    t = 1.0 / (8.0 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6.0) ** 2 + 10.0 * (1.0 - t) * math.cos(x1) + 10.0


ALPHA = [1.0, 1.2, 3.0, 3.2]
A = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
     [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
P = [[0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886],
     [0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991],
     [0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650],
     [0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381]]


def hartmann6(x):
    total = 0.0
    for i in range(4):
        inner = sum(A[i][j] * (x[j] - P[i][j]) ** 2 for j in range(6))
        total += ALPHA[i] * math.exp(-inner)
    return -total


OBJECTIVES = {
    "branin": lambda t: branin(t.suggest_float("x1", -5.0, 10.0),
                               t.suggest_float("x2", 0.0, 15.0)),
    "hartmann6": lambda t: hartmann6([t.suggest_float(f"x{j}", 0.0, 1.0) for j in range(1, 7)]),
}


def optuna_best(name, seeds, trials):
    best = []
    for seed in range(seeds):
        study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
        study.optimize(OBJECTIVES[name], n_trials=trials)
        best.append(study.best_value)
    return best


def median_gap_interval(ours, theirs, resamples=2000):
    """95 % bootstrap interval of median(ours) - median(theirs): how far seed noise reaches."""
    rng = random_module.Random(0)
    gaps = sorted(statistics.median(rng.choices(ours, k=len(ours)))
                  - statistics.median(rng.choices(theirs, k=len(theirs)))
                  for _ in range(resamples))
    return gaps[int(0.025 * resamples)], gaps[int(0.975 * resamples) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", default="build/tests/perf/sweeplab-tpe-bench")
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--trials", type=int, default=50)
    args = parser.parse_args()
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    ours = json.loads(subprocess.run([args.bench, str(args.seeds), str(args.trials)],
                                     check=True, capture_output=True, text=True).stdout)
    print(f"Optuna {optuna.__version__}; {args.seeds} seeds x {args.trials} trials; "
          "best value found (lower is better)")
    print(f"{'function':<10} {'':>8} {'Sweeplab TPE':>13} {'Optuna TPE':>11} "
          f"{'TPE normalised':>15} {'Sweeplab random':>16}")
    missed = []
    for name in OBJECTIVES:
        start = time.monotonic()
        theirs = optuna_best(name, args.seeds, args.trials)
        optuna_seconds = time.monotonic() - start
        tpe = ours["functions"][name]["tpe"]
        normalized = ours["functions"][name]["tpe_normalized"]
        random = ours["functions"][name]["random"]
        for label, stat in (("median", statistics.median), ("mean", statistics.mean)):
            print(f"{name:<10} {label:>8} {stat(tpe):>13.4f} {stat(theirs):>11.4f} "
                  f"{stat(normalized):>15.4f} {stat(random):>16.4f}")
        print(f"{name:<10} {'seconds':>8} {ours['functions'][name]['tpe_seconds']:>13.2f} "
              f"{optuna_seconds:>11.2f}")
        low, high = median_gap_interval(tpe, theirs)
        print(f"{name:<10} median gap (Sweeplab - Optuna) "
              f"{statistics.median(tpe) - statistics.median(theirs):+.4f}, "
              f"95 % bootstrap interval [{low:+.4f}, {high:+.4f}]")
        if statistics.median(tpe) > statistics.median(theirs):
            missed.append(name)
    if missed:
        print("bar missed (Sweeplab's median best is worse than Optuna's) on: " + ", ".join(missed))
        return 1
    print("bar met: Sweeplab's median best is at least as good as Optuna's on every function")
    return 0


if __name__ == "__main__":
    sys.exit(main())
