// Rows of the trials table and how each cell reads, sorts and explains itself.
#include "trial_table_model.h"

#include <QApplication>
#include <QBrush>
#include <QIcon>
#include <QPalette>
#include <QStyle>
#include <algorithm>
#include <cmath>

#include "display_format.h"
#include "sweeplab/class_diagnostics.h"
#include "trial_table_columns.h"

namespace sweeplab::ui {

namespace {
constexpr int kFixedColumns = static_cast<int>(TrialTableModel::Column::Message) + 1;

double maxKnown(double a, double b) {
  if (std::isnan(a)) return b;
  if (std::isnan(b)) return a;
  return std::max(a, b);
}

bool isTrouble(TrialStatus status) {
  return status == TrialStatus::Failed || status == TrialStatus::Diverged ||
         status == TrialStatus::Interrupted;
}

// The style's own warning sign, so the mark looks like every other warning on the desktop. A
// model may live without widgets (a headless test); it then shows the text alone.
QIcon warningIcon() {
  auto* app = qobject_cast<QApplication*>(QCoreApplication::instance());
  return app ? app->style()->standardIcon(QStyle::SP_MessageBoxWarning) : QIcon();
}

// Amber, not the red of failures: the trial ran and its numbers stand, but one class is lost.
const QColor kWarningText(0xa1, 0x5c, 0x00);
}  // namespace

TrialTableModel::TrialTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void TrialTableModel::setTrials(const std::vector<TrialSpec>& trials,
                                const std::vector<QColor>& colors) {
  beginResetModel();
  swept_keys_ = sweptKeysOf(trials);
  rows_.clear();
  for (size_t i = 0; i < trials.size(); ++i) {
    Row row;
    describeTrial(row, trials[i]);
    row.color = i < colors.size() ? colors[i] : QColor(Qt::gray);
    rows_.push_back(row);
  }
  endResetModel();
}

void TrialTableModel::clear() {
  setTrials({}, {});
}

TrialTableModel::Row* TrialTableModel::rowFor(int trial) {
  int row = rowOfTrial(trial);
  return row < 0 ? nullptr : &rows_[row];
}

int TrialTableModel::rowOfTrial(int trial) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].trial == trial) return static_cast<int>(i);
  return -1;
}

