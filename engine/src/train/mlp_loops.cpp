// Loops written so they vectorise without reordering any sum: element-wise work runs along the
// batch, and every reduction over the batch keeps kLanes partial sums (lane k takes rows k,
// k + kLanes, ...) added up in a fixed order at the end. The result depends on the batch alone,
// never on timing or threads, so training stays bit-identical run to run.
#include "train/mlp_loops.h"

#include <cmath>
#include <cstring>

// The hot loops are compiled twice, for AVX2 and for any x86-64 CPU, and the loader picks one
// per machine. Neither target has fused multiply-add and both run every sum in the same order,
// so the two give the same bits; AVX2 just does eight floats per instruction instead of four.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define SWEEPLAB_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SWEEPLAB_VECTOR_CLONES
#endif

namespace sweeplab::mlp {
namespace {

constexpr int64_t kLanes = 8;   // partial sums per reduction: one AVX register, two SSE ones
constexpr int64_t kBlock = 32;  // batch rows whose outputs stay in registers across a dot product
constexpr int64_t kVectors = kBlock / kLanes;
constexpr float kSqrtHalf = 0.70710678118654752440f;
constexpr float kInvSqrtTwoPi = 0.39894228040143267794f;

// Eight floats as one value (GCC/Clang vector extension): plain arithmetic, no intrinsics.
typedef float Lanes __attribute__((vector_size(kLanes * sizeof(float))));

// By pointer, never by value: a 32-byte vector passed by value has another ABI with AVX.
inline void loadLanes(Lanes* to, const float* from) {
  std::memcpy(to, from, sizeof *to);
}

inline void storeLanes(float* to, const Lanes& value) {
  std::memcpy(to, &value, sizeof value);
}

// The lanes added up in order, then the rows past the last whole group of kLanes.
inline double finishSum(const Lanes& lanes, const float* a, const float* c, int64_t from,
                        int64_t n) {
  double total = 0;
  for (int64_t k = 0; k < kLanes; ++k) total += lanes[k];
  for (int64_t b = from; b < n; ++b) total += c ? a[b] * c[b] : a[b];
  return total;
}

// Batch norm's sums, in double lanes: sum of x, of (x - mean)^2 (dy null) or of (x - mean) dy.
// Its gradients subtract nearly equal terms whenever the batch's spread is large against eps
// (always with two rows), so float32 statistics would leave mostly rounding in them.
SWEEPLAB_VECTOR_CLONES
double exactSum(const float* x, int64_t n) {
  double lanes[kLanes] = {};
  int64_t b = 0;
  for (; b + kLanes <= n; b += kLanes)
    for (int64_t k = 0; k < kLanes; ++k) lanes[k] += x[b + k];
  double total = 0;
  for (int64_t k = 0; k < kLanes; ++k) total += lanes[k];
  for (; b < n; ++b) total += x[b];
  return total;
}

SWEEPLAB_VECTOR_CLONES
double centredSum(const float* x, double mean, const float* dy, int64_t n) {
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

// out[o][b] = start[o] + sum_i w(o, i) * x[i][b] for o < outs, in the order i = 0, 1, ...
// w(o, i) = weight[o * oStride + i * iStride], so the same loop serves W and W^T. Two outputs
// of kBlock rows each stay in registers while the inputs stream past once.
SWEEPLAB_VECTOR_CLONES
void weightedSums(const float* x, const float* weight, int64_t oStride, int64_t iStride,
                  const float* start, int64_t ins, int64_t outs, int64_t n, float* out) {
  int64_t b = 0;
  for (; b + kBlock <= n; b += kBlock) {
    int64_t o = 0;
    for (; o + 2 <= outs; o += 2) {
      Lanes first[kVectors], second[kVectors];
      for (int64_t v = 0; v < kVectors; ++v) {
        first[v] = Lanes{} + (start ? start[o] : 0.0f);
        second[v] = Lanes{} + (start ? start[o + 1] : 0.0f);
      }
      for (int64_t i = 0; i < ins; ++i) {
        const float w0 = weight[o * oStride + i * iStride];
        const float w1 = weight[(o + 1) * oStride + i * iStride];
        const float* xi = x + i * n + b;
        for (int64_t v = 0; v < kVectors; ++v) {
          Lanes xv;
          loadLanes(&xv, xi + v * kLanes);
          first[v] += w0 * xv;
          second[v] += w1 * xv;
        }
      }
      for (int64_t v = 0; v < kVectors; ++v) {
        storeLanes(out + o * n + b + v * kLanes, first[v]);
        storeLanes(out + (o + 1) * n + b + v * kLanes, second[v]);
      }
    }
    for (; o < outs; ++o) {
      Lanes acc[kVectors];
      for (int64_t v = 0; v < kVectors; ++v) acc[v] = Lanes{} + (start ? start[o] : 0.0f);
      for (int64_t i = 0; i < ins; ++i) {
        const float w = weight[o * oStride + i * iStride];
        for (int64_t v = 0; v < kVectors; ++v) {
          Lanes xv;
          loadLanes(&xv, x + i * n + b + v * kLanes);
          acc[v] += w * xv;
        }
      }
      for (int64_t v = 0; v < kVectors; ++v) storeLanes(out + o * n + b + v * kLanes, acc[v]);
    }
  }
  if (b == n) return;
  for (int64_t o = 0; o < outs; ++o) {  // the last rows, one at a time, in the same order
    float* row = out + o * n;
    const float first = start ? start[o] : 0.0f;
    for (int64_t r = b; r < n; ++r) row[r] = first;
    for (int64_t i = 0; i < ins; ++i) {
      const float w = weight[o * oStride + i * iStride];
      const float* xi = x + i * n;
      for (int64_t r = b; r < n; ++r) row[r] += w * xi[r];
    }
  }
}

// dWeight[o][i] = sum_b dy[o][b] x[i][b] and dBias[o] = sum_b dy[o][b], each in kLanes partial
// sums; four inputs at a time share each load of dy.
SWEEPLAB_VECTOR_CLONES
void weightGradients(const float* x, const float* dy, int64_t in, int64_t out, int64_t n,
                     float* dWeight, float* dBias) {
  constexpr int64_t kInputs = 4;
  const int64_t whole = n - n % kLanes;
  for (int64_t o = 0; o < out; ++o) {
    const float* dyo = dy + o * n;
    Lanes sum = {};
    for (int64_t b = 0; b < whole; b += kLanes) {
      Lanes d;
      loadLanes(&d, dyo + b);
      sum += d;
    }
    dBias[o] = static_cast<float>(finishSum(sum, dyo, nullptr, whole, n));
    int64_t i = 0;
    for (; i + kInputs <= in; i += kInputs) {
      Lanes acc[kInputs] = {};
      for (int64_t b = 0; b < whole; b += kLanes) {
        Lanes d;
        loadLanes(&d, dyo + b);
        for (int64_t j = 0; j < kInputs; ++j) {
          Lanes xv;
          loadLanes(&xv, x + (i + j) * n + b);
          acc[j] += d * xv;
        }
      }
      for (int64_t j = 0; j < kInputs; ++j)
        dWeight[o * in + i + j] =
            static_cast<float>(finishSum(acc[j], dyo, x + (i + j) * n, whole, n));
    }
    for (; i < in; ++i) {
      Lanes acc = {};
      for (int64_t b = 0; b < whole; b += kLanes) {
        Lanes d, xv;
        loadLanes(&d, dyo + b);
        loadLanes(&xv, x + i * n + b);
        acc += d * xv;
      }
      dWeight[o * in + i] = static_cast<float>(finishSum(acc, dyo, x + i * n, whole, n));
    }
  }
}

}  // namespace

void toFeatureMajor(const float* rowMajor, int64_t rows, int64_t cols, float* featureMajor) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) featureMajor[c * rows + r] = rowMajor[r * cols + c];
}

