// Student's t distribution and Welch's t-test, without a statistics library: the CDF is the
// regularized incomplete beta function, evaluated by its continued fraction (Lentz's method),
// which converges fast for x < (a + 1) / (a + b + 2); the symmetry I_x(a,b) = 1 - I_{1-x}(b,a)
// covers the rest.
#include <cmath>
#include <limits>

#include "sweeplab/repeat_statistics.h"

namespace sweeplab {
namespace {

double betaContinuedFraction(double a, double b, double x) {
  constexpr int kMaxIterations = 300;
  constexpr double kEpsilon = 1e-15;
  constexpr double kTiny = 1e-300;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));  // even step
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));  // odd step
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double regularizedIncompleteBeta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || std::isnan(x)) return std::numeric_limits<double>::quiet_NaN();
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double logFront =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return front * betaContinuedFraction(a, b, x) / a;
  return 1 - front * betaContinuedFraction(b, a, 1 - x) / b;
}

double studentTCdf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(t)) return t > 0 ? 1 : 0;
  // P(|T| > |t|) = I_{df / (df + t^2)}(df / 2, 1 / 2)
  const double tail = 0.5 * regularizedIncompleteBeta(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

WelchTest welchTTest(const std::vector<double>& a, const std::vector<double>& b) {
  const MeanStd sa = meanStd(a), sb = meanStd(b);
  WelchTest test;
  if (sa.n < 2 || sb.n < 2) return test;
  test.valid = true;
  test.difference = sa.mean - sb.mean;
  const double va = sa.std * sa.std / sa.n, vb = sb.std * sb.std / sb.n;
  const double se = std::sqrt(va + vb);
  if (se == 0) {
    // No spread at all (identical seeds): any difference is exact, none is no evidence.
    test.df = sa.n + sb.n - 2;
    test.t = test.difference == 0 ? 0 : std::copysign(INFINITY, test.difference);
    test.p_value = test.difference == 0 ? 1 : 0;
    return test;
  }
  test.t = test.difference / se;
  test.df = (va + vb) * (va + vb) / (va * va / (sa.n - 1) + vb * vb / (sb.n - 1));
  test.p_value = 2 * studentTCdf(-std::fabs(test.t), test.df);
  return test;
}

}  // namespace sweeplab
