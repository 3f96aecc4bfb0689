#!/usr/bin/python3
"""The figures of tests/perf/gpu_check.sh from what its steps left in WORK: parity, grouped
parity, the full-size run, the whole lab, a thousand trials, grouped against one at a time and
sweeplab-bench's epochs; each against its bar. Exits with status 1 naming every parity failed, run
that did not finish and step that was skipped (a bar missed is printed as MISSES).

  gpu_check_figures.py WORK RUN_SECONDS DEVICE FAST_PATH SKIPPED_FILE
"""
import glob, json, os, sys
work, run_seconds, device, fast_path, skipped = sys.argv[1], int(sys.argv[2]), sys.argv[3], \
    sys.argv[4], sys.argv[5]

def summary(folder):
    paths = glob.glob(os.path.join(work, folder, "*", "summary.json"))
    return json.load(open(paths[0])) if paths else None

def timings(name):  # KEY<tab>seconds lines of a timed step's file
    path = os.path.join(work, name)
    return [line.split() for line in open(path)] if os.path.exists(path) else []

def unfinished(label, trials):
    left = [t["label"] for t in trials if t["status"] != "finished"]
    if left:
        failed.append(f"{label}: unfinished trials {left}")

failed = []
cpu, gpu = summary("parity-cpu"), summary("parity-device")
if cpu and gpu:
    cpu, gpu = cpu["trials"][0], gpu["trials"][0]
    print(f"\nparity (jsc-tiny, 100000 rows, 5 epochs, batch 256, seed {cpu['seed']}):")
    print("| device | steps | val acc | test acc | test loss |\n|---|---:|---:|---:|---:|")
    for t in (cpu, gpu):
        print(f"| {t['device']} | {t['steps']} | {100 * t['val_acc']:.2f}% | "
              f"{100 * t['test_acc']:.2f}% | {t['test_loss']:.4f} |")
    if cpu["steps"] != gpu["steps"] or abs(cpu["val_acc"] - gpu["val_acc"]) > 0.01 or \
            abs(cpu["test_acc"] - gpu["test_acc"]) > 0.01:
        failed.append("parity: the GPU run differs from the CPU run by more than a point")

on_cpu, on_device = summary("group-parity-cpu"), summary("group-parity-device")
if on_cpu and on_device:
    print("\ngrouped parity (learning_rate, 100000 rows, 3 epochs, batching auto):")
    print("| trial | group (cpu / device) | val acc cpu | val acc device | test acc cpu | "
          "test acc device |\n|---|---|---:|---:|---:|---:|")
    for a, b in zip(on_cpu["trials"], on_device["trials"]):
        print(f"| {a['label']} | {a.get('group', 0)} / {b.get('group', 0)} | "
              f"{100 * a['val_acc']:.2f}% | {100 * b['val_acc']:.2f}% | "
              f"{100 * a['test_acc']:.2f}% | {100 * b['test_acc']:.2f}% |")
        if a["status"] == "finished" and (b["status"] != "finished" or
                                          abs(a["val_acc"] - b["val_acc"]) > 0.01 or
                                          abs(a["test_acc"] - b["test_acc"]) > 0.01):
            failed.append(f"grouped parity: {a['label']} differs by more than a point")
    if not any(t.get("group", 0) > 0 for t in on_device["trials"]):
        failed.append("grouped parity: the trials did not train as a group on the device")

full = summary("full")
if full:
    trial = full["trials"][0]
    if trial["status"] != "finished":
        failed.append(f"the full-size run ended {trial['status']}: {trial['message']}")
    if device == "cuda" and "cpu" in trial["device"].lower():
        failed.append(f"the run trained on {trial['device']}, not on the GPU")
    print(f"\nsweeplab-cli run: {full['dataset']}; device {trial['device']}; LibTorch "
          f"{full['libtorch_version']}; CUDA fast path {fast_path}")
    print(f"  status {trial['status']}, {trial['epochs_completed']} epochs, {trial['steps']} "
          f"steps, val acc {100 * trial['val_acc']:.2f}%, test acc {100 * trial['test_acc']:.2f}%, "
          f"trial {trial['wall_seconds']:.1f} s, whole command {run_seconds} s")