void toRowMajor(const float* featureMajor, int64_t rows, int64_t cols, float* rowMajor) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) rowMajor[r * cols + c] = featureMajor[c * rows + r];
}

void linearForward(const float* x, const float* weight, const float* bias, int64_t in, int64_t out,
                   int64_t n, float* y) {
  weightedSums(x, weight, in, 1, bias, in, out, n, y);
}

void linearBackward(const float* x, const float* weight, const float* dy, int64_t in, int64_t out,
                    int64_t n, float* dWeight, float* dBias, float* dx) {
  weightGradients(x, dy, in, out, n, dWeight, dBias);
  // dx[i][b] = sum_o W[o][i] dy[o][b]: the forward loop over W^T.
  if (dx) weightedSums(dy, weight, 1, in, nullptr, out, in, n, dx);
}

SWEEPLAB_VECTOR_CLONES
void batchNormForward(const float* x, const float* gamma, const float* beta, int64_t channels,
                      int64_t n, double eps, ChannelStats stats, float* y) {
  for (int64_t c = 0; c < channels; ++c) {
    const float* xc = x + c * n;
    const double mean = exactSum(xc, n) / n;
    const double squares = centredSum(xc, mean, nullptr, n);
    const double invStd = 1.0 / std::sqrt(squares / n + eps);
    stats.mean[c] = mean;
    stats.squaredDeviations[c] = squares;
    stats.invStd[c] = invStd;
    // From the deviations, not as x * alpha + (beta - mean * alpha) as LibTorch does: when the
    // mean dwarfs the spread, those two large terms cancel and leave rounding noise.
    const double alpha = invStd * gamma[c];
    const double shift = beta[c];
    float* yc = y + c * n;
    for (int64_t b = 0; b < n; ++b) yc[b] = static_cast<float>((xc[b] - mean) * alpha + shift);
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
    const double sumDy = exactSum(dyc, n);
    const double dot = centredSum(xc, mean, dyc, n);
    dGamma[c] = static_cast<float>(dot * invStd);
    dBeta[c] = static_cast<float>(sumDy);
    if (!dx) continue;
    // dx = (dy - mean(dy) - (x - mean) * dot * invStd^2 / n) * invStd * gamma
    const double meanDy = sumDy / n;
    const double projection = dot * invStd * invStd / n;
    const double scale = invStd * gamma[c];
    float* dxc = dx + c * n;
    for (int64_t b = 0; b < n; ++b)
      dxc[b] = static_cast<float>((dyc[b] - meanDy - (xc[b] - mean) * projection) * scale);
  }
}

