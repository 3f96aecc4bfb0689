#!/usr/bin/env bash
# Renders resources/icons/sweeplab.svg into the PNG sizes the window and the desktop file use.
# Uses rsvg-convert when installed, else builds a small Qt program (Qt 6 Svg headers needed).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
svg="$here/icons/sweeplab.svg"
sizes=(16 24 32 48 64 128 256)

if command -v rsvg-convert >/dev/null; then
  for size in "${sizes[@]}"; do
    rsvg-convert -w "$size" -h "$size" "$svg" -o "$here/icons/sweeplab-$size.png"
  done
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046
g++ -std=c++17 -O1 -fPIC "$here/tools/render_icons.cpp" -o "$work/render_icons" \
  $(pkg-config --cflags --libs Qt6Svg Qt6Gui)
"$work/render_icons" "$svg" "$here/icons" "${sizes[@]}"
