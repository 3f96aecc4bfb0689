// The cross-entropy of the step kernel, eight rows at a time: the batch is feature-major, so a
// class's logits for eight consecutive rows are one vector, and the softmax's exponentials run
// as a polynomial on whole vectors instead of one libm call per logit.
#include <cmath>

#include "train/mlp_lanes.h"
#include "train/mlp_loops.h"

namespace sweeplab::mlp {
namespace {

typedef uint32_t UIntLanes __attribute__((vector_size(kLanes * sizeof(uint32_t))));

// Below this exp(x) is under float's smallest normal number; it is taken as 0 (libm gives a
// subnormal there, at most 1.2e-38, which no softmax over a row whose largest term is 1 can
// tell apart from 0 in float32).
constexpr float kExpUnderflow = -87.33654f;

// exp(x) for x <= 0, or NaN, in every lane: x = n ln 2 + r with |r| <= ln(2) / 2, exp(r) by
// Cephes' degree-7 polynomial (Moshier, cephes/single/expf.c), times 2^n through the exponent
// bits. Checked against exp in double on every float in [-87.33, 0]: off by at most 0.98 of a
// unit in the last place (glibc's expf: 0.5), so within one rounding of the float result.
// Plain multiplies and adds in a fixed order, so every target gives the same bits.
SWEEPLAB_INLINE_LOOP void expNonPositive(Lanes* value) {
  constexpr float kLog2e = 1.44269504088896341f;
  constexpr float kRound = 12582912.0f;     // 1.5 * 2^23: adding it rounds to an integer
  constexpr float kLn2High = 0.693359375f;  // ln 2 in two parts; n * kLn2High is exact
  constexpr float kLn2Low = -2.12194440e-4f;
  const Lanes x = *value;
  const Lanes n = (x * kLog2e + kRound) - kRound;
  const Lanes r = (x - n * kLn2High) - n * kLn2Low;
  Lanes p = r * 1.9875691500e-4f + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  const Lanes y = p * (r * r) + r + 1.0f;
  // n is in [-126, 0] for the x kept below, so 2^n is a normal float; NaN lanes stay NaN
  // through y whatever their n becomes.
  const UIntLanes exponent = (UIntLanes)(__builtin_convertvector(n, IntLanes) + 127) << 23;
  Lanes scale;
  std::memcpy(&scale, &exponent, sizeof scale);
  *value = x < kExpUnderflow ? Lanes{} : y * scale;
}

// Lanes for `count` rows from `from`; the lanes past count are zero (and their results unused).
SWEEPLAB_INLINE_LOOP void loadRows(Lanes* to, const float* from, int64_t count) {
  if (count == kLanes) return loadLanes(to, from);
  *to = Lanes{};
  std::memcpy(to, from, count * sizeof(float));
}

SWEEPLAB_INLINE_LOOP void storeRows(float* to, const Lanes& value, int64_t count) {
  std::memcpy(to, &value, count * sizeof(float));
}

// The rows' sums of exponentials multiplied up in double, their log taken once at the end: one
// log per batch instead of one per row, and closer to exact than rounding each row's log to
// float. Every sum lies in [1, classes], so the frexp below keeps the product far from overflow.
class LogOfProduct {
 public:
  void multiply(float factor) {
    product_ *= factor;
    if (product_ > 0x1p500) {
      int exponent = 0;
      product_ = std::frexp(product_, &exponent);
      exponent_ += exponent;
    }
  }
  double log() const { return std::log(product_) + exponent_ * 0.69314718055994530942; }

 private:
  double product_ = 1;
  int64_t exponent_ = 0;
};

}  // namespace

SWEEPLAB_VECTOR_CLONES
double crossEntropy(const float* logits, const int64_t* labels, int64_t classes, int64_t n,
                    float* dLogits, int64_t* predictions) {
  const float perRow = 1.0f / static_cast<float>(n);
  double topMinusLabel = 0;  // sum over rows of (largest logit - the label's logit)
  LogOfProduct logOfSums;
  for (int64_t b = 0; b < n; b += kLanes) {
    const int64_t count = n - b < kLanes ? n - b : kLanes;
    // The first maximum per row; a NaN wins and stays, as in torch's argmax.
    Lanes top;
    loadRows(&top, logits + b, count);
    IntLanes best = {};
    for (int64_t k = 1; k < classes; ++k) {
      Lanes z;
      loadRows(&z, logits + k * n + b, count);
      const IntLanes take = ((z > top) | (z != z)) & (top == top);
      top = take ? z : top;
      best = take ? IntLanes{} + static_cast<int32_t>(k) : best;
    }
    Lanes sum = {};
    for (int64_t k = 0; k < classes; ++k) {
      Lanes e;
      loadRows(&e, logits + k * n + b, count);
      e -= top;
      expNonPositive(&e);
      storeRows(dLogits + k * n + b, e, count);
      sum += e;
    }
    // d(loss)/d(logit) = (softmax - onehot) / n
    const Lanes scale = perRow / sum;
    for (int64_t k = 0; k < classes; ++k) {
      Lanes e;
      loadRows(&e, dLogits + k * n + b, count);
      storeRows(dLogits + k * n + b, e * scale, count);
    }
    for (int64_t r = 0; r < count; ++r) {
      const int64_t row = b + r;
      const int64_t label = labels[row];
      dLogits[label * n + row] -= perRow;
      topMinusLabel += static_cast<double>(top[r]) - logits[label * n + row];
      logOfSums.multiply(sum[r]);
      if (predictions) predictions[row] = best[r];
    }
  }
  return (topMinusLabel + logOfSums.log()) / static_cast<double>(n);
}

}  // namespace sweeplab::mlp
