#!/bin/bash
# Makes a folder with the C++ libraries Sweeplab's engine needs besides LibTorch (yaml-cpp, HDF5,
# nlohmann-json, SQLite and every shared library they load), taken from this Debian machine's
# package archive, for a machine that has PyTorch but none of these (see gpu_check.sh).
#
#   tests/perf/make_gpu_deps.sh [DIR]      (default DIR: gpu-deps)
#
# Downloads the .deb files with `apt-get download` (nothing is installed) and unpacks them with
# `dpkg -x` into DIR, keeping shared libraries, headers and CMake files (about 30 MB). glibc, libgcc and libstdc++ are left out: the target
# machine's own must be used. Prints the CMake flags and the LD_LIBRARY_PATH that use DIR, and
# the newest glibc symbol version the unpacked libraries need (the target's glibc must be as new).
set -euo pipefail

dir="$(realpath -m "${1:-gpu-deps}")"
arch_dir="x86_64-linux-gnu"
# Headers, CMake files and the unversioned .so links.
dev_packages=(libyaml-cpp-dev libhdf5-dev nlohmann-json3-dev libsqlite3-dev)
# The shared libraries the engine links; everything they load is found from them below.
runtime_libraries=(libyaml-cpp.so.0.7 libhdf5_serial.so.103 libsqlite3.so.0)
host_only='^(libc6|libgcc-s1|libstdc\+\+6|libcrypt1)$'

for tool in apt-get dpkg dpkg-query ldd objdump; do
  command -v "$tool" >/dev/null || { echo "make_gpu_deps.sh: needs '$tool' (run it on Debian 12)" >&2; exit 2; }
done
for package in "${dev_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || {
    echo "make_gpu_deps.sh: $package is not installed here; packaging/install-deps.sh installs it" >&2
    exit 2
  }
done

# Package owning a library file, whatever the /lib vs /usr/lib spelling dpkg recorded.
owner_of() {
  local real candidate
  real="$(realpath "$1")"
  for candidate in "$1" "$real" "${real#/usr}" "/usr${1#/usr}"; do
    dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1 && return 0
  done
  return 0
}

declare -A packages=()
for package in "${dev_packages[@]}"; do packages[$package]=1; done
for library in "${runtime_libraries[@]}"; do
  path="/usr/lib/$arch_dir/$library"
  [[ -e "$path" ]] || { echo "make_gpu_deps.sh: $path not found" >&2; exit 2; }
  for needed in "$path" $(ldd "$path" | awk '/=> \// { print $3 }'); do
    owner="$(owner_of "$needed")"
    [[ -n "$owner" ]] || { echo "make_gpu_deps.sh: no package owns $needed" >&2; exit 2; }
    owner="${owner%%:*}"
    [[ "$owner" =~ $host_only ]] || packages[$owner]=1
  done
done

mkdir -p "$dir/debs"
echo "downloading ${#packages[@]} packages into $dir/debs:" >&2
echo "  ${!packages[*]}" >&2
(cd "$dir/debs" && apt-get download "${!packages[@]}" >/dev/null 2>"$dir/apt.log") || {
  echo "make_gpu_deps.sh: apt-get download failed; see $dir/apt.log" >&2
  exit 1
}
for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$dir"; done
# Only shared libraries, headers and CMake files are needed; the rest would just be carried along.
find "$dir" -name '*.a' -delete
rm -rf "$dir/debs" "$dir/usr/share/doc" "$dir/usr/share/man" "$dir/usr/share/lintian"

lib="$dir/usr/lib/$arch_dir"
# Debian 12 moved /lib into /usr/lib; older packages may still unpack into lib/.
lib_path="$lib:$dir/lib/$arch_dir"
glibc_needed="$(find "$lib" "$dir/lib" -name '*.so*' -type f 2>/dev/null |
  xargs objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -n1)"
# The flags and the library path name the folder as @DEPS@, so that it can be copied to another
# machine (at another path); gpu_check.sh puts its own path in.
rel_lib="@DEPS@/usr/lib/$arch_dir"
cat > "$dir/cmake-flags.txt" <<FLAGS
-Dyaml-cpp_DIR=$rel_lib/cmake/yaml-cpp
-Dnlohmann_json_DIR=@DEPS@/usr/share/cmake/nlohmann_json
-DHDF5_C_INCLUDE_DIR=@DEPS@/usr/include/hdf5/serial
-DHDF5_hdf5_LIBRARY_RELEASE=$rel_lib/libhdf5_serial.so
-DHDF5_C_COMPILER_EXECUTABLE=@DEPS@/no-h5cc
-DSQLite3_INCLUDE_DIR=@DEPS@/usr/include
-DSQLite3_LIBRARY=$rel_lib/libsqlite3.so
-DCMAKE_EXE_LINKER_FLAGS=-Wl,-rpath-link,$rel_lib:@DEPS@/lib/$arch_dir
FLAGS
echo "$rel_lib:@DEPS@/lib/$arch_dir" > "$dir/ld-library-path.txt"
echo "$glibc_needed" > "$dir/glibc-needed.txt"

echo "unpacked into $dir"
echo "CMake flags (in $dir/cmake-flags.txt, @DEPS@ standing for the folder):"
sed "s|@DEPS@|$dir|g; s/^/  /" "$dir/cmake-flags.txt"
echo "at run time: export LD_LIBRARY_PATH=$lib_path\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}"
echo "newest glibc symbol needed: ${glibc_needed:-none} (target: ldd --version)"