lab = [(study, seconds) for study, seconds in timings("lab.tsv") if summary(f"lab-{study}")]
if lab:
    print("\n| study | trials | optimizer steps | wall time (s) |\n|---|---:|---:|---:|")
    total_seconds = total_steps = 0
    for study, seconds in lab:
        trials = summary(f"lab-{study}")["trials"]
        unfinished(study, trials)
        steps = sum(t["steps"] for t in trials)
        total_seconds += int(seconds)
        total_steps += steps
        print(f"| {study} | {len(trials)} | {steps:,} | {seconds} |")
    verdict = "meets" if total_seconds <= 60 else "MISSES"
    print(f"| **whole lab** | | **{total_steps:,}** | **{total_seconds}** |\n"
          f"whole lab on {device}: {total_seconds} s ({verdict} the 60 s bar)")

for _, seconds in timings("thousand.tsv"):
    thousand = summary("thousand")
    if not thousand:
        continue
    trials = thousand["trials"]
    unfinished("a thousand trials", trials)
    groups = len({t.get("group", 0) for t in trials if t.get("group", 0) > 0})
    best = max(trials, key=lambda t: t["val_acc"])
    verdict = "meets" if int(seconds) <= 120 else "MISSES"
    print(f"\na thousand trials on {device} (10 learning rates x 100 seeds, 10 epochs; "
          f"{thousand['dataset']}): "
          f"{len(trials)} trials in {groups} groups, {seconds} s ({verdict} the 2-minute bar); "
          f"best val acc {100 * best['val_acc']:.2f}% ({best['label']})")

walls = {}
for batching, seconds in timings("grouped.tsv"):
    trials = summary(f"grouped-{batching}")
    if not trials:
        continue
    trials = trials["trials"]
    if not walls:
        print(f"\nlearning_rate study on {device} (the sizes of the full-size run above):")
        print("| batching | groups | trials | wall time (s) |\n|---|---:|---:|---:|")
    unfinished(f"learning_rate, batching {batching}", trials)
    groups = len({t.get("group", 0) for t in trials if t.get("group", 0) > 0})
    walls[batching] = int(seconds)
    print(f"| {batching} | {groups} | {len(trials)} | {seconds} |")
if walls.get("auto") and walls.get("off"):
    print(f"grouped trials on {device}: {walls['off'] / walls['auto']:.2f}x the speed of one at a time")

bench = os.path.join(work, "bench.jsonl")
records = [json.loads(line) for line in open(bench) if line.strip()] if os.path.exists(bench) else []
if records:
    print("\n| model | batch | device | CUDA graphs | s/epoch | ms/step | with validation |")
    print("|---|---:|---|---|---:|---:|---:|")
for r in records:
    graphs = "-" if r["device"].lower() == "cpu" else ("on" if r["graphs"] else "off")
    print(f"| {r['model']} | {r['batch']} | {r['device']} | {graphs} | "
          f"{r['median_epoch_seconds']:.3f} | {r['ms_per_step']:.4f} | "
          f"{r['median_with_validation_seconds']:.3f} |")
def find(model, batch, on_cpu, graphs=1):
    return next((r for r in records if r["model"] == model and r["batch"] == batch and
                 (r["device"].lower() == "cpu") == on_cpu and
                 (on_cpu or r["graphs"] == graphs)), None)
tiny, eager, tiny_cpu = find("jsc-tiny", 256, False), find("jsc-tiny", 256, False, 0), \
    find("jsc-tiny", 256, True)
if tiny and eager:
    print(f"\njsc-tiny, batch 256: CUDA graphs make the epoch "
          f"{eager['median_epoch_seconds'] / tiny['median_epoch_seconds']:.2f}x faster")
if tiny and tiny_cpu:
    print(f"jsc-tiny, batch 256: the CPU epoch ({tiny_cpu['median_epoch_seconds']:.3f} s) takes "
          f"{tiny_cpu['median_epoch_seconds'] / tiny['median_epoch_seconds']:.2f}x the GPU epoch")
if tiny:
    verdict = "meets" if tiny["median_epoch_seconds"] <= 0.3 else "MISSES"
    print(f"jsc-tiny, batch 256, full size: {tiny['median_epoch_seconds']:.3f} s per epoch "
          f"({verdict} the 0.3 s bar)")

if os.path.exists(skipped):
    failed += [line.strip() for line in open(skipped) if line.strip()]
if failed:
    sys.exit("gpu_check.sh: " + "; ".join(failed))
