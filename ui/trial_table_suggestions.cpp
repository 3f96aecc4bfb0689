// What a row says about its trial (label, swept values, size), and how a tpe study's placeholder
// rows take their values once the trials are suggested.
#include <algorithm>

#include "sweeplab/errors.h"
#include "sweeplab/model_catalog.h"
#include "trial_table_model.h"

namespace sweeplab::ui {

namespace {

bool isPlaceholder(const TrialSpec& trial) {
  return trial.suggested && trial.swept.empty();
}

// A placeholder's values in the order of the table's columns (short keys), whatever order the
// suggestion lists them in; a column the trial has no value for stays empty.
void fillByColumn(QStringList& values, QStringList& shown, const QStringList& columns,
                  const std::vector<std::pair<std::string, std::string>>& swept) {
  values.clear();
  shown.clear();
  for (const QString& column : columns) {
    const auto found = std::find_if(swept.begin(), swept.end(), [&](const auto& pair) {
      return QString::fromStdString(shortKey(pair.first)) == column;
    });
    const std::string value = found == swept.end() ? std::string() : found->second;
    values << QString::fromStdString(value);
    // Suggested values are drawn ones: shown rounded as the label rounds them.
    shown << QString::fromStdString(value.empty() ? value : roundedDrawnValue(value));
  }
}

}  // namespace

QStringList TrialTableModel::sweptKeysOf(const std::vector<TrialSpec>& trials) {
  QStringList keys;
  if (trials.empty()) return keys;
  const TrialSpec& first = trials.front();
  // A tpe study's keys are known before any of its values: the study's swept keys.
  if (isPlaceholder(first)) {
    for (const SweepAxis& axis : first.spec.sweep)
      keys << QString::fromStdString(shortKey(axis.key));
    return keys;
  }
  for (const auto& [key, value] : first.swept) keys << QString::fromStdString(shortKey(key));
  return keys;
}

void TrialTableModel::describeTrial(Row& row, const TrialSpec& trial) {
  row.trial = trial.index;
  row.label = QString::fromStdString(trial.label());
  row.awaiting_values = isPlaceholder(trial);
  row.swept_values.clear();
  row.swept_shown.clear();
  for (const auto& swept : trial.swept) {
    row.swept_values << QString::fromStdString(swept.second);
    // A drawn value shows as its label does; sorting and the tooltip keep every digit.
    row.swept_shown << QString::fromStdString(trial.drawn ? roundedDrawnValue(swept.second)
                                                          : swept.second);
  }
  row.max_epochs = trial.spec.training.max_epochs;
  row.model = trial.spec.model.name;
  row.weight = double(std::max(1, row.max_epochs)) / std::max(1, trial.spec.training.batch_size);
  try {
    row.parameters = describeModel(trial.spec.model).trainable_parameters;
  } catch (const InputError&) {
    row.parameters = 0;  // the trial will fail and say why
  }
}

void TrialTableModel::showSuggestedTrial(const TrialSpec& trial) {
  Row* row = rowFor(trial.index);
  if (!row || !row->awaiting_values || isPlaceholder(trial)) return;
  describeTrial(*row, trial);
  fillByColumn(row->swept_values, row->swept_shown, swept_keys_, trial.swept);
  rowChanged(rowOfTrial(trial.index));
}

void TrialTableModel::takeSweptValues(Row& row, const TrialSummary& summary) const {
  if (summary.swept.empty()) return;  // stopped before it was suggested: nothing to show
  row.label = QString::fromStdString(summary.label);
  fillByColumn(row.swept_values, row.swept_shown, swept_keys_, summary.swept);
  row.awaiting_values = false;
}

}  // namespace sweeplab::ui
