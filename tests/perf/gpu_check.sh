#!/bin/bash
# Builds the engine, sweeplab-cli and sweeplab-bench against the LibTorch of a PyTorch 2.x
# install on a machine with an NVIDIA GPU, then trains on the GPU and prints the figures:
#   - parity: the same small experiment trained on the CPU and on the GPU ends within a point of
#     validation and test accuracy, with the same number of steps;
#   - sweeplab-cli run of a full-size jsc-tiny experiment (batch 256) with device cuda;
#   - sweeplab-bench epoch times on cuda (CUDA graphs on and off) and on the CPU, side by side;
#   - grouped parity: the learning-rate study's five trials as one group on the CPU and on the GPU
#     end within a point of each other, trial by trial;
#   - the whole lab: the four study files of experiments/ at full size on the GPU (bar: 60 s);
#   - a thousand trials: jsc-tiny, 10 learning rates x 100 seeds, 10 epochs each, full size, as
#     groups on the GPU (bar: 2 minutes);
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
# Everything runs within 8 minutes (--budget SECONDS changes that), the steps in the order above
# after the build; a step the budget does not reach is skipped and named, the figures of the
# others are printed, and the script then exits with status 1. --cpu-dry-run checks the script itself on a machine without a GPU
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
# Runs a step under what is left of the budget; fails naming the step when it fails. A step the
# budget does not reach, or cuts off, is listed in skipped.txt and the script goes on, so that
# the figures of the steps done are still printed.
step() {
  local name="$1"; shift
  local remaining
  remaining="$(left)"
  if (( remaining <= 5 )); then
    echo "$name: not run, the ${budget} s budget is spent" | tee -a "$build_dir/skipped.txt" >&2
    return 0
  fi
  echo "== $name ($(( remaining )) s left)" >&2
  local status=0
  timeout "$remaining" "$@" >> "$build_dir/steps.log" || status=$?
  if (( status == 124 )); then
    echo "$name: cut off, the ${budget} s budget is spent" | tee -a "$build_dir/skipped.txt" >&2
    return 0
  fi
  (( status == 0 )) || fail "$name failed (exit status $status)"
}
# timed FILE KEY NAME COMMAND...: a step whose wall time is appended to FILE as "KEY<tab>seconds".
timed() {
  local file="$1" key="$2" name="$3"; shift 3
  local start=$SECONDS
  step "$name" "$@"
  printf '%s\t%s\n' "$key" "$(( SECONDS - start ))" >> "$file"
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
rm -f "$build_dir/skipped.txt"
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

# The learning-rate study's five trials share model, batch size and optimizer: one group.
for side in cpu device; do
  on=cpu; [[ $side == device ]] && on="$device"
  step "grouped parity: learning_rate, 100000 rows, 3 epochs, as groups on $on" \
    "$cli" run "$source_dir/experiments/learning_rate.yaml" --device "$on" --set batching=auto \
    --set dataset.samples=100000 --set training.max_epochs=3 --out "$work/group-parity-$side" --quiet
done

experiment gpu_check "$samples" "$epochs"
start=$SECONDS
step "sweeplab-cli run: jsc-tiny, batch 256, $epochs epochs on $device" \
  "$cli" run "$work/gpu_check.yaml" --device "$device" --out "$work/full" --quiet
run_seconds=$(( SECONDS - start ))

lab="$work/lab.tsv"
: > "$lab"
for study in batch_size epochs learning_rate tiny_vs_x10; do
  timed "$lab" "$study" "whole lab: $study on $device" \
    "$cli" run "$source_dir/experiments/$study.yaml" --device "$device" \
    --set parallel_trials=0 --set dataset.samples="$samples" --out "$work/lab-$study" --quiet
done

cat > "$work/thousand.yaml" <<YAML
name: thousand_trials
dataset:
  source: synthetic-jsc
  samples: $samples
model: jsc-tiny
training:
  batch_size: 128
  max_epochs: 10
sweep:
  training.learning_rate: [1e-1, 5e-2, 2e-2, 1e-2, 5e-3, 2e-3, 1e-3, 5e-4, 2e-4, 1e-4]
repeats: 100
parallel_trials: 0
YAML
thousand="$work/thousand.tsv"
: > "$thousand"
timed "$thousand" auto "a thousand trials: 10 learning rates x 100 seeds, 10 epochs on $device" \
  "$cli" run "$work/thousand.yaml" --device "$device" --out "$work/thousand" --quiet

grouped="$work/grouped.tsv"
: > "$grouped"
for batching in auto off; do
  timed "$grouped" "$batching" "grouped trials: learning_rate on $device, batching $batching" \
    "$cli" run "$source_dir/experiments/learning_rate.yaml" --device "$device" \
    --set batching="$batching" --set dataset.samples="$samples" --set training.max_epochs="$epochs" \
    --out "$work/grouped-$batching" --quiet
done

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

# --- Figures -----------------------------------------------------------------------------
"$python" "$here/gpu_check_figures.py" "$work" "$run_seconds" "$device" "$fast_path" \
  "$build_dir/skipped.txt"
echo "gpu_check.sh: done in $SECONDS s" >&2
