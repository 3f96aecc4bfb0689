// Expands a sweep into trials (grid over the axes, first axis slowest, repeats innermost) and
// names each trial for tables, legends and folders.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "spec/validation.h"
#include "spec/value_text.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_search.h"
#include "sweeplab/trial.h"

namespace sweeplab {
namespace {

constexpr size_t kMaxFolderName = 96;

// Keeps [A-Za-z0-9._-]; every run of anything else becomes one '_', and no two dots meet.
std::string folderSafe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '_' || c == '-';
    if (!keep) c = '_';
    if (c == '_' && !out.empty() && out.back() == '_') continue;
    if (c == '.' && !out.empty() && out.back() == '.') c = '_';
    out += c;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  while (!out.empty() && out.front() == '_') out.erase(out.begin());
  return out;
}

}  // namespace

// A drawn number in 3 significant digits with a short exponent: "3.21e-4", "0.0123", "64".
std::string roundedDrawnValue(const std::string& value) {
  const auto number = parseFiniteNumber(value);
  if (!number || value.find_first_of(".eE") == std::string::npos) return value;
  char text[32];
  const double magnitude = std::fabs(*number);
  std::snprintf(text, sizeof text,
                magnitude != 0 && (magnitude < 1e-2 || magnitude >= 1e5) ? "%.2e" : "%.3g",
                *number);
  std::string out = text;
  const size_t e = out.find('e');
  if (e != std::string::npos) {
    std::string mantissa = out.substr(0, e);
    while (mantissa.find('.') != std::string::npos &&
           (mantissa.back() == '0' || mantissa.back() == '.'))
      mantissa.pop_back();
    const int exponent = std::atoi(out.c_str() + e + 1);
    out = mantissa + "e" + std::to_string(exponent);
  }
  return out;
}

std::string shortKey(const std::string& key) {
  if (key == "model" || key == "model.name") return "model";
  for (const char* section : {"training.", "model.", "dataset."}) {
    const std::string prefix = section;
    if (key.compare(0, prefix.size(), prefix) == 0) return key.substr(prefix.size());
  }
  return key;
}

std::string TrialSpec::label() const {
  // A tpe trial's values come from the results before it; until then it has only its number.
  if (suggested && swept.empty())
    return "trial " + std::to_string(index + 1) + " (not suggested yet)";
  std::string text;
  for (const auto& [key, value] : swept)
    text += (text.empty() ? "" : ", ") + shortKey(key) + "=" +
            (drawn ? roundedDrawnValue(value) : value);
  if (spec.repeats > 1)
    text += (text.empty() ? "" : " ") + std::string("seed=") + std::to_string(spec.training.seed);
  return text.empty() ? "trial" : text;
}

std::string TrialSpec::folderName() const {
  char number[16];
  std::snprintf(number, sizeof number, "%03d", index);
  std::string name = number;
  // run.json names a tpe trial's folder before its values are suggested: the number alone.
  if (suggested) return name;
  for (const auto& [key, value] : swept) {
    const std::string part =
        folderSafe(shortKey(key)) + "-" + folderSafe(drawn ? roundedDrawnValue(value) : value);
    name += (name.size() == std::string(number).size() ? "-" : "_") + part;
  }
  if (spec.repeats > 1) name += "_seed-" + std::to_string(spec.training.seed);
  if (name.size() > kMaxFolderName) name.resize(kMaxFolderName);
  while (name.back() == '.' || name.back() == '_') name.pop_back();
  return name;
}

std::vector<TrialSpec> plannedTrials(const ExperimentSpec& spec) {
  if (spec.search.method != SearchMethod::Tpe) return expandTrials(spec);
  validateExperiment(spec);
  std::vector<TrialSpec> trials;
  const long long count = trialCount(spec);
  for (int index = 0; index < count; ++index) {
    TrialSpec trial;
    trial.index = index;
    trial.repeat = index % std::max(1, spec.repeats);
    trial.spec = spec;
    trial.drawn = true;
    trial.suggested = true;
    trials.push_back(std::move(trial));
  }
  return trials;
}

