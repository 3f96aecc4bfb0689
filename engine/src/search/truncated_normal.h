// The truncated standard normal pieces TPE needs, computed in log space as Optuna's
// _truncnorm (after SciPy) does, so the far tails of narrow kernels keep their precision.
#pragma once

namespace sweeplab::search::truncnorm {

// log Phi(a), the log of the standard normal CDF.
double logNdtr(double a);
// log (Phi(b) - Phi(a)) for a <= b.
double logGaussMass(double a, double b);
// The quantile q in [0, 1] of the standard normal truncated to [a, b].
double ppf(double q, double a, double b);
// log density of the normal (loc, scale) truncated to [low, high], at x; -inf outside.
double logPdf(double x, double low, double high, double loc, double scale);

}  // namespace sweeplab::search::truncnorm
