#!/usr/bin/python3
"""Turns the JSON lines of run_benchmarks.sh into the comparison table, checks the speed bars,
and rewrites one marked block of docs/performance.md (the prose around it stays as written)."""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys

# jsc-tiny at batch 256, full size: Sweeplab's epoch at most 1/10 of the DataLoader loop's and
# at most 1/3 of the resident loop's.
BAR_DATALOADER = 10
BAR_RESIDENT = 3


def cpu_model():
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def package_version(name):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True,
                             text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not installed"


def seconds(value):
    return f"{value:.2f}" if value >= 0.995 else f"{value:.3f}"


def build_rows(records):
    runs = {}
    for record in records:
        key = (record["model"], record["batch"])
        runs.setdefault(key, {})[record["tool"]] = record
    rows = []
    for (model, batch), tools in runs.items():
        ours = tools.get("sweeplab")
        resident = tools.get("pytorch-resident")
        loader = tools.get("pytorch-dataloader")
        if not (ours and resident and loader):
            continue
        base = ours["median_epoch_seconds"]
        notes = []
        for record in (resident, loader):
            if record["scaled"]:
                notes.append(f"{record['tool'][8:]}: {record['timed_steps_per_epoch']} of "
                             f"{record['steps_per_epoch']} steps timed, scaled")
        rows.append({
            "model": model, "batch": batch, "steps": ours["steps_per_epoch"],
            "ours": base, "ours_ms": ours["ms_per_step"],
            "ours_with_val": ours["median_with_validation_seconds"],
            "resident": resident["median_epoch_seconds"],
            "loader": loader["median_epoch_seconds"],
            "loader_ratio": loader["median_epoch_seconds"] / base,
            "resident_ratio": resident["median_epoch_seconds"] / base,
            "note": "; ".join(notes),
        })
    return rows


def table(rows):
    lines = [
        "| model | batch | steps/epoch | Sweeplab s/epoch (ms/step) | with validation | "
        "PyTorch resident | PyTorch DataLoader | DataLoader / Sweeplab | resident / Sweeplab | "
        "note |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['model']} | {r['batch']} | {r['steps']} | {seconds(r['ours'])} "
            f"({r['ours_ms']:.3f}) | {seconds(r['ours_with_val'])} | {seconds(r['resident'])} | "
            f"{seconds(r['loader'])} | {r['loader_ratio']:.1f}x | {r['resident_ratio']:.1f}x | "
            f"{r['note']} |")
    return "\n".join(lines)


def verdict(rows):
    for r in rows:
        if r["model"] == "jsc-tiny" and r["batch"] == 256:
            passed = r["loader_ratio"] >= BAR_DATALOADER and r["resident_ratio"] >= BAR_RESIDENT
            return passed, (
                f"Bar (jsc-tiny, batch 256: Sweeplab's epoch at most 1/{BAR_DATALOADER} of the "
                f"DataLoader loop's and at most 1/{BAR_RESIDENT} of the resident loop's): "
                f"{'met' if passed else 'NOT met'}; Sweeplab is {r['loader_ratio']:.1f}x faster "
                f"than the DataLoader loop (bar {BAR_DATALOADER}x) and "
                f"{r['resident_ratio']:.1f}x faster than the resident loop (bar {BAR_RESIDENT}x).")
    return True, "(jsc-tiny at batch 256 was not measured in this run)"


def block(records, rows, args):
    ours = next(r for r in records if r["tool"] == "sweeplab")
    python = next(r for r in records if r["tool"] != "sweeplab")
    _, bars = verdict(rows)
    date = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return "\n".join([
        f"Measured {date} with `tests/perf/run_benchmarks.sh"
        f"{' --full' if args.mode == 'full' else ''}`.",
        "",
        f"- Machine: {cpu_model()}, {os.cpu_count()} cores; load average (1, 5, 15 min) "
        f"{args.load_before} before, {args.load_after} after; benchmark processes at "
        f"niceness {os.nice(0)}.",
        f"- Sweeplab: LibTorch {ours['libtorch_version']} (Debian libtorch1.13 "
        f"{package_version('libtorch1.13')}), BLAS {ours['blas']}"
        f"{' (the slow reference BLAS)' if ours['reference_blas'] else ''}; "
        f"dataset: {ours['dataset']}, {ours['rows']} training rows.",
        f"- PyTorch: {python['torch_version']} (Debian python3-torch "
        f"{package_version('python3-torch')}), Python {python['python_version']}, "
        f"{python['threads']} intra-op threads, BLAS {python['blas']}; random standardized "
        f"data of the same shape.",
        f"- Times are medians of the epochs after one warm-up epoch; training steps only "
        f"(\"with validation\" adds Sweeplab's per-epoch validation and reporting).",
        "",
        table(rows),
        "",
        bars,
    ])


def update_doc(path, mode, text):
    begin, end = f"<!-- results:{mode}:begin -->", f"<!-- results:{mode}:end -->"
    with open(path) as handle:
        doc = handle.read()
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if not pattern.search(doc):
        sys.exit(f"write_report.py: {path} has no '{begin}' ... '{end}' block to replace")
    doc = pattern.sub(lambda _: f"{begin}\n{text}\n{end}", doc)
    with open(path, "w") as handle:
        handle.write(doc)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="JSON lines from sweeplab-bench and python_reference.py")
    parser.add_argument("--mode", choices=["required", "full"], default="required")
    parser.add_argument("--load-before", default="?")
    parser.add_argument("--load-after", default="?")
    parser.add_argument("--doc", help="docs/performance.md to update")
    args = parser.parse_args()
    with open(args.results) as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    rows = build_rows(records)
    text = block(records, rows, args)
    print(text)
    if args.doc:
        update_doc(args.doc, args.mode, text)
        print(f"\nupdated {args.doc}")
    passed, _ = verdict(rows)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
