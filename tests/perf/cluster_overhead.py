#!/usr/bin/python3
"""The cost of the cluster path: one study run locally and the same study submitted to a real
one-node Slurm on this machine (tests/support/slurm_cluster.sh), side by side, repeated. The
cluster time runs from `submit` to the moment `status` says every trial has ended; the
overhead per trial is the difference divided by the number of trials.

    tests/perf/cluster_overhead.py [--build DIR] [--rounds N] [FILE ...]

Needs root (slurmd starts jobs as their owner) and Debian's slurm-wlm and munge."""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))


def timed(command, env):
    start = time.monotonic()
    subprocess.run(command, check=True, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.monotonic() - start


def cluster_run(cli, study, out, env):
    start = time.monotonic()
    submitted = subprocess.run([cli, "submit", study, "--slurm", "--out", out, "--quiet",
                                "--store", "none"],
                               check=True, env=env, stdout=subprocess.PIPE, text=True).stdout
    run_dir = re.search(r"Run folder: (.+)", submitted).group(1)
    trials = int(re.search(r": (\d+) trials in", submitted).group(1))
    while True:
        status = subprocess.run([cli, "status", run_dir], check=True, env=env,
                                stdout=subprocess.PIPE, text=True).stdout
        first = status.splitlines()[0]
        counts = dict((state, int(n)) for n, state in re.findall(r"(\d+) (\w+)", first.split(":", 1)[1]))
        ended = sum(n for state, n in counts.items()
                    if state in ("finished", "diverged", "failed", "pruned", "cancelled"))
        if ended == trials:
            return time.monotonic() - start, trials
        time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("studies", nargs="*",
                        default=[os.path.join(SOURCE, "experiments", name)
                                 for name in ("quick_demo.yaml", "learning_rate.yaml")])
    args = parser.parse_args()
    cli = os.path.join(args.build, "app", "sweeplab-cli")
    script = os.path.join(SOURCE, "tests", "support", "slurm_cluster.sh")
    with tempfile.TemporaryDirectory(prefix="sweeplab-cluster-bench-") as work:
        cluster = os.path.join(work, "slurm")
        subprocess.run([script, "start", cluster], check=True, stdout=subprocess.DEVNULL)
        try:
            env = dict(os.environ)
            env["SLURM_CONF"] = os.path.join(cluster, "slurm.conf")
            print(f"load before: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores; "
                  f"one {os.cpu_count()}-CPU Slurm node on this machine")
            print("| study | trials | local (s) | Slurm, submit to finished (s) | overhead per trial (s) |")
            print("|---|---|---|---|---|")
            for study in args.studies:
                local, cluster_times, trials = [], [], 0
                for round_ in range(args.rounds):
                    out = os.path.join(work, f"runs-{round_}")
                    local.append(timed([cli, "run", study, "--out", out, "--store", "none",
                                        "--quiet"], env))
                    seconds, trials = cluster_run(cli, study, out, env)
                    cluster_times.append(seconds)
                l, c = statistics.median(local), statistics.median(cluster_times)
                print(f"| {os.path.basename(study)} | {trials} | {l:.1f} | {c:.1f} | "
                      f"{(c - l) / trials:.2f} |", flush=True)
            print(f"load after: {os.getloadavg()[0]:.2f}")
        finally:
            subprocess.run([script, "stop", cluster], stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    sys.exit(main())
