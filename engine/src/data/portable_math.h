// exp and log built from +, -, *, / and exact scaling only, so generated data is bit-identical
// on every IEEE-754 platform: libm's results may differ in the last bit between C libraries.
#pragma once

namespace sweeplab::portable {

double exp(double x);
double log(double x);  // x > 0
inline double sigmoid(double x) {
  return 1.0 / (1.0 + exp(-x));
}
inline double tanh(double x) {
  return 2.0 * sigmoid(2.0 * x) - 1.0;
}

}  // namespace sweeplab::portable
