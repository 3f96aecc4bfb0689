// Figure export straight from a run folder on disk.
#include <exception>

#include "charts/standard_figures.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::ui {

bool exportStandardFiguresFromRunFolder(const QString& runDir, const QString& outDir,
                                        const StandardFigureOptions& options, QStringList* written,
                                        QString* error) {
  sweeplab::RunSummary summary;
  RunMetricPoints metrics;
  try {
    const std::string dir = runDir.toStdString();
    summary = sweeplab::readRunSummary(dir);
    for (const sweeplab::TrialSummary& trial : summary.trials) {
      // A trial that never started has no metrics file; it still gets its legend entry.
      const bool started = trial.status != sweeplab::TrialStatus::Queued;
      metrics.push_back(started ? sweeplab::readTrialMetrics(dir, trial)
                                : std::vector<sweeplab::MetricPoint>{});
    }
  } catch (const std::exception& failure) {
    if (error) *error = QString::fromStdString(failure.what());
    return false;
  }
  StandardFigureOptions chosen = options;
  if (!chosen.xAxisChosen) chosen.xAxis = preferredXAxis(summary);
  return exportStandardFigures(summary, metrics, outDir, chosen, written, error);
}

}  // namespace sweeplab::ui