long long trialCount(const ExperimentSpec& spec) {
  if (spec.search.method != SearchMethod::Grid)
    return static_cast<long long>(spec.search.trials) * spec.repeats;
  long long points = 1;
  for (const auto& axis : spec.sweep) points *= static_cast<long long>(axis.values.size());
  return points * spec.repeats;
}

std::vector<TrialSpec> trialsOfPoint(
    const ExperimentSpec& spec, int point,
    const std::vector<std::pair<std::string, std::string>>& swept) {
  ExperimentSpec pointSpec = spec;
  pointSpec.sweep.clear();
  // A trial is one training run: how its values were chosen is the study's business.
  pointSpec.search = SearchSpec{};
  const std::string origin = spec.source_file.empty() ? "sweep" : spec.source_file;
  for (const auto& [key, value] : swept) applyOverride(pointSpec, key, value, origin);
  std::vector<TrialSpec> trials;
  for (int repeat = 0; repeat < spec.repeats; ++repeat) {
    TrialSpec trial;
    trial.index = point * spec.repeats + repeat;
    trial.repeat = repeat;
    trial.swept = swept;
    trial.drawn = spec.search.method != SearchMethod::Grid;
    trial.suggested = spec.search.method == SearchMethod::Tpe;
    trial.spec = pointSpec;
    trial.spec.training.seed = pointSpec.training.seed + repeat;  // a swept seed counts too
    try {
      checkSingleExperiment(trial.spec);
    } catch (const KeyedProblem& problem) {
      throw SpecError(spec.source_file, 0, 0, problem.key,
                      problem.problem + " (in trial " + trial.label() + ")");
    }
    trials.push_back(std::move(trial));
  }
  return trials;
}

namespace {

// Point i of a random search from its own stream (seed, i): the same whatever runs alongside.
std::vector<TrialSpec> randomTrials(const ExperimentSpec& spec) {
  const search::RandomSampler sampler(searchSpaceOf(spec), searchSeed(spec));
  std::vector<TrialSpec> trials;
  for (int point = 0; point < spec.search.trials; ++point) {
    const search::Suggestion suggestion = sampler.suggest(point, {}, {});
    for (TrialSpec& trial : trialsOfPoint(spec, point, suggestion.swept))
      trials.push_back(std::move(trial));
  }
  return trials;
}

std::vector<TrialSpec> gridTrials(const ExperimentSpec& spec) {
  size_t points = 1;
  for (const auto& axis : spec.sweep) points *= axis.values.size();
  std::vector<TrialSpec> trials;
  trials.reserve(points * static_cast<size_t>(spec.repeats));
  for (size_t point = 0; point < points; ++point) {
    // Mixed-radix digits of `point`, the last axis fastest.
    std::vector<size_t> digit(spec.sweep.size());
    size_t rest = point;
    for (size_t axis = spec.sweep.size(); axis-- > 0;) {
      digit[axis] = rest % spec.sweep[axis].values.size();
      rest /= spec.sweep[axis].values.size();
    }
    std::vector<std::pair<std::string, std::string>> swept;
    for (size_t axis = 0; axis < spec.sweep.size(); ++axis)
      swept.emplace_back(spec.sweep[axis].key, spec.sweep[axis].values[digit[axis]]);
    for (TrialSpec& trial : trialsOfPoint(spec, static_cast<int>(point), swept))
      trials.push_back(std::move(trial));
  }
  return trials;
}

}  // namespace

std::vector<TrialSpec> expandTrials(const ExperimentSpec& spec) {
  validateExperiment(spec);
  switch (spec.search.method) {
    case SearchMethod::Grid:
      return gridTrials(spec);
    case SearchMethod::Random:
      return randomTrials(spec);
    case SearchMethod::Tpe:
      break;
  }
  const std::pair<int, int> place = keyPosition(spec.source_file, "search.method");
  throw SpecError(spec.source_file, place.first, place.second, "search.method",
                  "tpe suggests each trial from the results of the trials before it, so its "
                  "trials cannot be listed in advance; this command runs grid and random "
                  "searches (set method: random to run it now)");
}

}  // namespace sweeplab
