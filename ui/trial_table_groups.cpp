// Which trials of the table trained together as one computation (batching: auto).
#include "trial_table_model.h"

namespace sweeplab::ui {

void TrialTableModel::markGroup(const std::vector<int>& trials) {
  if (trials.size() < 2) return;
  const int group = trials.front() + 1;
  for (int trial : trials) {
    Row* row = rowFor(trial);
    if (!row) continue;
    row->group = group;
    rowChanged(rowOfTrial(trial));
  }
}

QString TrialTableModel::groupSentence(const Row& row) const {
  QStringList others;
  for (const Row& other : rows_)
    if (other.group == row.group && other.trial != row.trial)
      others << QString::number(other.trial + 1);
  if (others.isEmpty()) return tr("Trained in group %1").arg(row.group);
  const QString last = others.takeLast();
  const QString names =
      others.isEmpty() ? last : others.join(QStringLiteral(", ")) + tr(" and ") + last;
  return tr("Trained together with trial%1 %2 as one computation (group %3)")
      .arg(others.isEmpty() ? QString() : QStringLiteral("s"), names)
      .arg(row.group);
}

}  // namespace sweeplab::ui
