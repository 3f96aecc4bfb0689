// Follows optuna/samplers/_tpe/_truncnorm.py (Optuna 3.1, from SciPy), except that logPdf is
// the true density, with the -log(scale) term Optuna 3.1 lacked (optuna#5109); the Parzen
// estimator decides whether to drop it again (TpeOptions::normalizedKernels).
#include "search/truncated_normal.h"

#include <cmath>
#include <limits>

namespace sweeplab::search::truncnorm {

namespace {

const double kSqrt2 = std::sqrt(2.0);
const double kLogSqrt2Pi = 0.5 * std::log(2.0 * 3.14159265358979323846);

double ndtr(double a) {
  return 0.5 * std::erfc(-a / kSqrt2);
}

double logSum(double p, double q) {
  const double larger = std::fmax(p, q);
  if (larger == -std::numeric_limits<double>::infinity()) return larger;
  return larger + std::log1p(std::exp(-std::fabs(p - q)));
}

double logDiff(double p, double q) {
  return p + std::log1p(-std::exp(q - p));
}

// Inverse of logNdtr by bisection on [-100, 100], as Optuna does: logNdtr is monotonic and a
// hundred halvings reach double precision.
double ndtriExp(double y) {
  double a = -100.0;
  double b = 100.0;
  double middle = 0.0;
  for (int i = 0; i < 100; ++i) {
    middle = 0.5 * (a + b);
    if (logNdtr(middle) < y)
      a = middle;
    else
      b = middle;
  }
  return middle;
}

}  // namespace

double logNdtr(double a) {
  if (a > 6.0) return -ndtr(-a);  // log(1 - x) = -x to double precision here
  if (a > -20.0) return std::log(ndtr(a));
  // Asymptotic series of the far left tail.
  const double logLhs = -0.5 * a * a - std::log(-a) - kLogSqrt2Pi;
  double lastTotal = 0.0;
  double rightHandSide = 1.0;
  double numerator = 1.0;
  double denominatorFactor = 1.0;
  const double denominatorConstant = 1.0 / (a * a);
  double sign = 1.0;
  for (int i = 1; std::fabs(lastTotal - rightHandSide) > std::numeric_limits<double>::epsilon();
       ++i) {
    lastTotal = rightHandSide;
    sign = -sign;
    denominatorFactor *= denominatorConstant;
    numerator *= 2.0 * i - 1.0;
    rightHandSide += sign * numerator * denominatorFactor;
  }
  return logLhs + std::log(rightHandSide);
}

double logGaussMass(double a, double b) {
  // Work in the left tail, where the CDF is accurate; mirror the right tail onto it.
  if (b <= 0.0) return logDiff(logNdtr(b), logNdtr(a));
  if (a > 0.0) return logDiff(logNdtr(-a), logNdtr(-b));
  return std::log1p(-ndtr(a) - ndtr(-b));
}

double ppf(double q, double a, double b) {
  if (a == b) return std::nan("");
  if (q <= 0.0) return a;
  if (q >= 1.0) return b;
  if (a < 0.0) return ndtriExp(logSum(logNdtr(a), std::log(q) + logGaussMass(a, b)));
  return -ndtriExp(logSum(logNdtr(-b), std::log1p(-q) + logGaussMass(a, b)));
}

double logPdf(double x, double low, double high, double loc, double scale) {
  if (x < low || x > high) return -std::numeric_limits<double>::infinity();
  const double z = (x - loc) / scale;
  return -0.5 * z * z - kLogSqrt2Pi - std::log(scale) -
         logGaussMass((low - loc) / scale, (high - loc) / scale);
}

}  // namespace sweeplab::search::truncnorm
