#!/usr/bin/python3
"""Cost of the run store: the same sweep with and without it, alternated in one run.

Each workload runs through `sweeplab-cli run` with `--store none` and with a fresh store file,
in the order A B B A A B ... so that a change of machine load falls on both alike. It reports
the training time (the sum of the trials' wall_seconds in summary.json: what the store could
slow down), the whole process time and its CPU time (user + system, every thread, the store's
writer included), the median of each, and the metric points the store received.

  tests/perf/store_overhead.py --build build [--rounds 3] [--doc]

Workloads: experiments/quick_demo.yaml as it is (a point every 10 steps) and the same with
log_every_n_steps=1 (three points every optimizer step, the most a sweep can log).
"""

import argparse
import datetime
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from write_report import cpu_model, update_doc  # noqa: E402

WORKLOADS = [
    ("quick_demo, a point every 10 steps", []),
    ("quick_demo, 3 points every step", ["--set", "training.log_every_n_steps=1"]),
]


def loadavg():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def run_once(cli, extra, store, work, cache):
    out = tempfile.mkdtemp(dir=work)
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    command = [cli, "run", os.path.join(SOURCE, "experiments", "quick_demo.yaml"), "--quiet",
               "--out", out, "--store", store] + extra
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    folder = [line.split(": ", 1)[1] for line in result.stdout.splitlines()
              if line.startswith("Run folder: ")][0]
    with open(os.path.join(folder, "summary.json")) as handle:
        trials = json.load(handle)["trials"]
    return sum(t["wall_seconds"] for t in trials), elapsed, cpu


def measure(cli, rounds, work):
    cache = os.path.join(work, "cache")
    rows = []
    for name, extra in WORKLOADS:
        times = {"off": [], "on": []}
        points = 0
        run_once(cli, extra, "none", work, cache)  # warm the dataset cache and the page cache
        for r in range(rounds):
            for variant in (("off", "on") if r % 2 == 0 else ("on", "off")):
                store = "none"
                if variant == "on":
                    store = os.path.join(work, f"store-{len(rows)}-{r}.sqlite")
                times[variant].append(run_once(cli, extra, store, work, cache))
                if variant == "on":
                    with sqlite3.connect(store) as db:
                        points = db.execute("SELECT COUNT(*) FROM metric_points").fetchone()[0]
        rows.append((name, times, points))
    return rows


def report(rows, rounds, before, after):
    lines = [
        f"Measured with `tests/perf/store_overhead.py` on {cpu_model()}, {os.cpu_count()} cores,"
        f" {datetime.datetime.now():%Y-%m-%d %H:%M}; {rounds} runs of each variant, alternated;"
        f" load average {before} before, {after} after.",
        "",
        "| workload | metric points stored | training time without store (s) | with store (s) |"
        " ratio | process time without / with (s) | CPU time without / with (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, times, points in rows:
        def median(variant, column):
            return statistics.median(run[column] for run in times[variant])
        train_off, train_on = median("off", 0), median("on", 0)
        lines.append(f"| {name} | {points:,} | {train_off:.2f} | {train_on:.2f} |"
                     f" {train_on / train_off:.3f} | {median('off', 1):.2f} / {median('on', 1):.2f}"
                     f" | {median('off', 2):.2f} / {median('on', 2):.2f} |")
    lines.append("")
    lines.append("Every run's training time (s), in the order run:")
    lines.append("")
    for name, times, _ in rows:
        off = ", ".join(f"{run[0]:.2f}" for run in times["off"])
        on = ", ".join(f"{run[0]:.2f}" for run in times["on"])
        lines.append(f"- {name}: without {off}; with {on}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--doc", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    cli = os.path.abspath(os.path.join(args.build, "app", "sweeplab-cli"))
    with tempfile.TemporaryDirectory() as work:
        before = loadavg()
        rows = measure(cli, args.rounds, work)
        text = report(rows, args.rounds, before, loadavg())
    print(text)
    if args.doc:
        update_doc(os.path.join(SOURCE, "docs", "performance.md"), "store", text)


if __name__ == "__main__":
    main()
