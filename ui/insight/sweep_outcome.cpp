// The sweep's end in words. Pruned trials are results of their own, counted apart from the
// finished ones; their values stop early, so they never name the best trial.
#include "insight/sweep_outcome.h"

#include <QCoreApplication>
#include <QStringList>
#include <cmath>

#include "display_format.h"

namespace sweeplab::ui {
namespace {

QString text(const char* source) {
  return QCoreApplication::translate("SweepPresenter", source);
}

QString valueText(const StudyObjective& objective, double value) {
  return objectiveIsShare(objective.metric) ? formatPercent(value) : formatNumber(value, 4);
}

const TrialSummary* trialWithIndex(const RunSummary& summary, int index) {
  for (const TrialSummary& trial : summary.trials)
    if (trial.index == index) return &trial;
  return nullptr;
}

}  // namespace

QString sweepOutcomeText(const RunSummary& summary, const std::optional<StudyObjective>& objective,
                         bool stopped) {
  int finished = 0, pruned = 0, diverged = 0, failed = 0;
  for (const TrialSummary& trial : summary.trials) {
    finished += trial.status == TrialStatus::Finished;
    pruned += trial.status == TrialStatus::Pruned;
    diverged += trial.status == TrialStatus::Diverged;
    failed += trial.status == TrialStatus::Failed;
  }
  const int total = static_cast<int>(summary.trials.size());
  QString words;
  if (pruned == 0) {
    words = (stopped ? text("Stopped: %1 of %2 trials finished")
                     : text("Sweep done: %1 of %2 trials finished"))
                .arg(finished)
                .arg(total);
  } else {
    QStringList counts{text("%1 finished").arg(finished), text("%1 pruned").arg(pruned)};
    if (diverged > 0) counts << text("%1 diverged").arg(diverged);
    if (failed > 0) counts << text("%1 failed").arg(failed);
    words = (stopped ? text("Stopped: %1 of %2 trials") : text("Sweep done: %1 of %2 trials"))
                .arg(counts.join(QStringLiteral(", ")))
                .arg(total);
  }

  if (objective && objective->searched) {
    const OptimisationHistory history = optimisationHistory(summary, *objective);
    const TrialSummary* best = trialWithIndex(summary, history.best_trial);
    if (best)
      words += text("; best %1 %2 (trial %3: %4)")
                   .arg(QString::fromStdString(objectiveMetricName(objective->metric)),
                        valueText(*objective, history.best_value))
                   .arg(best->index + 1)  // numbered from 1, as the trials table does
                   .arg(QString::fromStdString(best->label));
    return words;
  }
  // TrialSummary::best_val_acc, as the trials table's "Val acc at best loss" column and the
  // results tables have it: the accuracy of the checkpoint with the lowest validation loss.
  double best = kNoValue;
  QString best_label;
  for (const TrialSummary& trial : summary.trials) {
    if (trial.status == TrialStatus::Pruned) continue;  // a partial trial's value
    if (!std::isnan(trial.best_val_acc) && !(trial.best_val_acc <= best)) {
      best = trial.best_val_acc;
      best_label = QString::fromStdString(trial.label);
    }
  }
  if (!best_label.isEmpty())
    words += text("; highest val acc at best loss %1 (%2)").arg(formatPercent(best), best_label);
  return words;
}

}  // namespace sweeplab::ui
