// Batch norm's forward and backward passes for the step kernel. Its statistics are kept in
// double: its gradients subtract nearly equal terms whenever the batch's spread is large against
// eps (always with two rows), so float32 statistics would leave mostly rounding in them. The
// sums run in eight double lanes (lane k takes rows k, k + 8, ...), added up in order at the
// end, so the result depends on the batch alone, as every reduction of the kernel. They are
// written twice, for AVX2 and for any x86-64 CPU, chosen at run time: the same lanes and order,
// so the same bits.
#include <cmath>

#include "train/mlp_lanes.h"
#include "train/mlp_loops.h"

namespace sweeplab::mlp {
namespace {

// Eight double lanes as two AVX registers: GCC keeps a single 64-byte vector in memory when the
// target has no AVX-512, which costs more than the arithmetic.
typedef float FloatQuad __attribute__((vector_size(4 * sizeof(float))));
typedef double DoubleQuad __attribute__((vector_size(4 * sizeof(double))));
struct DoubleLanes {
  DoubleQuad low, high;  // rows 0-3 and 4-7 of a group of kLanes
};

SWEEPLAB_INLINE_LOOP DoubleLanes widen(const float* from) {
  FloatQuad low, high;
  std::memcpy(&low, from, sizeof low);
  std::memcpy(&high, from + 4, sizeof high);
  return {__builtin_convertvector(low, DoubleQuad), __builtin_convertvector(high, DoubleQuad)};
}

SWEEPLAB_INLINE_LOOP void narrow(float* to, const DoubleLanes& value) {
  const FloatQuad low = __builtin_convertvector(value.low, FloatQuad);
  const FloatQuad high = __builtin_convertvector(value.high, FloatQuad);
  std::memcpy(to, &low, sizeof low);
  std::memcpy(to + 4, &high, sizeof high);
}

SWEEPLAB_INLINE_LOOP double addUp(const DoubleLanes& lanes) {
  double total = 0;
  for (int k = 0; k < 4; ++k) total += lanes.low[k];
  for (int k = 0; k < 4; ++k) total += lanes.high[k];
  return total;
}

SWEEPLAB_INLINE_LOOP DoubleLanes loadWide(const double* from) {
  DoubleLanes value;
  std::memcpy(&value.low, from, sizeof value.low);
  std::memcpy(&value.high, from + 4, sizeof value.high);
  return value;
}

SWEEPLAB_INLINE_LOOP void storeWide(double* to, const DoubleLanes& value) {
  std::memcpy(to, &value.low, sizeof value.low);
  std::memcpy(to + 4, &value.high, sizeof value.high);
}

// Four channels' sums of one kind, two of the backward pass's pairs: sixteen AVX registers hold
// them without spilling. Each channel's sum keeps its own lanes and order; the channels' chains
// of adds overlap instead of each waiting for its previous add.
constexpr int kForwardChannels = 4;
constexpr int kBackwardChannels = 2;

// For channels j < kCount (runs of n floats from x): sums[j] = sum of x, and wide[j n + b] = x
// in double, so that the passes after this one widen no float again (widening is the costliest
// instruction of these loops).
template <int kCount>
SWEEPLAB_INLINE_LOOP void sumsOf(const float* x, int64_t n, double* sums, double* wide) {
  DoubleLanes lanes[kCount] = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    for (int j = 0; j < kCount; ++j) {
      const DoubleLanes value = widen(x + j * n + b);
      storeWide(wide + j * n + b, value);
      lanes[j].low += value.low;
      lanes[j].high += value.high;
    }
  }
  for (int j = 0; j < kCount; ++j) {
    sums[j] = addUp(lanes[j]);
    for (int64_t r = b; r < n; ++r) {
      wide[j * n + r] = x[j * n + r];
      sums[j] += wide[j * n + r];
    }
  }
}

// sums[j] = sum of (x - means[j])^2 over channel j's batch, x as sumsOf widened it.
template <int kCount>
SWEEPLAB_INLINE_LOOP void squaredDeviations(const double* wide, const double* means, int64_t n,
                                            double* sums) {
  DoubleLanes lanes[kCount] = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    for (int j = 0; j < kCount; ++j) {
      const DoubleLanes value = loadWide(wide + j * n + b);
      const DoubleQuad low = value.low - means[j], high = value.high - means[j];
      lanes[j].low += low * low;
      lanes[j].high += high * high;
    }
  }
  for (int j = 0; j < kCount; ++j) {
    sums[j] = addUp(lanes[j]);
    for (int64_t r = b; r < n; ++r)
      sums[j] += (wide[j * n + r] - means[j]) * (wide[j * n + r] - means[j]);
  }
}

