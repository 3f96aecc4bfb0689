// Loops written so they vectorise without reordering any sum: element-wise work runs along the
// batch, and every reduction over the batch keeps kLanes partial sums (lane k takes rows k,
// k + kLanes, ...) added up in a fixed order at the end. The result depends on the batch alone,
// never on timing or threads, so training stays bit-identical run to run.
#include "train/mlp_loops.h"

#include <cmath>

#include "train/mlp_lanes.h"

namespace sweeplab::mlp {
namespace {

constexpr int64_t kBlock = 32;  // batch rows whose outputs stay in registers across a dot product
constexpr int64_t kVectors = kBlock / kLanes;
constexpr float kSqrtHalf = 0.70710678118654752440f;
constexpr float kInvSqrtTwoPi = 0.39894228040143267794f;

// The lanes added up in order, then the rows past the last whole group of kLanes.
inline double finishSum(const Lanes& lanes, const float* a, const float* c, int64_t from,
                        int64_t n) {
  double total = 0;
  for (int64_t k = 0; k < kLanes; ++k) total += lanes[k];
  for (int64_t b = from; b < n; ++b) total += c ? a[b] * c[b] : a[b];
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

// dWeight[o + p][i + j] = sum_b dy[o + p][b] x[i + j][b] for p < kOuts, j < kIns, each in kLanes
// partial sums. kOuts * kIns sums in flight at once, so no add waits for the one before it in
// its own sum, and each load of dy or x serves several of them.
template <int kOuts, int kIns>
SWEEPLAB_INLINE_LOOP void gradientTile(const float* x, const float* dy, int64_t o, int64_t i,
                                       int64_t in, int64_t n, int64_t whole, float* dWeight) {
  Lanes acc[kOuts][kIns] = {};
  for (int64_t b = 0; b < whole; b += kLanes) {
    Lanes d[kOuts];
    for (int p = 0; p < kOuts; ++p) loadLanes(&d[p], dy + (o + p) * n + b);
    for (int j = 0; j < kIns; ++j) {
      Lanes xv;
      loadLanes(&xv, x + (i + j) * n + b);
      for (int p = 0; p < kOuts; ++p) acc[p][j] += d[p] * xv;
    }
  }
  for (int p = 0; p < kOuts; ++p)
    for (int j = 0; j < kIns; ++j)
      dWeight[(o + p) * in + i + j] =
          static_cast<float>(finishSum(acc[p][j], dy + (o + p) * n, x + (i + j) * n, whole, n));
}

// Every input of kOuts outputs, four inputs at a time, then the rest one by one.
template <int kOuts>
SWEEPLAB_INLINE_LOOP void gradientRows(const float* x, const float* dy, int64_t o, int64_t in,
                                       int64_t n, int64_t whole, float* dWeight) {
  int64_t i = 0;
  for (; i + 4 <= in; i += 4) gradientTile<kOuts, 4>(x, dy, o, i, in, n, whole, dWeight);
  for (; i < in; ++i) gradientTile<kOuts, 1>(x, dy, o, i, in, n, whole, dWeight);
}

// dWeight[o][i] = sum_b dy[o][b] x[i][b] and dBias[o] = sum_b dy[o][b], each in kLanes partial
// sums; two outputs at a time.
SWEEPLAB_VECTOR_CLONES
void weightGradients(const float* x, const float* dy, int64_t in, int64_t out, int64_t n,
                     float* dWeight, float* dBias) {
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
  }
  int64_t o = 0;
  for (; o + 2 <= out; o += 2) gradientRows<2>(x, dy, o, in, n, whole, dWeight);
  if (o < out) gradientRows<1>(x, dy, o, in, n, whole, dWeight);
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

// Eight rows at a time, so each feature's values for them leave as one store.
SWEEPLAB_VECTOR_CLONES
void gatherFeatureMajor(const float* rowMajor, const int64_t* rowIndex, int64_t rows, int64_t cols,
                        float* featureMajor) {
  int64_t b = 0;
  for (; b + kLanes <= rows; b += kLanes) {
    const float* row[kLanes];
    for (int64_t k = 0; k < kLanes; ++k) row[k] = rowMajor + rowIndex[b + k] * cols;
    for (int64_t c = 0; c < cols; ++c) {
      const Lanes value = {row[0][c], row[1][c], row[2][c], row[3][c],
                           row[4][c], row[5][c], row[6][c], row[7][c]};
      storeLanes(featureMajor + c * rows + b, value);
    }
  }
  for (; b < rows; ++b) {
    const float* row = rowMajor + rowIndex[b] * cols;
    for (int64_t c = 0; c < cols; ++c) featureMajor[c * rows + b] = row[c];
  }
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

}  // namespace sweeplab::mlp