void TrialTableModel::rowChanged(int row) {
  Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void TrialTableModel::markStarted(int trial) {
  if (Row* row = rowFor(trial)) {
    row->status = TrialStatus::Running;
    rowChanged(rowOfTrial(trial));
  }
}

void TrialTableModel::addMetrics(int trial, const std::vector<MetricPoint>& points) {
  Row* row = rowFor(trial);
  if (!row) return;
  if (row->status == TrialStatus::Queued) row->status = TrialStatus::Running;
  for (const MetricPoint& point : points) {
    // The engine reports progress per epoch; the points tell how far into the epoch it is.
    if (row->max_epochs > 0)
      row->fraction = std::max(row->fraction, std::clamp(point.epoch / row->max_epochs, 0.0, 1.0));
    row->wall_seconds = std::max(row->wall_seconds, point.wall_seconds);
    // Per-step accuracies of single batches are noisy: they stand in only until the first
    // epoch ends, and never count as the best.
    if (point.name == metric::kTrainAccEpoch) {
      row->train_acc = point.value;
      row->best_train_acc = maxKnown(row->best_train_acc, point.value);
      row->has_epoch_train_acc = true;
    } else if (point.name == metric::kTrainAccStep && !row->has_epoch_train_acc) {
      row->train_acc = point.value;
    } else if (point.name == metric::kValAccEpoch) {
      row->val_acc = point.value;
      row->epoch_validation.take(point, row);
    } else if (point.name == metric::kValLossEpoch) {
      row->epoch_validation.take(point, row);
    }
  }
  rowChanged(rowOfTrial(trial));
}

void TrialTableModel::setProgress(int trial, const TrialProgress& progress) {
  Row* row = rowFor(trial);
  if (!row) return;
  if (row->status == TrialStatus::Queued) row->status = TrialStatus::Running;
  row->epoch = progress.epoch;
  row->max_epochs = progress.max_epochs;
  row->wall_seconds = progress.wall_seconds;
  row->dead_classes = progress.dead_classes;
  if (progress.total_steps > 0)
    row->fraction = std::clamp(double(progress.step) / double(progress.total_steps), 0.0, 1.0);
  rowChanged(rowOfTrial(trial));
}

void TrialTableModel::finishTrial(const TrialSummary& summary) {
  Row* row = rowFor(summary.index);
  if (!row) return;
  if (row->awaiting_values) takeSweptValues(*row, summary);
  row->status = summary.status;
  row->message = QString::fromStdString(summary.message);
  row->epoch = summary.epochs_completed;
  if (summary.status == TrialStatus::Finished) row->fraction = 1.0;
  if (!std::isnan(summary.train_acc)) row->train_acc = summary.train_acc;
  if (!std::isnan(summary.val_acc)) row->val_acc = summary.val_acc;
  // The engine's own choice of the best epoch is the final word (a resumed trial's epochs
  // before the resume were never streamed here).
  if (!std::isnan(summary.best_val_acc)) row->best_val_acc = summary.best_val_acc;
  row->best_train_acc = maxKnown(row->best_train_acc, summary.train_acc);
  row->test_acc = summary.test_acc;
  row->test_loss = summary.test_loss;
  if (summary.trainable_parameters > 0) row->parameters = summary.trainable_parameters;
  row->wall_seconds = summary.wall_seconds;
  // The summary's diagnostic is the final word: a class that came back in the last epochs is
  // no longer dead, whatever the progress said before.
  row->dead_classes = summary.dead_classes;
  if (!summary.model.empty()) row->model = summary.model;
  row->summary = summary;
  if (summary.group > 0) row->group = summary.group;
  rowChanged(rowOfTrial(summary.index));
}

void TrialTableModel::setClassNames(const std::vector<std::string>& names) {
  class_names_ = names;
  if (!rows_.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

std::optional<TrialSummary> TrialTableModel::summary(int trial) const {
  const int row = rowOfTrial(trial);
  return row < 0 ? std::nullopt : rows_[row].summary;
}

std::vector<TrialSummary> TrialTableModel::trialsWithConfusion() const {
  std::vector<TrialSummary> trials;
  for (const Row& row : rows_)
    if (row.summary && !row.summary->test_confusion.empty()) trials.push_back(*row.summary);
  return trials;
}

void TrialTableModel::markUnfinished(TrialStatus status, const QString& message) {
  for (size_t i = 0; i < rows_.size(); ++i) {
    Row& row = rows_[i];
    if (row.status != TrialStatus::Queued && row.status != TrialStatus::Running) continue;
    row.status = status;
    row.message = message;
    rowChanged(static_cast<int>(i));
  }
}

int TrialTableModel::columnOf(Column column) const {
  if (column == Column::Trial) return 0;
  return static_cast<int>(column) + swept_keys_.size();
}

TrialStatus TrialTableModel::status(int trial) const {
  int row = rowOfTrial(trial);
  return row < 0 ? TrialStatus::Queued : rows_[row].status;
}

double TrialTableModel::fractionDone(int trial) const {
  int row = rowOfTrial(trial);
  return row < 0 ? 0.0 : rows_[row].fraction;
}

double TrialTableModel::overallFraction() const {
  double done = 0, total = 0;
  for (const Row& row : rows_) {
    const bool ended = row.status != TrialStatus::Queued && row.status != TrialStatus::Running;
    done += row.weight * (ended ? 1.0 : row.fraction);
    total += row.weight;
  }
  return total > 0 ? done / total : 0.0;
}

int TrialTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int TrialTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kFixedColumns + swept_keys_.size();
}

QVariant TrialTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  if (section >= 1 && section <= swept_keys_.size())
    return role == Qt::DisplayRole ? QVariant(swept_keys_[section - 1]) : QVariant();
  int fixed = section == 0 ? 0 : section - swept_keys_.size();
  if (fixed < 0 || fixed >= kFixedColumns) return {};
  const auto column = static_cast<Column>(fixed);
  if (role == Qt::DisplayRole) return trialColumnTitle(column);
  const QString tip = trialColumnToolTip(column);
  return tip.isEmpty() ? QVariant() : QVariant(tip);
}

void TrialTableModel::EpochValidation::take(const MetricPoint& point, Row* row) {
  if (point.step != step) {
    step = point.step;
    loss = kNoValue;
    acc = kNoValue;
  }
  (point.name == metric::kValLossEpoch ? loss : acc) = point.value;
  if (std::isnan(loss) || std::isnan(acc)) return;
  // As the trainer picks its best checkpoint: the first epoch of the lowest finite loss.
  if (std::isfinite(loss) && !(loss >= row->best_val_loss)) {
    row->best_val_loss = loss;
    row->best_val_acc = acc;
  }
  step = -1;  // this epoch is counted
}

QVariant TrialTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const Row& row = rows_[index.row()];
  if (role == kTrialRole) return row.trial;
  const int column = index.column();
  if (column >= 1 && column <= swept_keys_.size()) {
    const QString& value = row.swept_values.value(column - 1);
    if (role == Qt::DisplayRole) return row.swept_shown.value(column - 1);
    if (role == kSortRole) {
      bool ok = false;
      double number = value.toDouble(&ok);
      return ok ? QVariant(number) : QVariant(value);
    }
    if (role == Qt::ToolTipRole) return tooltip(row);
    return {};
  }
  const auto fixed = static_cast<Column>(column == 0 ? 0 : column - swept_keys_.size());
  switch (role) {
    case Qt::DisplayRole:
      return display(row, fixed);
    case kSortRole:
      return sortValue(row, fixed);
    case Qt::DecorationRole:
      if (fixed == Column::Trial) return row.color;
      if (fixed == Column::Status && !row.dead_classes.empty()) return warningIcon();
      return {};
    case Qt::ToolTipRole:
      return tooltip(row);
    case Qt::TextAlignmentRole:
      if (fixed == Column::Trial || fixed == Column::Status || fixed == Column::Message)
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
      return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
      if (fixed == Column::Status && isTrouble(row.status)) return QBrush(QColor(0xc6, 0x28, 0x28));
      if (fixed == Column::Message && !row.dead_classes.empty()) return QBrush(kWarningText);
      return {};
    default:
      return {};
  }
}