// Per channel j, in one pass: the sum of dy and of (x - means[j]) dy; x and dy widened into
// wideX and wideDy on the way.
template <int kCount>
SWEEPLAB_INLINE_LOOP void gradientSums(const float* x, const double* means, const float* dy,
                                       int64_t n, double* sumDy, double* dot, double* wideX,
                                       double* wideDy) {
  DoubleLanes dyLanes[kCount] = {}, dotLanes[kCount] = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    for (int j = 0; j < kCount; ++j) {
      const DoubleLanes d = widen(dy + j * n + b), value = widen(x + j * n + b);
      storeWide(wideDy + j * n + b, d);
      storeWide(wideX + j * n + b, value);
      dyLanes[j].low += d.low;
      dyLanes[j].high += d.high;
      dotLanes[j].low += (value.low - means[j]) * d.low;
      dotLanes[j].high += (value.high - means[j]) * d.high;
    }
  }
  for (int j = 0; j < kCount; ++j) {
    sumDy[j] = addUp(dyLanes[j]);
    dot[j] = addUp(dotLanes[j]);
    for (int64_t r = b; r < n; ++r) {
      wideDy[j * n + r] = dy[j * n + r];
      wideX[j * n + r] = x[j * n + r];
      sumDy[j] += wideDy[j * n + r];
      dot[j] += (wideX[j * n + r] - means[j]) * wideDy[j * n + r];
    }
  }
}

// Batch norm's forward pass on channels c to c + kCount - 1.
template <int kCount>
SWEEPLAB_INLINE_LOOP void forwardChannels(const float* x, const float* gamma, const float* beta,
                                          int64_t c, int64_t n, double eps, ChannelStats stats,
                                          float* y) {
  double sums[kCount];
  double* wide = stats.scratch;
  sumsOf<kCount>(x + c * n, n, sums, wide);
  for (int j = 0; j < kCount; ++j) stats.mean[c + j] = sums[j] / n;
  squaredDeviations<kCount>(wide, stats.mean + c, n, stats.squaredDeviations + c);
  for (int j = 0; j < kCount; ++j) {
    const double mean = stats.mean[c + j];
    const double invStd = 1.0 / std::sqrt(stats.squaredDeviations[c + j] / n + eps);
    stats.invStd[c + j] = invStd;
    // From the deviations, not as x * alpha + (beta - mean * alpha) as LibTorch does: when the
    // mean dwarfs the spread, those two large terms cancel and leave rounding noise.
    const double alpha = invStd * gamma[c + j];
    const double shift = beta[c + j];
    const double* xc = wide + j * n;
    float* yc = y + (c + j) * n;
    int64_t b = 0;
    for (; b + kLanes <= n; b += kLanes) {
      const DoubleLanes value = loadWide(xc + b);
      narrow(yc + b, {(value.low - mean) * alpha + shift, (value.high - mean) * alpha + shift});
    }
    for (; b < n; ++b) yc[b] = static_cast<float>((xc[b] - mean) * alpha + shift);
  }
}

// Batch norm's backward pass on channels c to c + kCount - 1.
template <int kCount>
SWEEPLAB_INLINE_LOOP void backwardChannels(const float* x, const float* gamma, const float* dy,
                                           int64_t c, int64_t n, ChannelStats stats, float* dGamma,
                                           float* dBeta, float* dx) {
  double sumDy[kCount], dot[kCount];
  double* wideX = stats.scratch;
  double* wideDy = stats.scratch + kCount * n;
  gradientSums<kCount>(x + c * n, stats.mean + c, dy + c * n, n, sumDy, dot, wideX, wideDy);
  for (int j = 0; j < kCount; ++j) {
    const double mean = stats.mean[c + j];
    const double invStd = stats.invStd[c + j];
    dGamma[c + j] = static_cast<float>(dot[j] * invStd);
    dBeta[c + j] = static_cast<float>(sumDy[j]);
    if (!dx) continue;
    // dx = (dy - mean(dy) - (x - mean) * dot * invStd^2 / n) * invStd * gamma
    const double meanDy = sumDy[j] / n;
    const double projection = dot[j] * invStd * invStd / n;
    const double scale = invStd * gamma[c + j];
    const double* xc = wideX + j * n;
    const double* dyc = wideDy + j * n;
    float* dxc = dx + (c + j) * n;
    int64_t b = 0;
    for (; b + kLanes <= n; b += kLanes) {
      const DoubleLanes d = loadWide(dyc + b), value = loadWide(xc + b);
      narrow(dxc + b, {(d.low - meanDy - (value.low - mean) * projection) * scale,
                       (d.high - meanDy - (value.high - mean) * projection) * scale});
    }
    for (; b < n; ++b)
      dxc[b] = static_cast<float>((dyc[b] - meanDy - (xc[b] - mean) * projection) * scale);
  }
}

// The same sums for CPUs without AVX2: eight plain double lanes, which GCC splits into SSE
// pairs; the 32-byte vectors above come out twice as slow as these there. Same lanes, same
// order, so the same bits.
SWEEPLAB_INLINE_LOOP double portableSum(const float* x, int64_t n) {
  double lanes[kLanes] = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes)
    for (int64_t k = 0; k < kLanes; ++k) lanes[k] += x[b + k];
  double total = 0;
  for (int64_t k = 0; k < kLanes; ++k) total += lanes[k];
  for (; b < n; ++b) total += x[b];
  return total;
}

