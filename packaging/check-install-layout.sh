#!/usr/bin/env bash
# Installs a build into a scratch prefix with `cmake --install`, checks that every file of the
# layout is there, and that the installed binaries find the ready experiments relative to
# themselves - also after the whole prefix has been moved elsewhere.
# Usage: packaging/check-install-layout.sh BUILD_DIR
set -euo pipefail
build="$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)"
work="$(realpath "$(mktemp -d)")"
trap 'rm -rf "$work"' EXIT

fail() {
  echo "install layout: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$work/prefix" >/dev/null

app_id="$(sed -n 's/^SWEEPLAB_APP_ID:STRING=//p' "$build/CMakeCache.txt")"
expected=(
  bin/sweeplab-cli
  share/sweeplab/experiments/quick_demo.yaml
  share/sweeplab/experiments/batch_size.yaml
  share/sweeplab/experiments/README.md
  share/sweeplab/experiments/sweeplab-experiment.schema.json
  share/man/man1/sweeplab-cli.1.gz
  share/doc/sweeplab/copyright
  share/doc/sweeplab/changelog.gz
)
gui=no
if [ -x "$build/app/sweeplab" ]; then
  gui=yes
  expected+=(
    bin/sweeplab
    share/man/man1/sweeplab.1.gz
    "share/applications/$app_id.desktop"
    "share/metainfo/$app_id.metainfo.xml"
    share/mime/packages/sweeplab.xml
    share/icons/hicolor/scalable/apps/sweeplab.svg
  )
  for size in 16 24 32 48 64 128 256; do
    expected+=("share/icons/hicolor/${size}x${size}/apps/sweeplab.png")
  done
fi
for file in "${expected[@]}"; do
  [ -f "$work/prefix/$file" ] || fail "$file is missing from the installed tree"
done
echo "install layout: ${#expected[@]} files in place"

# PREFIX: each installed binary must report PREFIX/share/sweeplab/experiments.
check_lookup() {
  local prefix="$1" want="Example experiments: $1/share/sweeplab/experiments" out
  out="$(env -u SWEEPLAB_EXPERIMENTS_DIR "$prefix/bin/sweeplab-cli" --version)"
  grep -qxF "$want" <<<"$out" || fail "sweeplab-cli --version says: $out (wanted: $want)"
  env -u SWEEPLAB_EXPERIMENTS_DIR "$prefix/bin/sweeplab-cli" validate \
    "$prefix/share/sweeplab/experiments/quick_demo.yaml" >/dev/null ||
    fail "the installed quick_demo.yaml does not validate"
  if [ "$gui" = yes ]; then
    out="$(env -u SWEEPLAB_EXPERIMENTS_DIR QT_QPA_PLATFORM=offscreen \
      "$prefix/bin/sweeplab" --version)"
    grep -qxF "$want" <<<"$out" || fail "sweeplab --version says: $out (wanted: $want)"
  fi
  echo "install layout: binaries under $prefix find their experiments"
}
check_lookup "$work/prefix"
mv "$work/prefix" "$work/moved"
check_lookup "$work/moved"
