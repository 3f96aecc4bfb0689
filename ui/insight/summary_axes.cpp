// Axis ranges reuse the curve charts' tick arithmetic (curve_math), so the summary figures and
// the curves label their axes alike.
#include "insight/summary_axes.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "charts/curve_math.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {
namespace {

// Few enough values to label each one on a swept key's axis.
constexpr std::size_t kMaxValueTicks = 9;

}  // namespace

std::optional<std::string> sweptValueOf(const TrialSummary& trial, const std::string& key) {
  // sweptKeys names a sweep of the shorthand "model" by its full key, "model.name".
  for (const auto& [name, value] : trial.swept)
    if (name == key || (name == "model" && key == "model.name")) return value;
  return std::nullopt;
}

std::optional<double> numberOf(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

SummaryAxis valueAxis(const std::string& title, const std::vector<double>& values, bool log,
                      bool margin) {
  SummaryAxis axis;
  axis.title = title;
  axis.log = log;
  std::vector<double> finite;
  for (double value : values)
    if (std::isfinite(value) && (!log || value > 0)) finite.push_back(value);
  std::sort(finite.begin(), finite.end());
  finite.erase(std::unique(finite.begin(), finite.end()), finite.end());
  if (finite.empty()) finite = log ? std::vector<double>{1} : std::vector<double>{0};
  double low = finite.front(), high = finite.back();
  if (log) {
    double a = std::log10(low), b = std::log10(high);
    if (b - a < 1e-12) a -= 0.5, b += 0.5;
    const double pad = margin ? (b - a) * 0.06 : 0;
    axis.min = std::pow(10.0, a - pad);
    axis.max = std::pow(10.0, b + pad);
  } else {
    if (high - low < 1e-12) {
      const double half = std::max(std::abs(low) * 0.5, 0.5);
      low -= half, high += half;
    }
    const double pad = margin ? (high - low) * 0.06 : 0;
    axis.min = low - pad;
    axis.max = high + pad;
  }
  if (finite.size() <= kMaxValueTicks) {
    axis.ticks = finite;
  } else if (log) {
    for (double power = std::ceil(std::log10(axis.min)); power <= std::log10(axis.max); ++power)
      axis.ticks.push_back(std::pow(10.0, power));
  } else {
    axis.ticks = tickPositions(axisTicks(axis.min, axis.max));
  }
  // Decimals that tell the ticks apart, with no trailing zeros beyond that.
  axis.decimals = 0;
  for (double tick : axis.ticks)
    while (axis.decimals < 6 &&
           std::abs(tick - std::round(tick * std::pow(10.0, axis.decimals)) /
                               std::pow(10.0, axis.decimals)) > std::abs(tick) * 1e-9)
      ++axis.decimals;
  return axis;
}

SummaryAxis resultAxis(const std::string& title, double low, double high, bool share,
                       bool fromZero) {
  if (!std::isfinite(low) || !std::isfinite(high)) low = 0, high = share ? 1 : 1;
  if (fromZero) low = std::min(low, 0.0);
  const AxisRange range = niceAxisRange(low, high, share, fromZero || share, 6);
  SummaryAxis axis;
  axis.title = title;
  axis.min = range.min;
  axis.max = range.max;
  axis.ticks = tickPositions(range);
  // Shares are labelled in percent: two fewer decimals.
  axis.decimals = share ? std::max(0, range.decimals - 2) : range.decimals;
  return axis;
}

SummaryAxis categoryAxis(const std::string& title, const std::vector<std::string>& categories) {
  SummaryAxis axis;
  axis.title = title;
  axis.categories = categories;
  axis.min = -0.5;
  axis.max = categories.empty() ? 0.5 : categories.size() - 0.5;
  for (std::size_t i = 0; i < categories.size(); ++i) axis.ticks.push_back(double(i));
  return axis;
}

std::string keyTitle(const std::string& key) {
  std::string name = shortKey(key);
  // "model.name" says "model" to a reader, not "name".
  if (name == "name" && key.find('.') != std::string::npos) name = key.substr(0, key.find('.'));
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

}  // namespace sweeplab::ui
