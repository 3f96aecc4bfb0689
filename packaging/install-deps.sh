#!/usr/bin/env bash
# Installs every Debian 12 package Sweeplab needs to build, test and run.
# Idempotent and non-interactive: safe to run again; run as root (or with sudo).
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  exec sudo -E "$0" "$@"
fi

export DEBIAN_FRONTEND=noninteractive

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # engine
  libtorch-dev libyaml-cpp-dev libhdf5-dev libsqlite3-dev nlohmann-json3-dev
  # optimized BLAS: without it Debian's LibTorch runs on the slow reference BLAS
  libopenblas0-pthread
  # GUI
  qt6-base-dev qt6-charts-dev qt6-svg-dev libgl-dev
  # Qt6Charts' CMake package needs Qt6OpenGL's, which Debian ships separately
  libqt6opengl6-dev
  # tests and screenshots on a machine without a display
  xvfb xauth fonts-dejavu-core
  # Python reference loop for the benchmarks
  python3 python3-torch
  # the Debian package: `file` lets CPack find the binaries' library dependencies; the
  # validators check the package, its desktop entry and its AppStream file
  file desktop-file-utils appstream lintian
  # libFuzzer targets (tests/fuzz): clang and its runtime libraries (libclang_rt.fuzzer)
  clang libclang-rt-14-dev
  # a real one-node Slurm for the cluster tests (tests/support/slurm_cluster.sh starts it
  # under a temporary folder; nothing is configured or started system-wide)
  slurm-wlm munge
)

# munge's postinst makes its key as the munge user (su munge), which fails where that user
# cannot run /bin/sh (a chroot whose root folder is 0700, as mktemp makes them); it keeps a key
# that is already there, so one is made here first.
if [ ! -e /etc/munge/munge.key ]; then
  install -d -m 0700 /etc/munge
  (umask 077 && dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none)
  chmod 0400 /etc/munge/munge.key
fi

apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}"
