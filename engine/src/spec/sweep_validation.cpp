// Validation of an experiment with its sweep: the sweep's shape, then the experiment at the first
// grid point, then every other swept value applied on its own, each error placed at the value's
// line.
#include <vector>

#include "spec/did_you_mean.h"
#include "spec/validation.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {
namespace {

std::vector<std::string> sweepableKeys() {
  std::vector<std::string> keys;
  for (const auto& info : experimentKeys())
    if (info.sweepable) keys.push_back(info.key);
  return keys;
}

void checkSweepShape(const ExperimentSpec& spec, const SpecLocator& where) {
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
    if (axis.values.empty())
      throw where.error(where.axis(i), axis.key,
                        "expected a non-empty list of values, e.g. [32, 64]");
    trials *= static_cast<long long>(axis.values.size());
    if (trials > kMaxTrials)
      throw where.error(where.axis(i), axis.key,
                        "the sweep would have more than " + std::to_string(kMaxTrials) + " trials");
  }
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
    applyValueText(spec, *findKeyDef(sweepAxis.key), sweepAxis.values[item]);
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
    for (size_t item = 1; item < spec.sweep[axis].values.size(); ++item) {
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
