// Validation of an experiment with its sweep: the sweep's shape, then the experiment at the first
// grid point, then every other swept value applied on its own, each error placed at the value's
// line.
#include <cmath>
#include <vector>

#include "spec/did_you_mean.h"
#include "spec/validation.h"
#include "spec/value_text.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_search.h"

namespace sweeplab {
namespace {

std::vector<std::string> sweepableKeys() {
  std::vector<std::string> keys;
  for (const auto& info : experimentKeys())
    if (info.sweepable) keys.push_back(info.key);
  return keys;
}

// A distribution's bounds must suit its kind and the key it draws for; the search library's
// factories check the range itself.
void checkDistribution(const ExperimentSpec& spec, const SpecLocator& where, size_t index,
                       const KeyDef& def) {
  const SweepAxis& axis = spec.sweep[index];
  const std::string kind = toString(axis.kind);
  if (spec.search.method == SearchMethod::Grid)
    throw where.error(where.axis(index), axis.key,
                      "a " + kind +
                          " is drawn from only by random or tpe search; the grid needs a list of "
                          "values, e.g. [32, 64] (or set search: {method: random, trials: N})");
  if (axis.kind == SweepKind::Choice) {
    if (axis.values.empty())
      throw where.error(where.axis(index), axis.key,
                        "choice needs at least one value, e.g. {choice: [64, 128]}");
    return;
  }
  const bool integral = axis.kind == SweepKind::IntUniform || axis.kind == SweepKind::IntLogUniform;
  const std::string& type = def.info.type;
  if (type != "integer" && type != "number")
    throw where.error(where.axis(index), axis.key,
                      "takes " + describeAllowed(def.info) +
                          ", not numbers from a range: list "
                          "its values, or draw them with {choice: [...]}");
  if (type == "integer" && !integral)
    throw where.error(where.axis(index), axis.key,
                      "takes whole numbers, but " + kind +
                          " draws fractions: use int_uniform or int_log_uniform");
  if (integral) {
    for (size_t i = 0; i < 2; ++i) {
      const double bound = i == 0 ? axis.low : axis.high;
      if (bound != std::floor(bound))
        throw where.error(where.item(index, i), axis.key,
                          kind + " takes whole bounds, got " + formatNumber(bound) +
                              " (use uniform or log_uniform for fractions)");
    }
  }
  try {
    ExperimentSpec one;
    one.sweep = {axis};
    searchSpaceOf(one);
  } catch (const InputError& error) {
    throw where.error(where.item(index, 0), axis.key, error.what());
  }
}

void checkSweepShape(const ExperimentSpec& spec, const SpecLocator& where) {
  const bool searched = spec.search.method != SearchMethod::Grid;
  if (searched && spec.sweep.empty())
    throw where.error(where.key("search.method"), "search.method",
                      std::string(toString(spec.search.method)) +
                          " search draws its trials from the swept keys, but nothing is swept "
                          "(add a key under sweep:, e.g. training.learning_rate: "
                          "{log_uniform: [1e-5, 0.1]})");
  long long trials = spec.repeats;
  for (size_t i = 0; i < spec.sweep.size(); ++i) {
    const SweepAxis& axis = spec.sweep[i];
    const KeyDef* def = findKeyDef(axis.key);
    if (!def)
      throw where.error(where.axis(i), axis.key,
                        "no such key to sweep" + didYouMean(axis.key, sweepableKeys()) +
                            " (model and training keys can be swept)");
    if (!def->info.sweepable)
      throw where.error(where.axis(i), axis.key,
                        "cannot be swept: the dataset and run settings are shared by every "
                        "trial (model and training keys can be swept)");
    for (size_t j = 0; j < i; ++j)
      if (canonicalKey(spec.sweep[j].key) == canonicalKey(axis.key)) {
        const Place first = where.axis(j);
        throw where.error(
            where.axis(i), axis.key,
            "swept twice" + (first.line > 0 ? " (first at line " + std::to_string(first.line) + ")"
                                            : std::string()));
      }
    if (axis.kind != SweepKind::Values) {
      checkDistribution(spec, where, i, *def);
      continue;
    }
    if (axis.values.empty())
      throw where.error(where.axis(i), axis.key,
                        "expected a non-empty list of values, e.g. [32, 64]");
    if (searched) continue;
    trials *= static_cast<long long>(axis.values.size());
    if (trials > kMaxTrials)
      throw where.error(where.axis(i), axis.key,
                        "the sweep would have more than " + std::to_string(kMaxTrials) + " trials");
  }
  if (searched && static_cast<long long>(spec.search.trials) * spec.repeats > kMaxTrials)
    throw where.error(where.key("search.trials"), "search.trials",
                      "with repeats " + std::to_string(spec.repeats) +
                          " the search would have "
                          "more than " +
                          std::to_string(kMaxTrials) + " trials");
}

// The values a trial may get from an axis, as far as validation can tell: a list's values, or
// a range's two bounds (every checked limit is a bound of a range, so the bounds stand for all).
std::vector<std::string> probeValues(const SweepAxis& axis) {
  if (axis.kind == SweepKind::Values || axis.kind == SweepKind::Choice) return axis.values;
  const bool integral = axis.kind == SweepKind::IntUniform || axis.kind == SweepKind::IntLogUniform;
  std::vector<std::string> bounds;
  for (double bound : {axis.low, axis.high})
    bounds.push_back(integral ? std::to_string(std::llround(bound)) : formatNumber(bound));
  return bounds;
}

// A problem found after applying an axis value, told from the point of view of that value.
SpecError valueError(const SpecLocator& where, size_t axis, size_t item, const std::string& key,
                     const KeyedProblem& problem) {
  const std::string text = canonicalKey(problem.key) == canonicalKey(key)
                               ? problem.problem
                               : "with this value, " + problem.key + ": " + problem.problem;
  return where.error(where.item(axis, item), key, text);
}

void applyAxisValue(ExperimentSpec& spec, const SpecLocator& where, size_t axis, size_t item) {
  const SweepAxis& sweepAxis = spec.sweep[axis];
  try {
    applyValueText(spec, *findKeyDef(sweepAxis.key), probeValues(sweepAxis)[item]);
  } catch (const ValueError& error) {
    throw valueError(where, axis, item, sweepAxis.key, {sweepAxis.key, error.problem, ""});
  }
}

// Where the value of `key` that the first grid point uses was written: its sweep item when the
// key is swept, else the key itself.
Place placeInForce(const ExperimentSpec& spec, const SpecLocator& where, const std::string& key) {
  for (size_t axis = 0; axis < spec.sweep.size(); ++axis)
    if (canonicalKey(spec.sweep[axis].key) == canonicalKey(key)) return where.item(axis, 0);
  return where.key(key);
}

}  // namespace

void validateExperimentAt(const ExperimentSpec& spec, const SpecLocator& where) {
  checkSweepShape(spec, where);

  ExperimentSpec firstPoint = spec;
  for (size_t axis = 0; axis < spec.sweep.size(); ++axis)
    applyAxisValue(firstPoint, where, axis, 0);
  try {
    checkSingleExperiment(firstPoint);
  } catch (const KeyedProblem& problem) {
    for (size_t axis = 0; axis < spec.sweep.size(); ++axis)
      if (canonicalKey(spec.sweep[axis].key) == canonicalKey(problem.key))
        throw valueError(where, axis, 0, spec.sweep[axis].key, problem);
    Place place = where.key(problem.key);
    if (place.line == 0 && !problem.place_key.empty())
      place = placeInForce(spec, where, problem.place_key);
    throw where.error(place, problem.key, problem.problem);
  }

  for (size_t axis = 0; axis < spec.sweep.size(); ++axis) {
    for (size_t item = 1; item < probeValues(spec.sweep[axis]).size(); ++item) {
      ExperimentSpec point = firstPoint;
      applyAxisValue(point, where, axis, item);
      try {
        checkSingleExperiment(point);
      } catch (const KeyedProblem& problem) {
        throw valueError(where, axis, item, spec.sweep[axis].key, problem);
      }
    }
  }
}

void validateExperiment(const ExperimentSpec& spec) {
  validateExperimentAt(spec, SpecLocator(spec.source_file));
}

}  // namespace sweeplab
