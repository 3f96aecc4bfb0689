#!/bin/bash
# Builds the engine, sweeplab-cli and sweeplab-bench against the LibTorch of a PyTorch 2.x
# install on a machine with an NVIDIA GPU, then trains on the GPU and prints the figures:
#   - parity: the same small experiment trained on the CPU and on the GPU ends within a point of
#     validation and test accuracy, with the same number of steps;
#   - sweeplab-cli run of a full-size jsc-tiny experiment (batch 256) with device cuda;
#   - sweeplab-bench epoch times on cuda (CUDA graphs on and off) and on the CPU, side by side;
#   - the whole lab: the four study files of experiments/ at full size on the GPU;
#   - grouped trials on the GPU: the learning-rate study (--samples rows, --epochs epochs) with its
#     trials as one group (batching auto) beside the same study one trial at a time (batching
#     off), the wall time of each.
# The CUDA fast path (graphs, streams, fused Adam) is built first; should it not compile against
# this LibTorch, the build falls back to -DSWEEPLAB_CUDA_FAST_PATH=OFF and says so.
# No Qt, no Debian packages and no network needed there: yaml-cpp, HDF5, nlohmann-json and SQLite
# come from a folder made on a Debian 12 machine by tests/perf/make_gpu_deps.sh.
#
#   tests/perf/gpu_check.sh --deps gpu-deps [--build DIR] [--python python3] [--epochs N]
#                           [--samples N] [--jobs N] [--cpu-dry-run] [--torch-prefix DIR]
#
# Everything runs within 8 minutes (--budget SECONDS changes that); each step is cut off with a
# message when the time is up. --cpu-dry-run checks the script itself on a machine without a GPU
# (device cpu, any LibTorch CMake finds); --torch-prefix overrides torch.utils.cmake_prefix_path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
deps=""
build_dir="$source_dir/build-gpu"
python=python3
epochs=5
samples=830000
jobs="$(nproc)"
budget=480
dry_run=0
torch_prefix=""

fail() { echo "gpu_check.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --deps) deps="$2"; shift ;;
    --build) build_dir="$2"; shift ;;
    --python) python="$2"; shift ;;
    --epochs) epochs="$2"; shift ;;
    --samples) samples="$2"; shift ;;
    --jobs) jobs="$2"; shift ;;
    --budget) budget="$2"; shift ;;
    --torch-prefix) torch_prefix="$2"; shift ;;
    --cpu-dry-run) dry_run=1 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
  shift
done

left() { echo $(( budget - SECONDS )); }
# Runs a step under what is left of the budget, naming the step when it fails or runs out.
step() {
  local name="$1"; shift
  local remaining
  remaining="$(left)"
  (( remaining > 5 )) || fail "out of time (budget ${budget} s) before: $name"
  echo "== $name ($(( remaining )) s left)" >&2
  local status=0
  timeout "$remaining" "$@" >> "$build_dir/steps.log" || status=$?
  (( status == 124 )) && fail "$name: cut off, the ${budget} s budget is spent"
  (( status == 0 )) || fail "$name failed (exit status $status)"
}

# --- What the machine must have -------------------------------------------------------------
[[ -n "$deps" ]] || fail "--deps DIR is required: the folder tests/perf/make_gpu_deps.sh made"
deps="$(cd "$deps" 2>/dev/null && pwd)" || fail "--deps: no such folder"
[[ -f "$deps/cmake-flags.txt" && -f "$deps/ld-library-path.txt" ]] ||
  fail "$deps has no cmake-flags.txt / ld-library-path.txt; make it with make_gpu_deps.sh"
for tool in cmake c++ timeout "$python"; do
  command -v "$tool" >/dev/null || fail "'$tool' is not on PATH"
done
cmake_version="$(cmake --version | awk 'NR == 1 { print $3 }')"
[[ "$(printf '%s\n3.25\n' "$cmake_version" | sort -V | head -n1)" == 3.25 ]] ||
  fail "CMake $cmake_version found, 3.25 or newer needed (pip install cmake works offline from a wheel)"
generator=()
keep_going=(-- -k)  # report every file that does not compile, not only the first
command -v ninja >/dev/null && { generator=(-G Ninja); keep_going=(-- -k 0); }

