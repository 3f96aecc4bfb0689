#!/usr/bin/env bash
# Builds the Debian package from an already built tree, checks it with lintian, installs it with
# apt, validates the installed desktop entry and AppStream file, runs sweeplab-cli and the
# window from the installed package (a screenshot under Xvfb that must not be blank), then
# removes the package and checks that its files are gone. Run as root on Debian 12, after
# packaging/install-deps.sh and a build. A few minutes.
# Usage: packaging/ci-package-check.sh [BUILD_DIR]   (default: build)
# Leaves BUILD_DIR/sweeplab_*.deb and BUILD_DIR/package-check/window.png for inspection.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DEBIAN_FRONTEND=noninteractive

step() { echo "== package check: $*"; }
fail() {
  echo "package check: $*" >&2
  exit 1
}

if dpkg-query -W -f='${Status}' sweeplab 2>/dev/null | grep -q "ok installed"; then
  fail "sweeplab is already installed; remove it first (apt-get remove sweeplab)"
fi
app_id="$(sed -n 's/^SWEEPLAB_APP_ID:STRING=//p' "$build/CMakeCache.txt")"
[ -n "$app_id" ] || fail "$build is not a configured Sweeplab build"

step "build the .deb"
rm -f "$build"/sweeplab_*.deb
(cd "$build" && cpack --config CPackConfig.cmake -G DEB >/dev/null)
debs=("$build"/sweeplab_*.deb)
[ -f "${debs[0]}" ] || fail "cpack wrote no sweeplab_*.deb into $build"
deb="${debs[0]}"
dpkg-deb --field "$deb" Package Version Section Maintainer Depends Recommends

step "lintian (errors fail)"
lintian --fail-on error --tag-display-limit 0 "$deb"

step "install with apt"
apt-get install -y -qq "$deb" >"$work/apt-install.log" || {
  cat "$work/apt-install.log"
  fail "apt-get install of $deb failed"
}
installed_files="$work/installed-files"
dpkg -L sweeplab >"$installed_files"

step "validate the desktop entry, AppStream file and file type"
desktop-file-validate "/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml"
[ -f /usr/share/mime/application/x-sweeplab-experiment+yaml.xml ] ||
  fail "the shared MIME database does not know application/x-sweeplab-experiment+yaml"

step "version and experiments folder of the installed binaries"
want="Example experiments: /usr/share/sweeplab/experiments"
for binary in sweeplab-cli sweeplab; do
  out="$(env -u SWEEPLAB_EXPERIMENTS_DIR "$binary" --version)"
  echo "$out"
  grep -qxF "$want" <<<"$out" || fail "$binary does not find /usr/share/sweeplab/experiments"
done

step "sweeplab-cli runs the installed quick demo"
sweeplab-cli run /usr/share/sweeplab/experiments/quick_demo.yaml --quiet --out "$work/runs"
summaries=("$work"/runs/quick_demo-*/summary.json)
[ -f "${summaries[0]}" ] || fail "the quick demo wrote no summary.json"

step "the window appears under Xvfb"
for tool in "$root/docs/screenshots/grab_screen.cpp" "$root/packaging/check_screenshot.cpp"; do
  # shellcheck disable=SC2046
  g++ -std=c++17 -O1 -fPIC "$tool" -o "$work/$(basename "$tool" .cpp)" \
    $(pkg-config --cflags --libs Qt6Gui)
done
mkdir -p "$build/package-check"
shot="$build/package-check/window.png"
rm -f "$shot"
# A fresh settings folder: the check must not depend on (or change) this user's settings.
XDG_CONFIG_HOME="$work/config" xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  sweeplab >"$1/window.log" 2>&1 &
  app=$!
  for attempt in $(seq 1 30); do
    sleep 2
    kill -0 "$app" 2>/dev/null || { echo "sweeplab exited early:"; cat "$1/window.log"; exit 1; }
    "$1/grab_screen" "$2" && QT_QPA_PLATFORM=offscreen "$1/check_screenshot" "$2" && break
    [ "$attempt" -lt 30 ] || { kill "$app"; exit 1; }
  done
  kill "$app"
  wait "$app" || true
' _ "$work" "$shot" || fail "no window showed up within a minute (screenshot: $shot)"

step "remove with apt"
apt-get remove -y -qq sweeplab >"$work/apt-remove.log" || {
  cat "$work/apt-remove.log"
  fail "apt-get remove sweeplab failed"
}
if dpkg-query -W -f='${Status}' sweeplab 2>/dev/null | grep -q "installed"; then
  fail "dpkg still lists sweeplab after removal"
fi
left=0
while IFS= read -r path; do
  if [ -e "$path" ] && [ ! -d "$path" ]; then
    echo "left behind: $path" >&2
    left=1
  fi
done <"$installed_files"
[ ! -e /usr/share/sweeplab ] || { echo "left behind: /usr/share/sweeplab" >&2; left=1; }
[ ! -e /usr/share/mime/application/x-sweeplab-experiment+yaml.xml ] ||
  { echo "left behind: the MIME type in the shared database" >&2; left=1; }
[ "$left" = 0 ] || fail "files of the package remain after apt-get remove"
echo "package check: all steps passed ($(basename "$deb"))"
