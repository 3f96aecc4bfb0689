// Range reduction plus short series; accurate to a few ulp, which is plenty for data synthesis.
#include "data/portable_math.h"

#include <cmath>

// Clang contracts a*b+c into fused multiply-adds by default on some targets, which would change
// the last bits between machines; GCC in ISO mode does not contract.
#ifdef __clang__
#pragma clang fp contract(off)
#endif

namespace sweeplab::portable {
namespace {
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kReciprocal[] = {
    0.0,        1.0,        1.0 / 2.0,  1.0 / 3.0,  1.0 / 4.0,  1.0 / 5.0,  1.0 / 6.0,
    1.0 / 7.0,  1.0 / 8.0,  1.0 / 9.0,  1.0 / 10.0, 1.0 / 11.0, 1.0 / 12.0, 1.0 / 13.0,
    1.0 / 14.0, 1.0 / 15.0, 1.0 / 16.0, 1.0 / 17.0, 1.0 / 18.0, 1.0 / 19.0, 1.0 / 20.0,
    1.0 / 21.0, 1.0 / 22.0, 1.0 / 23.0, 1.0 / 24.0, 1.0 / 25.0};
}  // namespace

double exp(double x) {
  if (x > 709.0) return HUGE_VAL;
  if (x < -745.0) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2; exp(r) by its Taylor series to r^13 (error < 2e-16).
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  // Nested form 1 + r(1 + r/2 (1 + r/3 (...))), the 1/n rounded once at compile time.
  double sum = 1.0;
  for (int n = 13; n >= 1; --n) sum = 1.0 + r * kReciprocal[n] * sum;
  return std::ldexp(sum, static_cast<int>(k));
}

double log(double x) {
  if (!(x > 0.0)) return -HUGE_VAL;
  int exponent = 0;
  double m = std::frexp(x, &exponent);  // exact: m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2.0;
    --exponent;
  }
  // log(m) = 2 atanh(f) with f = (m - 1) / (m + 1), |f| < 0.172.
  const double f = (m - 1.0) / (m + 1.0);
  const double f2 = f * f;
  // atanh(f) = f (1 + f^2/3 + f^4/5 + ...), to f^24 (relative error < 1e-17).
  double sum = kReciprocal[25];
  for (int n = 23; n >= 1; n -= 2) sum = kReciprocal[n] + f2 * sum;
  sum *= f;
  return exponent * kLn2Hi + (exponent * kLn2Lo + 2.0 * sum);
}

}  // namespace sweeplab::portable
