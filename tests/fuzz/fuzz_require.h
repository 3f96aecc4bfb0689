// The fuzz targets' assertion: names the broken promise before stopping, so a crash report says
// which one it was.
#pragma once

#include <cstdio>
#include <cstdlib>

inline void require(bool condition, const char* promise) {
  if (condition) return;
  std::fprintf(stderr, "broken promise: %s\n", promise);
  std::abort();
}
