// The trials table's view of a cluster run: Slurm's state of each trial until its record ends.
#include "trial_table_model.h"

namespace sweeplab::ui {

void TrialTableModel::setSchedulerStates(const std::vector<ClusterTrialState>& states) {
  for (const ClusterTrialState& state : states) {
    const int index = rowOfTrial(state.index);
    if (index < 0) continue;
    Row& row = rows_[index];
    QString detail = QString::fromStdString(state.detail);
    if (!state.job.empty())
      detail += (detail.isEmpty() ? QString() : QStringLiteral("; ")) +
                tr("Slurm task %1").arg(QString::fromStdString(state.job));
    const QString text = QString::fromStdString(state.state);
    if (row.scheduler_state == text && row.scheduler_detail == detail) continue;
    row.scheduler_state = text;
    row.scheduler_detail = detail;
    rowChanged(index);
  }
}

QString TrialTableModel::statusText(const Row& row) const {
  const bool ended = row.status != TrialStatus::Queued && row.status != TrialStatus::Running;
  // A cancelled trial's record says stopped; Slurm's word is the more exact one.
  if (row.scheduler_state.isEmpty() || (ended && row.scheduler_state != QLatin1String("cancelled")))
    return QString::fromLatin1(toString(row.status));
  if (row.scheduler_state == QLatin1String("running") && row.status == TrialStatus::Running) {
    const QString node = row.scheduler_detail.section(QLatin1Char(';'), 0, 0);
    return node.isEmpty() ? row.scheduler_state : tr("running on %1").arg(node);
  }
  return row.scheduler_state;
}

}  // namespace sweeplab::ui
