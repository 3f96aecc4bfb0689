#!/bin/bash
# Times one training epoch of the JSC models in Sweeplab (sweeplab-bench) and in plain PyTorch
# (python_reference.py: DataLoader loop and resident-tensor loop), one after another on this
# machine, prints the comparison and rewrites the results part of docs/performance.md.
#
#   tests/perf/run_benchmarks.sh [--full] [--build DIR] [--epochs N] [--samples N] [--no-doc]
#
# Default: jsc-tiny at batch 256 on the full-size synthetic JSC data (the acceptance figure).
# --full adds jsc-tiny, jsc-tiny-x10 and jsc-s at batch 32, 256 and 512.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$here/../.." && pwd)"
build_dir="$source_dir/build"
epochs=3
samples=830000
full=0
write_doc=1
# The DataLoader loop needs minutes per epoch at batch 32; the Python side times this many
# steps of an epoch and scales the time to the whole epoch (always at batch 32; at every batch
# size with --full, which would otherwise take over ten minutes).
python_step_limit=1000
python=/usr/bin/python3

while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) full=1 ;;
    --build) build_dir="$(cd "$2" && pwd)"; shift ;;
    --epochs) epochs="$2"; shift ;;
    --samples) samples="$2"; shift ;;
    --no-doc) write_doc=0 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_benchmarks.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

bench="$build_dir/tests/perf/sweeplab-bench"
if [[ ! -x "$bench" ]]; then
  echo "run_benchmarks.sh: $bench not found; build it first:" >&2
  echo "  cmake --build $build_dir --target sweeplab-bench" >&2
  exit 2
fi

results="$(mktemp -d)/results.jsonl"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average before: $load_before (the benchmark wants an otherwise idle machine)"
if awk -v load="${load_before%% *}" 'BEGIN { exit !(load > 0.5) }'; then
  echo "warning: the machine is busy; two-thread torch loops slow down badly under contention" >&2
fi

if [[ $full -eq 1 ]]; then
  models=(jsc-tiny jsc-tiny-x10 jsc-s)
  batches=(32 256 512)
  timed_epochs=$(( epochs < 2 ? epochs : 2 ))
else
  models=(jsc-tiny)
  batches=(256)
  timed_epochs=$epochs
fi

for model in "${models[@]}"; do
  for batch in "${batches[@]}"; do
    echo "== $model, batch $batch" >&2
    sweeplab_json="$("$bench" --model "$model" --batch "$batch" --epochs "$timed_epochs" \
                      --samples "$samples")"
    echo "$sweeplab_json" >> "$results"
    rows="$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["rows"])' "$sweeplab_json")"
    steps=0
    [[ $batch -lt 128 || $full -eq 1 ]] && steps=$python_step_limit
    for loop in resident dataloader; do
      "$python" "$here/python_reference.py" --model "$model" --batch "$batch" --loop "$loop" \
        --rows "$rows" --epochs "$timed_epochs" --max-steps "$steps" >> "$results"
    done
  done
done

load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "load average after: $load_after"
doc_args=()
[[ $write_doc -eq 1 ]] && doc_args=(--doc "$source_dir/docs/performance.md")
"$python" "$here/write_report.py" "$results" --load-before "$load_before" \
  --load-after "$load_after" --mode "$([[ $full -eq 1 ]] && echo full || echo required)" \
  "${doc_args[@]}"
