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
  const QString& slurm = row.scheduler_state;
  // Slurm's word wins while it holds the trial (a requeued trial's record still says how its
  // last attempt ended) and for a cancelled one (whose record says stopped); otherwise the
  // record's.
  static const QStringList kHeld = {QStringLiteral("pending"),   QStringLiteral("starting"),
                                    QStringLiteral("running"),   QStringLiteral("requeued"),
                                    QStringLiteral("preempted"), QStringLiteral("cancelled")};
  if (slurm.isEmpty() || !kHeld.contains(slurm)) return QString::fromLatin1(toString(row.status));
  if (slurm == QLatin1String("running") && row.status == TrialStatus::Running) {
    const QString node = row.scheduler_detail.section(QLatin1Char(';'), 0, 0);
    return node.isEmpty() ? slurm : tr("running on %1").arg(node);
  }
  return slurm;
}

}  // namespace sweeplab::ui
