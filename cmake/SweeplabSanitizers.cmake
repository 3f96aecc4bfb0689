# Sanitizer and fuzzing builds. Both instrument every Sweeplab target through sweeplab_options,
# so a report points into our code with full stacks; LibTorch, Qt, HDF5 and yaml-cpp stay the
# uninstrumented Debian builds.
#   -DSWEEPLAB_SANITIZERS="address;undefined"   the `asan` preset of CMakePresets.json
#   -DSWEEPLAB_BUILD_FUZZERS=ON (clang)           libFuzzer targets in tests/fuzz
set(SWEEPLAB_SANITIZERS "" CACHE STRING "Sanitizers for every Sweeplab target, e.g. address;undefined")
option(SWEEPLAB_BUILD_FUZZERS "Build the libFuzzer targets of tests/fuzz (needs clang)" OFF)

if(SWEEPLAB_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SWEEPLAB_BUILD_FUZZERS needs clang's libFuzzer: configure with "
                        "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT SWEEPLAB_SANITIZERS)
    set(SWEEPLAB_SANITIZERS address undefined)
  endif()
  # Coverage feedback for the libraries; only the fuzz executables link libFuzzer's main.
  target_compile_options(sweeplab_options INTERFACE -fsanitize=fuzzer-no-link)
endif()

if(SWEEPLAB_SANITIZERS)
  list(JOIN SWEEPLAB_SANITIZERS "," sanitizer_list)
  # Undefined behaviour stops the program, so a test or a fuzzer cannot pass over it. Line
  # tables (-g1) are enough for file and line in every report and compile much faster than -g.
  target_compile_options(sweeplab_options INTERFACE -fsanitize=${sanitizer_list}
                         -fno-sanitize-recover=all -fno-omit-frame-pointer -g1)
  target_link_options(sweeplab_options INTERFACE -fsanitize=${sanitizer_list})
endif()
