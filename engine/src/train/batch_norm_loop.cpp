// Batch norm's forward and backward passes for the step kernel. Its statistics are kept in
// double: its gradients subtract nearly equal terms whenever the batch's spread is large against
// eps (always with two rows), so float32 statistics would leave mostly rounding in them. The
// sums run in double vectors of eight lanes (lane k takes rows k, k + 8, ...), added up in order
// at the end, so the result depends on the batch alone, as every reduction of the kernel.
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

// Sum of x over the batch.
SWEEPLAB_INLINE_LOOP double sumOf(const float* x, int64_t n) {
  DoubleLanes lanes = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    const DoubleLanes value = widen(x + b);
    lanes.low += value.low;
    lanes.high += value.high;
  }
  double total = addUp(lanes);
  for (; b < n; ++b) total += x[b];
  return total;
}

// Sum of (x - mean)^2 over the batch.
SWEEPLAB_INLINE_LOOP double squaredDeviations(const float* x, double mean, int64_t n) {
  DoubleLanes lanes = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    const DoubleLanes value = widen(x + b);
    const DoubleQuad low = value.low - mean, high = value.high - mean;
    lanes.low += low * low;
    lanes.high += high * high;
  }
  double total = addUp(lanes);
  for (; b < n; ++b) total += (x[b] - mean) * (x[b] - mean);
  return total;
}

// Sums of dy and of (x - mean) dy over the batch, in one pass.
SWEEPLAB_INLINE_LOOP void gradientSums(const float* x, double mean, const float* dy, int64_t n,
                                       double* sumDy, double* dot) {
  DoubleLanes dyLanes = {}, dotLanes = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes) {
    const DoubleLanes d = widen(dy + b), value = widen(x + b);
    dyLanes.low += d.low;
    dyLanes.high += d.high;
    dotLanes.low += (value.low - mean) * d.low;
    dotLanes.high += (value.high - mean) * d.high;
  }
  *sumDy = addUp(dyLanes);
  *dot = addUp(dotLanes);
  for (; b < n; ++b) {
    *sumDy += dy[b];
    *dot += (x[b] - mean) * dy[b];
  }
}

}  // namespace

SWEEPLAB_VECTOR_CLONES
void batchNormForward(const float* x, const float* gamma, const float* beta, int64_t channels,
                      int64_t n, double eps, ChannelStats stats, float* y) {
  for (int64_t c = 0; c < channels; ++c) {
    const float* xc = x + c * n;
    const double mean = sumOf(xc, n) / n;
    const double squares = squaredDeviations(xc, mean, n);
    const double invStd = 1.0 / std::sqrt(squares / n + eps);
    stats.mean[c] = mean;
    stats.squaredDeviations[c] = squares;
    stats.invStd[c] = invStd;
    // From the deviations, not as x * alpha + (beta - mean * alpha) as LibTorch does: when the
    // mean dwarfs the spread, those two large terms cancel and leave rounding noise.
    const double alpha = invStd * gamma[c];
    const double shift = beta[c];
    float* yc = y + c * n;
    int64_t b = 0;
    for (; b + kLanes <= n; b += kLanes) {
      const DoubleLanes value = widen(xc + b);
      narrow(yc + b, {(value.low - mean) * alpha + shift, (value.high - mean) * alpha + shift});
    }
    for (; b < n; ++b) yc[b] = static_cast<float>((xc[b] - mean) * alpha + shift);
  }
}

SWEEPLAB_VECTOR_CLONES
void batchNormBackward(const float* x, const float* gamma, const float* dy, int64_t channels,
                       int64_t n, ChannelStats stats, float* dGamma, float* dBeta, float* dx) {
  for (int64_t c = 0; c < channels; ++c) {
    const float* xc = x + c * n;
    const float* dyc = dy + c * n;
    const double mean = stats.mean[c];
    const double invStd = stats.invStd[c];
    double sumDy = 0, dot = 0;
    gradientSums(xc, mean, dyc, n, &sumDy, &dot);
    dGamma[c] = static_cast<float>(dot * invStd);
    dBeta[c] = static_cast<float>(sumDy);
    if (!dx) continue;
    // dx = (dy - mean(dy) - (x - mean) * dot * invStd^2 / n) * invStd * gamma
    const double meanDy = sumDy / n;
    const double projection = dot * invStd * invStd / n;
    const double scale = invStd * gamma[c];
    float* dxc = dx + c * n;
    int64_t b = 0;
    for (; b + kLanes <= n; b += kLanes) {
      const DoubleLanes d = widen(dyc + b), value = widen(xc + b);
      narrow(dxc + b, {(d.low - meanDy - (value.low - mean) * projection) * scale,
                       (d.high - meanDy - (value.high - mean) * projection) * scale});
    }
    for (; b < n; ++b)
      dxc[b] = static_cast<float>((dyc[b] - meanDy - (xc[b] - mean) * projection) * scale);
  }
}

}  // namespace sweeplab::mlp
