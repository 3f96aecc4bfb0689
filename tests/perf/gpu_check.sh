#!/bin/bash
# Builds the engine, sweeplab-cli and sweeplab-bench against the LibTorch of a PyTorch 2.x
# install on a machine with an NVIDIA GPU, then trains on the GPU and prints the figures:
#   - sweeplab-cli run of a full-size jsc-tiny experiment (batch 256) with device cuda, and
#   - sweeplab-bench epoch times on cuda and on the CPU, side by side in the same run.
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
  timeout "$remaining" "$@" || status=$?
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
command -v ninja >/dev/null && generator=(-G Ninja)

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
mapfile -t dep_flags < "$deps/cmake-flags.txt"
prefix_flags=()
[[ -n "$torch_prefix" ]] && prefix_flags=(-DCMAKE_PREFIX_PATH="$torch_prefix")
step "configure (LibTorch from ${torch_prefix:-the default search paths})" \
  cmake -S "$wrapper" -B "$build_dir/out" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DSWEEPLAB_BUILD_GUI=OFF -DSWEEPLAB_BUILD_TESTS=OFF "${prefix_flags[@]}" "${dep_flags[@]}"
step "build sweeplab-cli and sweeplab-bench" \
  cmake --build "$build_dir/out" -j "$jobs" --target sweeplab-cli sweeplab-bench
cli="$build_dir/out/sweeplab/app/sweeplab-cli"
bench="$build_dir/out/sweeplab-bench"
export LD_LIBRARY_PATH="$(cat "$deps/ld-library-path.txt")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# --- Train -------------------------------------------------------------------------------
work="$build_dir/runs"
rm -rf "$work"
mkdir -p "$work"
cat > "$work/gpu_check.yaml" <<YAML
name: gpu_check
dataset:
  source: synthetic-jsc
  samples: $samples
model: jsc-tiny
training:
  batch_size: 256
  max_epochs: $epochs
  learning_rate: 0.001
device: $device
YAML
start=$SECONDS
step "sweeplab-cli run: jsc-tiny, batch 256, $epochs epochs on $device" \
  "$cli" run "$work/gpu_check.yaml" --out "$work" --quiet
run_seconds=$(( SECONDS - start ))
summary="$(ls "$work"/*/summary.json)"

results="$work/bench.jsonl"
: > "$results"
for config in "jsc-tiny 256 $device" "jsc-tiny 256 cpu" "jsc-tiny-x10 256 $device" \
              "jsc-s 512 $device"; do
  read -r model batch on <<< "$config"
  step "sweeplab-bench $model, batch $batch, $on" \
    bash -c '"$0" --model "$1" --batch "$2" --device "$3" --samples "$4" --epochs 3 >> "$5"' \
    "$bench" "$model" "$batch" "$on" "$samples" "$results"
done

# --- Figures -----------------------------------------------------------------------------
"$python" - "$summary" "$results" "$run_seconds" "$device" <<'PY'
import json, sys
summary_path, results_path, run_seconds, device = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
summary = json.load(open(summary_path))
trial = summary["trials"][0]
if trial["status"] != "finished":
    sys.exit(f"gpu_check.sh: the run ended {trial['status']}: {trial['message']}")
if device == "cuda" and "cpu" in trial["device"].lower():
    sys.exit(f"gpu_check.sh: the run trained on {trial['device']}, not on the GPU")
print(f"\nsweeplab-cli run: {summary['dataset']}; device {trial['device']}; LibTorch "
      f"{summary['libtorch_version']}")
print(f"  status {trial['status']}, {trial['epochs_completed']} epochs, {trial['steps']} steps, "
      f"val acc {100 * trial['val_acc']:.2f}%, test acc {100 * trial['test_acc']:.2f}%, "
      f"trial {trial['wall_seconds']:.1f} s, whole command {run_seconds} s")
records = [json.loads(line) for line in open(results_path) if line.strip()]
cpu = {r["model"]: r for r in records if r["device"].lower() == "cpu"}
print("\n| model | batch | device | s/epoch | ms/step | with validation |")
print("|---|---:|---|---:|---:|---:|")
for r in records:
    print(f"| {r['model']} | {r['batch']} | {r['device']} | {r['median_epoch_seconds']:.3f} | "
          f"{r['ms_per_step']:.3f} | {r['median_with_validation_seconds']:.3f} |")
gpu_tiny = next((r for r in records if r["model"] == "jsc-tiny" and r["device"].lower() != "cpu"), None)
if gpu_tiny and "jsc-tiny" in cpu:
    ratio = cpu["jsc-tiny"]["median_epoch_seconds"] / gpu_tiny["median_epoch_seconds"]
    print(f"\njsc-tiny, batch 256: the CPU epoch takes {ratio:.2f}x the GPU epoch "
          f"(below 1: the CPU is faster for a model this small)")
PY
echo "gpu_check.sh: done in $SECONDS s" >&2
