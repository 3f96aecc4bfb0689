// Factories that refuse contradictions, Optuna's RandomSampler draws, and the value texts.
#include "sweeplab/search/distribution.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "data/deterministic_random.h"
#include "sweeplab/errors.h"

namespace sweeplab::search {

namespace {

std::string text(double value) {
  return shortestText(value);
}

void requireFinite(const char* name, double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high))
    throw InputError{std::string(name) + ": the bounds must be finite numbers"};
}

void requireRange(const char* name, double low, double high) {
  if (!(low < high))
    throw InputError{std::string(name) + " [" + text(low) + ", " + text(high) +
                     "]: the range is empty; the low bound must be below the high one (for one "
                     "value, write it as a list: [" +
                     text(low) + "])"};
}

// Texts of stepped values keep 15 significant digits, so 0.1 + 3 * 0.1 reads "0.4".
std::string fifteenDigits(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

}  // namespace

std::string shortestText(double value) {
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

SeededUniformSource::SeededUniformSource(std::uint64_t seed, std::uint64_t stream) {
  // Hash both numbers first: DeterministicRandom expands its seed with splitmix64, whose streams
  // for seeds s and s + 0x9E37... overlap, so raw neighbouring values must not reach it.
  std::uint64_t state = seed;
  std::uint64_t mixed = splitMix64(state);
  state = mixed ^ (stream * 0xD1B54A32D192ED03ULL + 0x8CB92BA72F3D8DD7ULL);
  mixed = splitMix64(state);
  random_ = std::make_unique<DeterministicRandom>(mixed);
}

SeededUniformSource::~SeededUniformSource() = default;

double SeededUniformSource::next() {
  return random_->uniform();
}

Distribution Distribution::uniform(double low, double high, std::optional<double> step) {
  requireFinite("uniform", low, high);
  requireRange("uniform", low, high);
  if (step) {
    if (!(*step > 0.0) || !std::isfinite(*step))
      throw InputError{"uniform: step must be a positive number, not " + text(*step)};
    const double count = (high - low) / *step;
    if (std::fabs(count - std::round(count)) > 1e-9 * std::max(1.0, count))
      throw InputError{"uniform [" + text(low) + ", " + text(high) + "] with step " + text(*step) +
                       ": the range is not a whole number of steps; use a high " + "bound of " +
                       fifteenDigits(low + std::floor(count) * *step)};
  }
  Distribution d;
  d.kind_ = DistributionKind::Uniform;
  d.low_ = low;
  d.high_ = high;
  d.step_ = step;
  return d;
}

Distribution Distribution::logUniform(double low, double high) {
  requireFinite("log_uniform", low, high);
  if (!(low > 0.0))
    throw InputError{"log_uniform: the low bound must be above 0 (a logarithm is taken), not " +
                     text(low)};
  requireRange("log_uniform", low, high);
  Distribution d;
  d.kind_ = DistributionKind::LogUniform;
  d.low_ = low;
  d.high_ = high;
  return d;
}

Distribution Distribution::intUniform(long long low, long long high, long long step) {
  requireRange("int_uniform", static_cast<double>(low), static_cast<double>(high));
  if (step < 1) throw InputError{"int_uniform: step must be 1 or more, not " + text(step)};
  if ((high - low) % step != 0)
    throw InputError{"int_uniform [" + std::to_string(low) + ", " + std::to_string(high) +
                     "] with step " + std::to_string(step) +
                     ": the range is not a whole number of steps; use a high bound of " +
                     std::to_string(low + (high - low) / step * step)};
  Distribution d;
  d.kind_ = DistributionKind::IntUniform;
  d.low_ = static_cast<double>(low);
  d.high_ = static_cast<double>(high);
  d.step_ = static_cast<double>(step);
  return d;
}

Distribution Distribution::intLogUniform(long long low, long long high) {
  if (low < 1)
    throw InputError{
        "int_log_uniform: the low bound must be 1 or more (a logarithm is taken), "
        "not " +
        std::to_string(low)};
  requireRange("int_log_uniform", static_cast<double>(low), static_cast<double>(high));
  Distribution d;
  d.kind_ = DistributionKind::IntLogUniform;
  d.low_ = static_cast<double>(low);
  d.high_ = static_cast<double>(high);
  return d;
}

Distribution Distribution::choice(std::vector<std::string> values) {
  if (values.empty()) throw InputError{"choice: give at least one value"};
  std::set<std::string> seen;
  for (const auto& value : values)
    if (!seen.insert(value).second)
      throw InputError{"choice: the value " + value +
                       " is listed twice, which would make it twice as likely; list it once"};
  Distribution d;
  d.kind_ = DistributionKind::Choice;
  d.low_ = 0.0;
  d.high_ = static_cast<double>(values.size() - 1);
  d.choices_ = std::move(values);
  return d;
}

bool Distribution::isLog() const {
  return kind_ == DistributionKind::LogUniform || kind_ == DistributionKind::IntLogUniform;
}

double Distribution::sample(UniformSource& source) const {
  const double u = source.next();
  switch (kind_) {
    case DistributionKind::Uniform:
      if (!step_) return std::min(low_ + u * (high_ - low_), std::nextafter(high_, low_));
      [[fallthrough]];
    case DistributionKind::IntUniform: {
      // Each grid point owns a cell one step wide; the end points' cells reach half a step
      // beyond the bounds, so after rounding every point is equally likely.
      const double q = *step_;
      const double x = (low_ - 0.5 * q) + u * (high_ - low_ + q);
      return canonical(std::clamp(std::round((x - low_) / q) * q + low_, low_, high_));
    }
    case DistributionKind::LogUniform: {
      const double logLow = std::log(low_);
      const double x = std::exp(logLow + u * (std::log(high_) - logLow));
      return canonical(std::clamp(x, low_, std::nextafter(high_, low_)));
    }
    case DistributionKind::IntLogUniform: {
      // Uniform in log over [low - 0.5, high + 0.5], then rounded: integer k is drawn with
      // probability log((k + 0.5) / (k - 0.5)) / log((high + 0.5) / (low - 0.5)).
      const double logLow = std::log(low_ - 0.5);
      const double x = std::exp(logLow + u * (std::log(high_ + 0.5) - logLow));
      return std::clamp(std::round(x), low_, high_);
    }
    case DistributionKind::Choice:
      return std::min(std::floor(u * static_cast<double>(choices_.size())), high_);
  }
  return low_;
}

std::string Distribution::format(double value) const {
  switch (kind_) {
    case DistributionKind::Uniform:
      return step_ ? fifteenDigits(value) : shortestText(value);
    case DistributionKind::LogUniform:
      return shortestText(value);
    case DistributionKind::IntUniform:
    case DistributionKind::IntLogUniform:
      return std::to_string(std::llround(value));
    case DistributionKind::Choice:
      return choices_.at(static_cast<size_t>(std::llround(value)));
  }
  return {};
}

double Distribution::parse(const std::string& text) const {
  if (kind_ == DistributionKind::Choice) {
    const auto found = std::find(choices_.begin(), choices_.end(), text);
    if (found == choices_.end())
      throw InputError{"'" + text + "' is not one of the values of this " + describe()};
    return static_cast<double>(found - choices_.begin());
  }
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  const bool whole = !text.empty() && end == text.c_str() + text.size() && errno == 0;
  const bool integral =
      kind_ == DistributionKind::IntUniform || kind_ == DistributionKind::IntLogUniform;
  if (!whole || !std::isfinite(value) || (integral && value != std::round(value)) || value < low_ ||
      value > high_)
    throw InputError{"'" + text + "' is not a value of " + describe()};
  return value;
}

std::string Distribution::describe() const {
  const std::string range = " [" + text(low_) + ", " + text(high_) + "]";
  switch (kind_) {
    case DistributionKind::Uniform:
      return "uniform" + range + (step_ ? " step " + text(*step_) : "");
    case DistributionKind::LogUniform:
      return "log_uniform" + range;
    case DistributionKind::IntUniform:
      return "int_uniform" + range + (*step_ != 1.0 ? " step " + text(*step_) : "");
    case DistributionKind::IntLogUniform:
      return "int_log_uniform" + range;
    case DistributionKind::Choice:
      return "choice of " + std::to_string(choices_.size());
  }
  return {};
}

}  // namespace sweeplab::search
