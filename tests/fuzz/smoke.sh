#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and fuzzes each for a while from its
# committed seed corpus. Fails on any crash, leak, timeout or out-of-memory. New inputs go to a
# scratch folder, so the committed corpus only changes when someone copies them in.
#   tests/fuzz/smoke.sh [SECONDS_PER_TARGET]   (default 60; build in build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
build=${SWEEPLAB_FUZZ_BUILD_DIR:-build-fuzz}
targets=(fuzz_experiment fuzz_csv fuzz_hdf5 fuzz_hdf5_tables)

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DSWEEPLAB_BUILD_FUZZERS=ON -DSWEEPLAB_BUILD_GUI=OFF -DSWEEPLAB_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target "${targets[@]}"

export LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
artifacts="$PWD/$build/fuzz-artifacts"
mkdir -p "$artifacts"
status=0
# The HDF5 reader runs in a child process, as in the application. There, as in a release build,
# a huge malloc inside HDF5 must return NULL (HDF5 then fails or crashes, and either becomes an
# error message) instead of being reported by ASan or by libFuzzer's malloc limit, which would
# end the child without an answer; that stays a failure for anything else that ends it so.
declare -A target_env=([fuzz_hdf5]="ASAN_OPTIONS=allocator_may_return_null=1")
declare -A target_flags=([fuzz_hdf5]="-rss_limit_mb=0")
for target in "${targets[@]}"; do
  mkdir -p "$scratch/$target"
  log="$scratch/$target.log"
  if (cd "$scratch" && env ${target_env[$target]:-} "$OLDPWD/$build/tests/fuzz/$target" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 ${target_flags[$target]:-} \
        -artifact_prefix="$artifacts/$target-" -print_final_stats=1 \
        "$scratch/$target" "$OLDPWD/tests/fuzz/corpus/$target" \
        >"$log" 2>&1); then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "$target: ${runs:-?} runs in ${seconds}s, no crash, leak or timeout"
  else
    echo "$target: FAILED; the input is in $artifacts, the log ends:" >&2
    tail -n 60 "$log" >&2
    status=1
  fi
done
exit $status
