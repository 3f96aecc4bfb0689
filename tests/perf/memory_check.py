#!/usr/bin/python3
"""Peak memory of a sweep: a 5-trial sweep trained side by side (parallel_trials 5) against a
single trial on the same data, both measured as the peak resident set size of sweeplab-cli
(/usr/bin/time -v). The trials share one copy of the dataset, so the bar is at most 1.5x.

  tests/perf/memory_check.py --build build [--samples N] [--epochs N] [--trials N] [--doc]
"""

import argparse
import datetime
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from write_report import cpu_model, update_doc  # noqa: E402

BAR = 1.5
EXPERIMENT = """\
name: memory_{trials}
dataset:
  source: synthetic-jsc
  samples: {samples}
model: jsc-tiny
training:
  batch_size: 256
  max_epochs: {epochs}
  learning_rate: 0.001
repeats: {trials}
device: cpu
parallel_trials: {trials}
"""


def peak_rss_kib(cli, work, samples, epochs, trials):
    experiment = os.path.join(work, f"memory_{trials}.yaml")
    with open(experiment, "w") as handle:
        handle.write(EXPERIMENT.format(samples=samples, epochs=epochs, trials=trials))
    done = subprocess.run(["/usr/bin/time", "-v", cli, "run", experiment, "--out",
                           os.path.join(work, "runs"), "--quiet"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"memory_check.py: the {trials}-trial sweep failed:\n{done.stderr[-3000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr)
    if not found:
        sys.exit("memory_check.py: /usr/bin/time -v printed no maximum resident set size")
    return int(found.group(1)), wall.group(1) if wall else "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--samples", type=int, default=830000)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--doc", action="store_true", help="rewrite docs/performance.md's block")
    args = parser.parse_args()
    cli = os.path.join(os.path.abspath(args.build), "app", "sweeplab-cli")
    if not os.access(cli, os.X_OK) or not os.access("/usr/bin/time", os.X_OK):
        sys.exit(f"memory_check.py: needs {cli} (cmake --build {args.build} --target "
                 f"sweeplab-cli) and /usr/bin/time (Debian package 'time')")
    with tempfile.TemporaryDirectory(prefix="sweeplab-memory-") as work:
        # The first run may generate the dataset and fill the cache; both measured runs read it.
        peak_rss_kib(cli, work, args.samples, 1, 1)
        single, single_wall = peak_rss_kib(cli, work, args.samples, args.epochs, 1)
        many, many_wall = peak_rss_kib(cli, work, args.samples, args.epochs, args.trials)
    ratio = many / single
    text = "\n".join([
        f"Measured {datetime.datetime.now():%Y-%m-%d %H:%M} with `tests/perf/memory_check.py` on "
        f"{cpu_model()}: synthetic-jsc, {args.samples} rows, jsc-tiny at batch 256, "
        f"{args.epochs} epoch(s), dataset from the cache, peak resident set size of "
        f"`sweeplab-cli run` from `/usr/bin/time -v`.",
        "",
        "| sweep | peak RSS | wall time | ratio |",
        "|---|---:|---:|---:|",
        f"| 1 trial | {single / 1024:.0f} MiB | {single_wall} | 1.00x |",
        f"| {args.trials} trials, parallel_trials {args.trials} | {many / 1024:.0f} MiB | "
        f"{many_wall} | {ratio:.2f}x |",
        "",
        f"Bar: at most {BAR}x: {'met' if ratio <= BAR else 'NOT met'}.",
    ])
    print(text)
    if args.doc:
        update_doc(os.path.join(SOURCE, "docs", "performance.md"), "memory", text)
    return 0 if ratio <= BAR else 1


if __name__ == "__main__":
    sys.exit(main())