QVariant TrialTableModel::display(const Row& row, Column column) const {
  switch (column) {
    case Column::Trial:
      return QString::number(row.trial + 1);
    case Column::Status:
      return statusText(row);
    case Column::Progress:
      return row.fraction;
    case Column::Epoch:
      return row.max_epochs > 0 ? QStringLiteral("%1 / %2").arg(row.epoch).arg(row.max_epochs)
                                : QString::number(row.epoch);
    case Column::TrainAcc:
      return formatPercent(row.train_acc);
    case Column::BestTrainAcc:
      return formatPercent(row.best_train_acc);
    case Column::ValAcc:
      return formatPercent(row.val_acc);
    case Column::BestValAcc:
      return formatPercent(row.best_val_acc);
    case Column::TestAcc:
      return formatPercent(row.test_acc);
    case Column::TestLoss:
      return formatNumber(row.test_loss, 4);
    case Column::Parameters:
      return row.parameters > 0 ? QString::number(row.parameters) : "";
    case Column::WallTime:
      return formatDuration(row.wall_seconds);
    case Column::Group:
      return row.group > 0 ? QString::number(row.group) : QString();
    case Column::Message:
      return messageText(row);
  }
  return {};
}

QVariant TrialTableModel::sortValue(const Row& row, Column column) const {
  auto number = [](double value) { return std::isnan(value) ? -1.0 : value; };
  switch (column) {
    case Column::Trial:
      return row.trial;
    case Column::Status:
      return static_cast<int>(row.status);
    case Column::Progress:
      return row.fraction;
    case Column::Epoch:
      return row.epoch;
    case Column::TrainAcc:
      return number(row.train_acc);
    case Column::BestTrainAcc:
      return number(row.best_train_acc);
    case Column::ValAcc:
      return number(row.val_acc);
    case Column::BestValAcc:
      return number(row.best_val_acc);
    case Column::TestAcc:
      return number(row.test_acc);
    case Column::TestLoss:
      return number(row.test_loss);
    case Column::Parameters:
      return row.parameters;
    case Column::WallTime:
      return row.wall_seconds;
    case Column::Group:
      return row.group;
    case Column::Message:
      return messageText(row);
  }
  return {};
}

TrialSummary TrialTableModel::diagnosticOf(const Row& row) const {
  TrialSummary trial;
  trial.model = row.model;
  trial.dead_classes = row.dead_classes;
  return trial;
}

QString TrialTableModel::messageText(const Row& row) const {
  const QString mark = QString::fromStdString(deadClassMark(diagnosticOf(row), class_names_));
  if (mark.isEmpty()) return row.message;
  return row.message.isEmpty() ? mark : row.message + QStringLiteral("; ") + mark;
}

QString TrialTableModel::tooltip(const Row& row) const {
  QString text = row.label;
  if (!row.scheduler_detail.isEmpty())
    text += QStringLiteral("\n%1: %2").arg(row.scheduler_state, row.scheduler_detail);
  if (!row.message.isEmpty())
    text += QStringLiteral("\n%1: %2").arg(QString::fromLatin1(toString(row.status)), row.message);
  if (row.group > 0) text += QLatin1Char('\n') + groupSentence(row);
  const std::string warning = deadClassWarning(diagnosticOf(row), class_names_);
  if (warning.empty()) return text;
  // Rich text, so that the long sentence wraps instead of spanning the screen.
  return QStringLiteral("<p>%1</p><p>%2</p>")
      .arg(text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
           QString::fromStdString(warning).toHtmlEscaped());
}

}  // namespace sweeplab::ui