// Sum of (x - mean)^2 (dy null) or of (x - mean) dy.
SWEEPLAB_INLINE_LOOP double portableCentredSum(const float* x, double mean, const float* dy,
                                               int64_t n) {
  double lanes[kLanes] = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    for (int64_t k = 0; k < kLanes; ++k) {
      const double deviation = x[b + k] - mean;
      lanes[k] += deviation * (dy ? dy[b + k] : deviation);
    }
  }
  double total = 0;
  for (int64_t k = 0; k < kLanes; ++k) total += lanes[k];
  for (; b < n; ++b) total += (x[b] - mean) * (dy ? dy[b] : x[b] - mean);
  return total;
}

void forwardPortable(const float* x, const float* gamma, const float* beta, int64_t channels,
                     int64_t n, double eps, ChannelStats stats, float* y) {
  for (int64_t c = 0; c < channels; ++c) {
    const float* xc = x + c * n;
    const double mean = portableSum(xc, n) / n;
    const double squares = portableCentredSum(xc, mean, nullptr, n);
    const double invStd = 1.0 / std::sqrt(squares / n + eps);
    stats.mean[c] = mean;
    stats.squaredDeviations[c] = squares;
    stats.invStd[c] = invStd;
    const double alpha = invStd * gamma[c];
    const double shift = beta[c];
    float* yc = y + c * n;
    for (int64_t b = 0; b < n; ++b) yc[b] = static_cast<float>((xc[b] - mean) * alpha + shift);
  }
}

void backwardPortable(const float* x, const float* gamma, const float* dy, int64_t channels,
                      int64_t n, ChannelStats stats, float* dGamma, float* dBeta, float* dx) {
  for (int64_t c = 0; c < channels; ++c) {
    const float* xc = x + c * n;
    const float* dyc = dy + c * n;
    const double mean = stats.mean[c];
    const double invStd = stats.invStd[c];
    const double sumDy = portableSum(dyc, n);
    const double dot = portableCentredSum(xc, mean, dyc, n);
    dGamma[c] = static_cast<float>(dot * invStd);
    dBeta[c] = static_cast<float>(sumDy);
    if (!dx) continue;
    const double meanDy = sumDy / n;
    const double projection = dot * invStd * invStd / n;
    const double scale = invStd * gamma[c];
    float* dxc = dx + c * n;
    for (int64_t b = 0; b < n; ++b)
      dxc[b] = static_cast<float>((dyc[b] - meanDy - (xc[b] - mean) * projection) * scale);
  }
}

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define SWEEPLAB_AVX2_TARGET __attribute__((target("avx2")))
bool hasAvx2() {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
}
#else
#define SWEEPLAB_AVX2_TARGET
bool hasAvx2() {
  return false;
}
#endif

SWEEPLAB_AVX2_TARGET
void forwardAvx2(const float* x, const float* gamma, const float* beta, int64_t channels, int64_t n,
                 double eps, ChannelStats stats, float* y) {
  int64_t c = 0;
  for (; c + kForwardChannels <= channels; c += kForwardChannels)
    forwardChannels<kForwardChannels>(x, gamma, beta, c, n, eps, stats, y);
  for (; c < channels; ++c) forwardChannels<1>(x, gamma, beta, c, n, eps, stats, y);
}

SWEEPLAB_AVX2_TARGET
void backwardAvx2(const float* x, const float* gamma, const float* dy, int64_t channels, int64_t n,
                  ChannelStats stats, float* dGamma, float* dBeta, float* dx) {
  int64_t c = 0;
  for (; c + kBackwardChannels <= channels; c += kBackwardChannels)
    backwardChannels<kBackwardChannels>(x, gamma, dy, c, n, stats, dGamma, dBeta, dx);
  for (; c < channels; ++c) backwardChannels<1>(x, gamma, dy, c, n, stats, dGamma, dBeta, dx);
}

}  // namespace

void batchNormForward(const float* x, const float* gamma, const float* beta, int64_t channels,
                      int64_t n, double eps, ChannelStats stats, float* y) {
  if (hasAvx2()) return forwardAvx2(x, gamma, beta, channels, n, eps, stats, y);
  forwardPortable(x, gamma, beta, channels, n, eps, stats, y);
}

void batchNormBackward(const float* x, const float* gamma, const float* dy, int64_t channels,
                       int64_t n, ChannelStats stats, float* dGamma, float* dBeta, float* dx) {
  if (hasAvx2()) return backwardAvx2(x, gamma, dy, channels, n, stats, dGamma, dBeta, dx);
  backwardPortable(x, gamma, dy, channels, n, stats, dGamma, dBeta, dx);
}

}  // namespace sweeplab::mlp
