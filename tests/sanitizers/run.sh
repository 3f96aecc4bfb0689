#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer (the `asan`
# preset of CMakePresets.json, in build-asan) and runs it. Any report fails the run; the
# suppression files beside this script list the only reports allowed, all inside other
# libraries, each with its reason.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset asan
cmake --build --preset asan
ctest --preset asan -j "$(nproc)"
