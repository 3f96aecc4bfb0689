#!/usr/bin/python3
"""Cost preview against the real thing: `sweeplab-cli plan` and then `sweeplab-cli run` on each of
the four lab studies (experiments/*.yaml, as whole_lab.py runs them), the estimated against the
measured wall time and their ratio. The bar (docs/search.md): within 25 % on each study.

  tests/perf/cost_preview.py --build build [--retime] [--studies quick_demo ...] [--doc]

The plan runs first, so that its timings are in the cache and the dataset prepared; --retime
measures the timings again instead of reading the cache. The run's wall time is that of the whole
`sweeplab-cli run` process, as a person waits for it, with the run store in a temporary folder.
--doc rewrites the figures block of docs/search.md.
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from write_report import cpu_model, update_doc  # noqa: E402

STUDIES = ["batch_size", "epochs", "learning_rate", "tiny_vs_x10"]
BAR = 0.25
TOTAL = re.compile(r"^total: .*\(([0-9.]+) s\)$", re.M)
QUIET = re.compile(r"^the machine is busy: .*\(([0-9.]+) s\)$", re.M)


def loadavg():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def plan(cli, experiment, retime):
    command = [cli, "plan", experiment, "--quiet"] + (["--retime"] if retime else [])
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"cost_preview.py: plan {experiment} failed:\n{done.stderr[-3000:]}")
    estimate = float(TOTAL.search(done.stdout).group(1))
    quiet = QUIET.search(done.stdout)
    return estimate, float(quiet.group(1)) if quiet else estimate, seconds, done.stdout


def run(cli, experiment, work):
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"))
    start = time.perf_counter()
    done = subprocess.run([cli, "run", experiment, "--out", os.path.join(work, "runs"), "--quiet"],
                          capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"cost_preview.py: run {experiment} failed:\n{done.stderr[-3000:]}")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--retime", action="store_true")
    parser.add_argument("--studies", nargs="+", default=STUDIES)
    parser.add_argument("--verbose", action="store_true", help="print each plan too")
    parser.add_argument("--doc", action="store_true", help="rewrite docs/search.md's block")
    args = parser.parse_args()
    cli = os.path.join(os.path.abspath(args.build), "app", "sweeplab-cli")
    rows = []
    load_before = loadavg()
    for study in args.studies:
        experiment = os.path.join(SOURCE, "experiments", study + ".yaml")
        estimate, quiet, plan_seconds, text = plan(cli, experiment, args.retime)
        if args.verbose:
            print(text, flush=True)
        with tempfile.TemporaryDirectory(prefix="sweeplab-cost-") as work:
            actual = run(cli, experiment, work)
        ratio = estimate / actual
        rows.append((study, estimate, actual, ratio, plan_seconds, quiet))
        print(f"{study}: estimated {estimate:.1f} s ({quiet:.1f} s on a free machine), ran "
              f"{actual:.1f} s, ratio {ratio:.2f} (plan took {plan_seconds:.1f} s)", flush=True)
    load_after = loadavg()
    lines = ["| study | estimated | (on a free machine) | actual | estimate / actual | plan took |",
             "|---|---:|---:|---:|---:|---:|"]
    for study, estimate, actual, ratio, plan_seconds, quiet in rows:
        lines.append(f"| {study} | {estimate:.1f} s | {quiet:.1f} s | {actual:.1f} s | "
                     f"{ratio:.2f} | {plan_seconds:.1f} s |")
    met = all(abs(row[3] - 1) <= BAR for row in rows)
    worst = max(abs(row[3] - 1) for row in rows)
    text = "\n".join([
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} with `tests/perf/cost_preview.py"
        f"{' --retime' if args.retime else ''}` on {cpu_model()}, {os.cpu_count()} cores "
        f"(load average {load_before} before, {load_after} after); each study file as it is "
        f"in experiments/, `plan` then `run`.",
        "",
        *lines,
        "",
        f"Bar: every estimate within {BAR:.0%} of the actual wall time: "
        f"{'met' if met else 'MISSED'} (largest difference {worst:.0%}).",
    ])
    print(text)
    if args.doc:
        update_doc(os.path.join(SOURCE, "docs", "search.md"), "cost", text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