SWEEPLAB_VECTOR_CLONES
void activationForward(Activation kind, float slope, const float* x, int64_t count, float* y) {
  switch (kind) {
    case Activation::ReLU:  // NaN stays NaN, as torch's relu keeps it
      for (int64_t j = 0; j < count; ++j) y[j] = x[j] < 0 ? 0.0f : x[j];
      return;
    case Activation::LeakyReLU:
      for (int64_t j = 0; j < count; ++j) y[j] = x[j] > 0 ? x[j] : x[j] * slope;
      return;
    case Activation::Tanh:
      for (int64_t j = 0; j < count; ++j) y[j] = std::tanh(x[j]);
      return;
    case Activation::GELU:  // the exact form, x * Phi(x)
      for (int64_t j = 0; j < count; ++j) y[j] = x[j] * 0.5f * (1.0f + std::erf(x[j] * kSqrtHalf));
      return;
  }
}

SWEEPLAB_VECTOR_CLONES
void activationBackward(Activation kind, float slope, const float* x, const float* y,
                        const float* dy, int64_t count, float* dx) {
  switch (kind) {
    case Activation::ReLU:
      for (int64_t j = 0; j < count; ++j) dx[j] = y[j] <= 0 ? 0.0f : dy[j];
      return;
    case Activation::LeakyReLU:
      for (int64_t j = 0; j < count; ++j) dx[j] = x[j] > 0 ? dy[j] : dy[j] * slope;
      return;
    case Activation::Tanh:
      for (int64_t j = 0; j < count; ++j) dx[j] = dy[j] * (1.0f - y[j] * y[j]);
      return;
    case Activation::GELU: {
      for (int64_t j = 0; j < count; ++j) {
        const float cdf = 0.5f * (1.0f + std::erf(x[j] * kSqrtHalf));
        const float pdf = kInvSqrtTwoPi * std::exp(-0.5f * x[j] * x[j]);
        dx[j] = dy[j] * (cdf + x[j] * pdf);
      }
      return;
    }
  }
}

double crossEntropy(const float* logits, const int64_t* labels, int64_t classes, int64_t n,
                    float* dLogits, int64_t* predictions) {
  double total = 0;
  const float perRow = 1.0f / static_cast<float>(n);
  for (int64_t b = 0; b < n; ++b) {
    float top = logits[b];
    int64_t best = 0;
    for (int64_t k = 1; k < classes && !std::isnan(top); ++k) {
      const float z = logits[k * n + b];
      if (z > top || std::isnan(z)) {  // the first maximum; a NaN wins, as in torch's argmax
        top = z;
        best = k;
      }
    }
    if (predictions) predictions[b] = best;
    float sum = 0;
    for (int64_t k = 0; k < classes; ++k) {
      const float e = std::exp(logits[k * n + b] - top);
      dLogits[k * n + b] = e;
      sum += e;
    }
    const int64_t label = labels[b];
    total += static_cast<double>(top) + std::log(sum) - logits[label * n + b];
    const float scale = perRow / sum;
    for (int64_t k = 0; k < classes; ++k) dLogits[k * n + b] *= scale;
    dLogits[label * n + b] -= perRow;
  }
  return total / n;
}

}  // namespace sweeplab::mlp
