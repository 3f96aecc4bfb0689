#include "history/stored_runs.h"

#include <algorithm>
#include <map>

#include "run_colors.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab::ui {
namespace {

// The trials as expanded from the stored config, so labels and swept columns read as they did
// while it ran. A config that no longer loads (a key renamed since) still gives the trials from
// their summaries.
std::vector<TrialSpec> trialSpecsOf(const StoredExperiment& experiment,
                                    const std::vector<StoredTrial>& stored,
                                    std::optional<ExperimentSpec>& spec) {
  std::vector<TrialSpec> expanded;
  try {
    spec =
        loadExperimentText(experiment.config_yaml, "run history #" + std::to_string(experiment.id));
    expanded = expandTrials(*spec);
  } catch (const std::exception&) {
    spec.reset();
    expanded.clear();
  }
  std::vector<TrialSpec> trials;
  for (const StoredTrial& trial : stored) {
    const int index = trial.summary.index;
    if (index >= 0 && index < static_cast<int>(expanded.size()) &&
        expanded[index].swept == trial.summary.swept) {
      trials.push_back(expanded[index]);
      continue;
    }
    TrialSpec fallback;
    fallback.index = index;
    fallback.repeat = trial.summary.repeat;
    fallback.swept = trial.summary.swept;
    trials.push_back(fallback);
  }
  return trials;
}

// The colour of every trial of the experiment in its own run, by trial index.
std::map<int, QColor> colorsInItsRun(const std::vector<StoredTrial>& trials) {
  std::vector<int> indices;
  std::vector<SweptValues> swept;
  for (const StoredTrial& trial : trials) {
    indices.push_back(trial.summary.index);
    swept.push_back(trial.summary.swept);
  }
  const RunColors run = runColors(indices, swept);
  std::map<int, QColor> colors;
  for (size_t i = 0; i < indices.size(); ++i) colors.emplace(indices[i], run.colors[i]);
  return colors;
}

void addSweptKeys(std::vector<std::string>& keys, const TrialSummary& summary) {
  for (const auto& [key, value] : summary.swept)
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
}

}  // namespace

StoredRunView loadStoredExperiment(const RunStore& store, long long experimentId) {
  const StoredExperiment experiment = store.experiment(experimentId);
  const std::vector<StoredTrial> stored = store.trials(experimentId);
  StoredRunView view;
  view.title =
      QStringLiteral("%1 (#%2)").arg(QString::fromStdString(experiment.name)).arg(experimentId);
  view.trials = trialSpecsOf(experiment, stored, view.spec);
  view.summary = store.runSummary(experimentId);
  view.run_dir = QString::fromStdString(experiment.run_dir);
  for (size_t i = 0; i < stored.size(); ++i) {
    view.legend.push_back(QString::fromStdString(view.trials[i].label()));
    view.points.push_back(store.metricPoints(stored[i].id));
    addSweptKeys(view.compared_keys, stored[i].summary);
    if (view.spec) {
      view.compared.push_back({view.trials[i].spec, stored[i].summary.device,
                               view.summary.sweeplab_version, view.summary.dataset_fingerprint});
    }
  }
  return view;
}

StoredRunView loadStoredOverlay(const RunStore& store, const std::vector<StoredTrialRef>& refs) {
  StoredRunView view;
  std::map<long long, std::pair<StoredExperiment, std::vector<StoredTrial>>> experiments;
  std::map<long long, RunSummary> contexts;  // versions and dataset fingerprints
  std::map<long long, std::map<int, QColor>> run_colors;
  std::vector<long long> runs;
  std::vector<QColor> own_colors;
  for (const auto& [experimentId, trialIndex] : refs) {
    auto found = experiments.find(experimentId);
    if (found == experiments.end()) {
      try {
        found = experiments
                    .emplace(experimentId, std::make_pair(store.experiment(experimentId),
                                                          store.trials(experimentId)))
                    .first;
      } catch (const StoreError&) {
        continue;  // deleted meanwhile
      }
    }
    const auto& [experiment, trials] = found->second;
    auto colors = run_colors.find(experimentId);
    if (colors == run_colors.end())
      colors = run_colors.emplace(experimentId, colorsInItsRun(trials)).first;
    for (const StoredTrial& stored : trials) {
      if (stored.summary.index != trialIndex) continue;
      runs.push_back(experimentId);
      own_colors.push_back(colors->second.at(trialIndex));
      const int position = static_cast<int>(view.trials.size());
      const std::string run = experiment.name + " #" + std::to_string(experiment.id);
      TrialSpec trial;
      trial.index = position;
      // The trial's own settings (its epochs for the progress column), as a single trial.
      try {
        trial.spec = loadExperimentText(stored.config_yaml, run);
        auto context = contexts.find(experimentId);
        if (context == contexts.end()) {
          context = contexts.emplace(experimentId, store.runSummary(experimentId)).first;
        }
        view.compared.push_back({trial.spec, stored.summary.device,
                                 context->second.sweeplab_version,
                                 context->second.dataset_fingerprint});
        // Trials of one overlay come from the same data in all but odd cases; the first run
        // that recorded its classes names them.
        if (view.summary.class_names.empty())
          view.summary.class_names = context->second.class_names;
      } catch (const std::exception&) {
        trial.spec = ExperimentSpec{};
      }
      addSweptKeys(view.compared_keys, stored.summary);
      trial.spec.sweep.clear();
      trial.spec.repeats = 1;
      trial.swept = {{"run", run}, {"trial", stored.summary.label}};
      TrialSummary summary = stored.summary;
      summary.index = position;
      summary.label = trial.label();
      // Grid points are grouped per run: the same batch size in two experiments is not a seed
      // repeat (the two may differ in anything else), only seeds of one run are.
      summary.swept.insert(summary.swept.begin(), {"run", run});
      view.trials.push_back(trial);
      view.summary.trials.push_back(summary);
      // Short enough for a chart legend; the table names the run in full.
      view.legend.push_back(QStringLiteral("#%1 %2")
                                .arg(experiment.id)
                                .arg(QString::fromStdString(stored.summary.label)));
      view.points.push_back(store.metricPoints(stored.id));
    }
  }
  view.colors = overlayColors(runs, own_colors);
  view.summary.experiment_name = "overlay";
  view.title =
      QStringLiteral("%1 trials of %2 runs").arg(view.trials.size()).arg(experiments.size());
  return view;
}

}  // namespace sweeplab::ui
