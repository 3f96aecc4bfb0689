#!/usr/bin/python3
"""Whole lab: the four study files of experiments/ run end to end through sweeplab-cli, timed,
at one or more parallel_trials and batching settings.

For each setting it runs batch_size, epochs, learning_rate and tiny_vs_x10 one after the other
(`sweeplab-cli run FILE --set parallel_trials=N --set batching=B`), and reports the wall time of each study and of
the lab, the trial count and the optimizer steps done (the sum of `steps` over each run's
summary.json). The bar: the whole lab in at most 15 minutes.

  tests/perf/whole_lab.py --build build [--parallel 2 1] [--batching auto off] [--save FILE]
                          [--also FILE] [--doc] [--studies quick_demo ...]

With several batching settings the lab runs once per setting, the settings taking turns study by
study, so a load that drifts meets them alike.

--save writes this run's figures as JSON; --also adds figures saved by an earlier run to the
table, so the settings can be measured one at a time and still be reported together.
"""

import argparse
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from write_report import cpu_model, update_doc  # noqa: E402

STUDIES = ["batch_size", "epochs", "learning_rate", "tiny_vs_x10"]
BAR_MINUTES = 15


def loadavg():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def run_study(cli, study, parallel, batching, out_dir):
    experiment = os.path.join(SOURCE, "experiments", study + ".yaml")
    start = time.perf_counter()
    done = subprocess.run([cli, "run", experiment, "--set", f"parallel_trials={parallel}",
                           "--set", f"batching={batching}", "--out", out_dir, "--quiet"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"whole_lab.py: {study} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    [summary_path] = glob.glob(os.path.join(out_dir, "*", "summary.json"))
    with open(summary_path) as handle:
        summary = json.load(handle)
    trials = summary["trials"]
    unfinished = [t["label"] for t in trials if t["status"] != "finished"]
    return {
        "study": study, "parallel": parallel, "seconds": seconds, "trials": len(trials),
        "steps": sum(t["steps"] for t in trials),
        "epochs": sum(t["epochs_completed"] for t in trials),
        "unfinished": unfinished,
        "val_acc": {t["label"]: t["val_acc"] for t in trials},
        "dataset": summary["dataset"],
    }


def measure(cli, parallel, batchings, studies_to_run):
    """One measurement per batching setting, the settings taking turns study by study."""
    load_before = loadavg()
    studies = {batching: [] for batching in batchings}
    with tempfile.TemporaryDirectory(prefix="sweeplab-lab-") as work:
        for study in studies_to_run:
            for batching in batchings:
                out = os.path.join(work, f"{study}-{batching}")
                result = run_study(cli, study, parallel, batching, out)
                studies[batching].append(result)
                print(f"parallel_trials={parallel} batching={batching} {study}: "
                      f"{result['trials']} trials, {result['steps']} steps, "
                      f"{result['seconds']:.1f} s", flush=True)
    load_after = loadavg()
    measured = f"{datetime.datetime.now():%Y-%m-%d %H:%M}"
    return [{"parallel": parallel, "batching": batching, "studies": studies[batching],
             "load_before": load_before, "load_after": load_after, "measured": measured}
            for batching in batchings]


def setting(m):
    return f"{m['parallel']}, batching {m.get('batching', 'off')}"


def minutes(seconds):
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def report(measurements):
    lines = ["| parallel_trials | study | trials | epochs | optimizer steps | wall time (s) | "
             "steps per second |", "|---|---|---:|---:|---:|---:|---:|"]
    totals = []
    for m in measurements:
        for s in m["studies"]:
            lines.append(f"| {setting(m)} | {s['study']} | {s['trials']} | {s['epochs']} | "
                         f"{s['steps']:,} | {s['seconds']:.1f} | "
                         f"{s['steps'] / s['seconds']:,.0f} |")
        seconds = sum(s["seconds"] for s in m["studies"])
        steps = sum(s["steps"] for s in m["studies"])
        trials = sum(s["trials"] for s in m["studies"])
        epochs = sum(s["epochs"] for s in m["studies"])
        lines.append(f"| {setting(m)} | **whole lab** | **{trials}** | **{epochs}** | "
                     f"**{steps:,}** | **{seconds:.1f}** | **{steps / seconds:,.0f}** |")
        totals.append(
            f"- parallel_trials {setting(m)} (measured {m['measured']}, load average "
            f"{m['load_before']} before, {m['load_after']} after): whole lab in "
            f"{minutes(seconds)}: {'meets' if seconds <= BAR_MINUTES * 60 else 'MISSES'} "
            f"the {BAR_MINUTES}-minute bar.")
    gap = accuracy_gap(measurements)
    if gap is not None:
        totals.append("- Final validation accuracies of every trial " +
                      ("identical between the settings." if gap == 0 else
                       f"within {gap * 100:.3f} points between the settings (a grouped trial "
                       "differs from the trial alone by float rounding)."))
    return "\n".join(lines) + "\n\n" + "\n".join(totals)


def accuracy_gap(measurements):
    """The largest difference of a trial's final validation accuracy between two settings."""
    if len(measurements) < 2:
        return None
    first = {s["study"]: s["val_acc"] for s in measurements[0]["studies"]}
    gap = 0.0
    for m in measurements[1:]:
        for s in m["studies"]:
            for label, value in s["val_acc"].items():
                gap = max(gap, abs(value - first[s["study"]][label]))
    return gap


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(SOURCE, "build"))
    parser.add_argument("--parallel", type=int, nargs="*", default=[2],
                        help="settings to measure now (none: only report --also figures)")
    parser.add_argument("--batching", nargs="+", default=["auto"], choices=["auto", "off"],
                        help="batching settings, measured taking turns")
    parser.add_argument("--save", help="write this run's figures to FILE (JSON)")
    parser.add_argument("--also", action="append", default=[],
                        help="figures saved by an earlier --save, shown in the same table")
    parser.add_argument("--studies", nargs="+", default=STUDIES,
                        help="other files of experiments/ (names without .yaml), e.g. to check "
                        "that two settings give identical accuracies on a short study")
    parser.add_argument("--doc", action="store_true", help="rewrite docs/performance.md's block")
    args = parser.parse_args()
    if args.doc and args.studies != STUDIES:
        sys.exit("whole_lab.py: --doc records the four lab studies only")
    cli = os.path.join(os.path.abspath(args.build), "app", "sweeplab-cli")
    if not os.access(cli, os.X_OK):
        sys.exit(f"whole_lab.py: {cli} not found; build it first:\n"
                 f"  cmake --build {args.build} --target sweeplab-cli")
    measurements = []
    for path in args.also:
        with open(path) as handle:
            measurements.extend(json.load(handle))
    fresh = [m for parallel in args.parallel
             for m in measure(cli, parallel, args.batching, args.studies)]
    if args.save:
        with open(args.save, "w") as handle:
            json.dump(fresh, handle, indent=1)
    measurements.extend(fresh)
    if not measurements:
        sys.exit("whole_lab.py: nothing to report: give --parallel N or --also FILE")
    measurements.sort(key=lambda m: (m["parallel"], m.get("batching", "off")))
    text = "\n".join([
        f"Measured with `tests/perf/whole_lab.py` on {cpu_model()}, {os.cpu_count()} cores; "
        f"each study file as it is in experiments/ ({measurements[0]['studies'][0]['dataset']}), "
        f"with `--set parallel_trials=N --set batching=B`.",
        "",
        report(measurements),
    ])
    print(text)
    if args.doc:
        update_doc(os.path.join(SOURCE, "docs", "performance.md"), "lab", text)
    totals = [sum(s["seconds"] for s in m["studies"]) for m in measurements]
    return 0 if all(total <= BAR_MINUTES * 60 for total in totals) else 1


if __name__ == "__main__":
    sys.exit(main())