glibc_needed="$(sed 's/GLIBC_//' "$deps/glibc-needed.txt" 2>/dev/null || true)"
glibc_here="$(ldd --version 2>/dev/null | awk 'NR == 1 { print $NF }')"
if [[ -n "$glibc_needed" && -n "$glibc_here" &&
      "$(printf '%s\n%s\n' "$glibc_needed" "$glibc_here" | sort -V | head -n1)" != "$glibc_needed" ]]; then
  fail "the libraries in $deps need glibc $glibc_needed, this machine has $glibc_here"
fi

torch_info="$("$python" -c '
import torch
print(torch.__version__)
print(torch.utils.cmake_prefix_path)
print(int(torch.compiled_with_cxx11_abi()))
print(int(torch.cuda.is_available()))
print(torch.version.cuda or "none")
print(torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none")
')" || fail "$python cannot import torch; pass --python with a PyTorch 2.x install"
{ read -r torch_version; read -r torch_cmake; read -r cxx11_abi; read -r cuda_ok; read -r cuda_version
  read -r gpu_name; } <<< "$torch_info"
echo "PyTorch $torch_version (CUDA $cuda_version), GPU: $gpu_name, CMake $cmake_version" >&2
[[ -n "$torch_prefix" ]] || torch_prefix="$torch_cmake"
device=cuda
if [[ $dry_run -eq 1 ]]; then
  device=cpu
  echo "dry run on the CPU: the GPU and PyTorch version checks are skipped" >&2
  [[ -d "$torch_prefix" ]] || torch_prefix=""
else
  [[ "$torch_version" == 2.* ]] || fail "PyTorch $torch_version found, 2.x needed"
  [[ "$cuda_ok" == 1 ]] || fail "torch.cuda.is_available() is False (no GPU, driver or CUDA build)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total \
    --format=csv,noheader >&2 || true
  [[ -d "$torch_prefix" ]] || fail "$torch_prefix (torch.utils.cmake_prefix_path) does not exist"
  # LibTorch's CMake files look for the CUDA toolkit (nvcc, headers); pip wheels do not carry it.
  command -v nvcc >/dev/null || [[ -x "${CUDA_HOME:-/usr/local/cuda}/bin/nvcc" ]] ||
    echo "warning: no nvcc on PATH or in \${CUDA_HOME:-/usr/local/cuda}; LibTorch's CMake" \
         "files may not configure (set CUDA_HOME or CUDAToolkit_ROOT)" >&2
fi
# The Debian libraries use the C++11 std::string ABI; a LibTorch without it cannot share strings
# with them in one program.
[[ "$cxx11_abi" == 1 ]] ||
  fail "this PyTorch was built with the old C++ ABI (_GLIBCXX_USE_CXX11_ABI=0); the Debian" \
       "yaml-cpp in $deps needs the new one: use PyTorch >= 2.7 wheels or a cxx11-ABI LibTorch"

# --- Build -------------------------------------------------------------------------------
# The engine's CMake project builds the benchmark only with the Qt tests; a small wrapper
# project adds sweeplab-bench beside sweeplab-cli without them.
wrapper="$build_dir/wrapper"
mkdir -p "$wrapper"
cat > "$wrapper/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(SweeplabGpuCheck LANGUAGES C CXX)
set(SWEEPLAB_BUILD_GUI OFF CACHE BOOL "" FORCE)
set(SWEEPLAB_BUILD_TESTS OFF CACHE BOOL "" FORCE)
add_subdirectory("$source_dir" sweeplab)
add_executable(sweeplab-bench "$here/bench_main.cpp" "$here/epoch_clock.cpp" "$here/split_dump.cpp")
target_link_libraries(sweeplab-bench PRIVATE sweeplab_engine)
CMAKE
mapfile -t dep_flags < <(sed "s|@DEPS@|$deps|g" "$deps/cmake-flags.txt")
prefix_flags=()
[[ -n "$torch_prefix" ]] && prefix_flags=(-DCMAKE_PREFIX_PATH="$torch_prefix")
configure_and_build() {
  step "configure (LibTorch from ${torch_prefix:-the default search paths}, $1)" \
    cmake -S "$wrapper" -B "$build_dir/out" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DSWEEPLAB_BUILD_GUI=OFF -DSWEEPLAB_BUILD_TESTS=OFF "-D$1" "${prefix_flags[@]}" "${dep_flags[@]}"
  echo "== build sweeplab-cli and sweeplab-bench ($(left) s left)" >&2
  timeout "$(left)" cmake --build "$build_dir/out" -j "$jobs" --target sweeplab-cli sweeplab-bench \
    "${keep_going[@]}" > "$build_dir/build.log" 2>&1
}
mkdir -p "$build_dir"
fast_path=on; [[ $dry_run -eq 1 ]] && fast_path="n/a (dry run)"
if ! configure_and_build SWEEPLAB_CUDA_FAST_PATH=ON; then
  grep -E -m 40 "error" "$build_dir/build.log" >&2 || tail -n 30 "$build_dir/build.log" >&2
  echo "gpu_check.sh: the CUDA fast path did not build; building without it" >&2
  fast_path=off
  configure_and_build SWEEPLAB_CUDA_FAST_PATH=OFF ||
    { tail -n 40 "$build_dir/build.log" >&2; fail "the build failed"; }
fi
cli="$build_dir/out/sweeplab/app/sweeplab-cli"
bench="$build_dir/out/sweeplab-bench"
export LD_LIBRARY_PATH="$(sed "s|@DEPS@|$deps|g" "$deps/ld-library-path.txt")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export XDG_CACHE_HOME="$build_dir/cache"  # the prepared dataset is cached for the next runs

# --- Train -------------------------------------------------------------------------------
work="$build_dir/runs"
rm -rf "$work"
mkdir -p "$work"
experiment() {  # NAME SAMPLES EPOCHS: a jsc-tiny experiment file at batch 256
  cat > "$work/$1.yaml" <<YAML
name: $1
dataset:
  source: synthetic-jsc
  samples: $2
model: jsc-tiny
training:
  batch_size: 256
  max_epochs: $3
  learning_rate: 0.001
YAML
}

experiment parity 100000 5
step "parity: jsc-tiny, 100000 rows, 5 epochs on the CPU" \
  "$cli" run "$work/parity.yaml" --device cpu --out "$work/parity-cpu" --quiet
step "parity: the same on $device" \
  "$cli" run "$work/parity.yaml" --device "$device" --out "$work/parity-device" --quiet

experiment gpu_check "$samples" "$epochs"
start=$SECONDS
step "sweeplab-cli run: jsc-tiny, batch 256, $epochs epochs on $device" \
  "$cli" run "$work/gpu_check.yaml" --device "$device" --out "$work/full" --quiet
run_seconds=$(( SECONDS - start ))

results="$work/bench.jsonl"
: > "$results"
for config in "jsc-tiny 256 $device 1" "jsc-tiny 256 $device 0" "jsc-tiny 256 cpu 1" \
              "jsc-tiny-x10 256 $device 1" "jsc-s 512 $device 1" "jsc-tiny 32 $device 1"; do
  read -r model batch on graphs <<< "$config"
  step "sweeplab-bench $model, batch $batch, $on$([[ $graphs == 0 ]] && echo ', CUDA graphs off')" \
    env SWEEPLAB_CUDA_GRAPHS="$graphs" bash -c \
    '"$0" --model "$1" --batch "$2" --device "$3" --samples "$4" --epochs 2 |
     sed "s/^{/{\"graphs\": $5, /" >> "$6"' \
    "$bench" "$model" "$batch" "$on" "$samples" "$graphs" "$results"
done

lab="$work/lab.tsv"
: > "$lab"
for study in batch_size epochs learning_rate tiny_vs_x10; do
  start=$SECONDS
  step "whole lab: $study on $device" "$cli" run "$source_dir/experiments/$study.yaml" \
    --device "$device" --set parallel_trials=0 --set dataset.samples="$samples" \
    --out "$work/lab-$study" --quiet
  printf '%s\t%s\n' "$study" "$(( SECONDS - start ))" >> "$lab"
done

# The learning-rate study's five trials share model, batch size and optimizer: one group.
grouped="$work/grouped.tsv"
: > "$grouped"
for batching in auto off; do
  start=$SECONDS
  step "grouped trials: learning_rate on $device, batching $batching" \
    "$cli" run "$source_dir/experiments/learning_rate.yaml" --device "$device" \
    --set batching="$batching" --set dataset.samples="$samples" --set training.max_epochs="$epochs" \
    --out "$work/grouped-$batching" --quiet
  printf '%s\t%s\n' "$batching" "$(( SECONDS - start ))" >> "$grouped"
done

# --- Figures -----------------------------------------------------------------------------
"$python" - "$work" "$run_seconds" "$device" "$fast_path" <<'PY'
import glob, json, os, sys
work, run_seconds, device, fast_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def summary(folder):
    [path] = glob.glob(os.path.join(work, folder, "*", "summary.json"))
    return json.load(open(path))

failed = []
cpu, gpu = summary("parity-cpu")["trials"][0], summary("parity-device")["trials"][0]
print(f"\nparity (jsc-tiny, 100000 rows, 5 epochs, batch 256, seed {cpu['seed']}):")
print("| device | steps | val acc | test acc | test loss |\n|---|---:|---:|---:|---:|")
for t in (cpu, gpu):
    print(f"| {t['device']} | {t['steps']} | {100 * t['val_acc']:.2f}% | "
          f"{100 * t['test_acc']:.2f}% | {t['test_loss']:.4f} |")
if cpu["steps"] != gpu["steps"] or abs(cpu["val_acc"] - gpu["val_acc"]) > 0.01 or \
        abs(cpu["test_acc"] - gpu["test_acc"]) > 0.01:
    failed.append("parity: the GPU run differs from the CPU run by more than a point")

full = summary("full")
trial = full["trials"][0]
if trial["status"] != "finished":
    failed.append(f"the full-size run ended {trial['status']}: {trial['message']}")
if device == "cuda" and "cpu" in trial["device"].lower():
    failed.append(f"the run trained on {trial['device']}, not on the GPU")
print(f"\nsweeplab-cli run: {full['dataset']}; device {trial['device']}; LibTorch "
      f"{full['libtorch_version']}; CUDA fast path {fast_path}")
print(f"  status {trial['status']}, {trial['epochs_completed']} epochs, {trial['steps']} steps, "
      f"val acc {100 * trial['val_acc']:.2f}%, test acc {100 * trial['test_acc']:.2f}%, "
      f"trial {trial['wall_seconds']:.1f} s, whole command {run_seconds} s")

records = [json.loads(line) for line in open(os.path.join(work, "bench.jsonl")) if line.strip()]
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

print("\n| study | trials | optimizer steps | wall time (s) |\n|---|---:|---:|---:|")
total_seconds = total_steps = 0
for line in open(os.path.join(work, "lab.tsv")):
    study, seconds = line.split()
    trials = summary(f"lab-{study}")["trials"]
    unfinished = [t["label"] for t in trials if t["status"] != "finished"]
    if unfinished:
        failed.append(f"{study}: unfinished trials {unfinished}")
    steps = sum(t["steps"] for t in trials)
    total_seconds += int(seconds)
    total_steps += steps
    print(f"| {study} | {len(trials)} | {steps:,} | {seconds} |")
verdict = "meets" if total_seconds <= 120 else "MISSES"
print(f"| **whole lab** | | **{total_steps:,}** | **{total_seconds}** |\n"
      f"whole lab on {device}: {total_seconds} s ({verdict} the 2-minute bar)")

print(f"\nlearning_rate study on {device} (the sizes of the full-size run above):")
print("| batching | groups | trials | wall time (s) |\n|---|---:|---:|---:|")
walls = {}
for line in open(os.path.join(work, "grouped.tsv")):
    batching, seconds = line.split()
    trials = summary(f"grouped-{batching}")["trials"]
    unfinished = [t["label"] for t in trials if t["status"] != "finished"]
    if unfinished:
        failed.append(f"learning_rate, batching {batching}: unfinished trials {unfinished}")
    groups = len({t.get("group", 0) for t in trials if t.get("group", 0) > 0})
    walls[batching] = int(seconds)
    print(f"| {batching} | {groups} | {len(trials)} | {seconds} |")
if walls.get("auto") and walls.get("off"):
    print(f"grouped trials on {device}: {walls['off'] / walls['auto']:.2f}x the speed of one at a time")
if failed:
    sys.exit("gpu_check.sh: " + "; ".join(failed))
PY
echo "gpu_check.sh: done in $SECONDS s" >&2
