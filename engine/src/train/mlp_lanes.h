// Eight floats as one value (GCC/Clang vector extension) for the step kernel's loops: plain
// arithmetic, no intrinsics, so the same source compiles for AVX2 and for any x86-64 CPU.
#pragma once

#include <cstdint>
#include <cstring>

// The hot loops are compiled twice, for AVX2 and for any x86-64 CPU, and the loader picks one
// per machine. Neither target has fused multiply-add and both run every sum in the same order,
// so the two give the same bits; AVX2 just does eight floats per instruction instead of four.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define SWEEPLAB_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SWEEPLAB_VECTOR_CLONES
#endif

// For helpers of those loops: a helper the compiler keeps out of line is compiled for any x86-64
// CPU only, whichever clone calls it.
#if defined(__GNUC__)
#define SWEEPLAB_INLINE_LOOP inline __attribute__((always_inline))
#else
#define SWEEPLAB_INLINE_LOOP inline
#endif

namespace sweeplab::mlp {

constexpr int64_t kLanes = 8;  // partial sums per reduction: one AVX register, two SSE ones

typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));
typedef int32_t IntLanes __attribute__((vector_size(kLanes * sizeof(int32_t))));

// By pointer, never by value: a 32-byte vector passed by value has another ABI with AVX.
inline void loadLanes(Lanes* to, const float* from) {
  std::memcpy(to, from, sizeof *to);
}

inline void storeLanes(float* to, const Lanes& value) {
  std::memcpy(to, &value, sizeof value);
}

}  // namespace sweeplab::mlp
