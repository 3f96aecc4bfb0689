# One INTERFACE target carries the flags every Sweeplab target shares.
add_library(sweeplab_options INTERFACE)
target_compile_features(sweeplab_options INTERFACE cxx_std_17)
set_target_properties(sweeplab_options PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)
# Qt's `slots`/`signals` keywords clash with LibTorch headers; Qt code spells Q_SLOTS etc.
target_compile_definitions(sweeplab_options INTERFACE QT_NO_KEYWORDS
                           SWEEPLAB_VERSION="${PROJECT_VERSION}")
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(sweeplab_options INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endif()
