// Expands a sweep into trials (grid over the axes, first axis slowest, repeats innermost) and
// names each trial for tables, legends and folders.
#include <cstdio>

#include "spec/validation.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
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

std::string shortKey(const std::string& key) {
  if (key == "model" || key == "model.name") return "model";
  for (const char* section : {"training.", "model.", "dataset."}) {
    const std::string prefix = section;
    if (key.compare(0, prefix.size(), prefix) == 0) return key.substr(prefix.size());
  }
  return key;
}

std::string TrialSpec::label() const {
  std::string text;
  for (const auto& [key, value] : swept)
    text += (text.empty() ? "" : ", ") + shortKey(key) + "=" + value;
  if (spec.repeats > 1)
    text += (text.empty() ? "" : " ") + std::string("seed=") + std::to_string(spec.training.seed);
  return text.empty() ? "trial" : text;
}

std::string TrialSpec::folderName() const {
  char number[16];
  std::snprintf(number, sizeof number, "%03d", index);
  std::string name = number;
  for (const auto& [key, value] : swept) {
    const std::string part = folderSafe(shortKey(key)) + "-" + folderSafe(value);
    name += (name.size() == std::string(number).size() ? "-" : "_") + part;
  }
  if (spec.repeats > 1) name += "_seed-" + std::to_string(spec.training.seed);
  if (name.size() > kMaxFolderName) name.resize(kMaxFolderName);
  while (name.back() == '.' || name.back() == '_') name.pop_back();
  return name;
}

std::vector<TrialSpec> expandTrials(const ExperimentSpec& spec) {
  validateExperiment(spec);
  ExperimentSpec base = spec;
  base.sweep.clear();

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
    ExperimentSpec pointSpec = base;
    std::vector<std::pair<std::string, std::string>> swept;
    for (size_t axis = 0; axis < spec.sweep.size(); ++axis) {
      const SweepAxis& sweepAxis = spec.sweep[axis];
      const std::string& value = sweepAxis.values[digit[axis]];
      applyOverride(pointSpec, sweepAxis.key, value,
                    spec.source_file.empty() ? "sweep" : spec.source_file);
      swept.emplace_back(sweepAxis.key, value);
    }
    for (int repeat = 0; repeat < spec.repeats; ++repeat) {
      TrialSpec trial;
      trial.index = static_cast<int>(trials.size());
      trial.repeat = repeat;
      trial.swept = swept;
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
  }
  return trials;
}

}  // namespace sweeplab
