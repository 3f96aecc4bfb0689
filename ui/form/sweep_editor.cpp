// Axis rows are plain widgets in a column; a short list reads better than a table here.
#include "form/sweep_editor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

#include <limits>

#include "form/sweep_presets.h"
#include "form/yaml_text.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/search/distribution.h"

namespace sweeplab::ui {

SweepEditor::SweepEditor(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  rows_layout_ = new QVBoxLayout;
  rows_layout_->setSpacing(4);
  layout->addLayout(rows_layout_);
  auto* footer = new QHBoxLayout;
  auto* add = new QPushButton(tr("Add swept key"), this);
  add->setToolTip(tr("Sweep another key: trials are the grid over every swept key"));
  trials_label_ = new QLabel(this);
  footer->addWidget(add);
  footer->addWidget(trials_label_, 1);
  layout->addLayout(footer);
  connect(add, &QPushButton::clicked, this, [this] {
    QStringList swept;
    for (const AxisRow& row : rows_) swept << row.key->currentText().trimmed();
    SweepAxis axis;
    const QString key = nextKeyToSweep(swept);
    axis.key = key.toStdString();
    for (const QString& value : startingValues(key)) axis.values.push_back(value.toStdString());
    addRow(axis);
    Q_EMIT edited();
  });
}

void SweepEditor::setAxes(const std::vector<SweepAxis>& axes) {
  while (!rows_.empty()) {
    delete rows_.back().row;
    rows_.pop_back();
  }
  for (const SweepAxis& axis : axes) addRow(axis);
}

namespace {

bool isRange(SweepKind kind) {
  return kind != SweepKind::Values && kind != SweepKind::Choice;
}

// A bound or step as typed; NaN when it is not a number, which validation then reports.
double numberIn(const QString& text) {
  bool ok = false;
  const double value = text.trimmed().toDouble(&ok);
  return ok ? value : std::numeric_limits<double>::quiet_NaN();
}

QString numberText(double value) {
  return QString::fromStdString(search::shortestText(value));
}

}  // namespace

std::vector<SweepAxis> SweepEditor::axes() const {
  std::vector<SweepAxis> axes;
  for (const AxisRow& row : rows_) {
    SweepAxis axis;
    axis.key = row.key->currentText().trimmed().toStdString();
    axis.kind = parseSweepKind(row.kind->currentText().toStdString()).value_or(SweepKind::Values);
    const QStringList items = splitFlowItems(row.values->text());
    if (isRange(axis.kind)) {
      axis.low = items.size() == 2 ? numberIn(items[0]) : std::numeric_limits<double>::quiet_NaN();
      axis.high = items.size() == 2 ? numberIn(items[1]) : axis.low;
      if (!row.step->text().trimmed().isEmpty()) axis.step = numberIn(row.step->text());
    } else {
      for (const QString& value : items) axis.values.push_back(value.toStdString());
    }
    axes.push_back(axis);
  }
  return axes;
}

void SweepEditor::showKind(const AxisRow& row) {
  const auto kind = parseSweepKind(row.kind->currentText().toStdString());
  const bool range = kind && isRange(*kind);
  row.step->setVisible(range && (*kind == SweepKind::Uniform || *kind == SweepKind::IntUniform));
  row.values->setPlaceholderText(range ? tr("low, high: 1e-5, 0.1")
                                       : tr("values, comma separated: 32, 64, 128"));
}

void SweepEditor::addRow(const SweepAxis& axis) {
  auto* row = new QWidget(this);
  auto* layout = new QHBoxLayout(row);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* key = new QComboBox(row);
  key->setEditable(true);
  key->addItems(sweepableKeys());
  key->setCurrentText(QString::fromStdString(axis.key));
  key->setMinimumContentsLength(22);
  key->setToolTip(tr("The swept key, as written in the file (e.g. training.batch_size)"));
  QStringList values;
  for (const std::string& value : axis.values) values << QString::fromStdString(value);
  if (isRange(axis.kind)) values = QStringList{numberText(axis.low), numberText(axis.high)};
  auto* kind = new QComboBox(row);
  for (SweepKind each : {SweepKind::Values, SweepKind::LogUniform, SweepKind::Uniform,
                         SweepKind::IntUniform, SweepKind::IntLogUniform, SweepKind::Choice})
    kind->addItem(QString::fromLatin1(toString(each)));
  kind->setCurrentText(QString::fromLatin1(toString(axis.kind)));
  kind->setToolTip(
      tr("values: these values (the grid's lists); random and tpe search can instead draw from "
         "a range (log_uniform: uniform in the logarithm) or a choice"));
  auto* editor = new QLineEdit(values.join(QStringLiteral(", ")), row);
  editor->setToolTip(tr("One trial per value (times the other swept keys and the repeats)"));
  auto* step = new QLineEdit(axis.step ? numberText(*axis.step) : QString(), row);
  step->setPlaceholderText(tr("step"));
  step->setToolTip(tr("Optional: draw only low + k x step"));
  step->setMaximumWidth(70);
  auto* presets = new QToolButton(row);
  presets->setText(tr("Presets"));
  presets->setToolTip(tr("Fill in a common list of values for this key"));
  auto* remove = new QToolButton(row);
  remove->setText(QStringLiteral("✕"));
  remove->setToolTip(tr("Stop sweeping this key"));
  layout->addWidget(key);
  layout->addWidget(kind);
  layout->addWidget(editor, 1);
  layout->addWidget(step);
  layout->addWidget(presets);
  layout->addWidget(remove);
  rows_layout_->addWidget(row);
  // Shown now rather than at the next event loop turn, so the form can size itself to it.
  row->show();
  rows_.push_back({row, key, editor, kind, step});
  showKind(rows_.back());

  connect(key, &QComboBox::currentTextChanged, this, &SweepEditor::edited);
  connect(editor, &QLineEdit::textEdited, this, &SweepEditor::edited);
  connect(step, &QLineEdit::textEdited, this, &SweepEditor::edited);
  connect(kind, &QComboBox::currentTextChanged, this, [this, row] {
    for (const AxisRow& each : rows_)
      if (each.row == row) showKind(each);
    Q_EMIT edited();
  });
  connect(presets, &QToolButton::clicked, this,
          [this, row, presets] { showPresets(row, presets); });
  connect(remove, &QToolButton::clicked, this, [this, row] {
    removeRow(row);
    Q_EMIT edited();
  });
}

void SweepEditor::removeRow(QWidget* row) {
  for (auto it = rows_.begin(); it != rows_.end(); ++it) {
    if (it->row != row) continue;
    rows_.erase(it);
    row->deleteLater();
    return;
  }
}

void SweepEditor::showPresets(QWidget* row, QWidget* anchor) {
  AxisRow* axis = nullptr;
  for (AxisRow& candidate : rows_)
    if (candidate.row == row) axis = &candidate;
  if (!axis) return;
  QMenu menu(this);
  for (const SweepPreset& preset : sweepPresetsFor(axis->key->currentText().trimmed())) {
    QAction* action = menu.addAction(
        QStringLiteral("%1  (%2)").arg(preset.name, preset.values.join(QStringLiteral(", "))));
    QLineEdit* values = axis->values;
    connect(action, &QAction::triggered, this, [this, values, preset] {
      values->setText(preset.values.join(QStringLiteral(", ")));
      Q_EMIT edited();
    });
  }
  if (menu.isEmpty()) menu.addAction(tr("No presets for this key"))->setEnabled(false);
  menu.exec(anchor->mapToGlobal(QPoint(0, anchor->height())));
}

void SweepEditor::setProblem(const QString& problem, int axis) {
  problem_ = problem;
  problem_axis_ = problem.isEmpty() ? -1 : axis;
  updateMarks();
}

void SweepEditor::setWarnings(const QStringList& warnings) {
  warnings_ = warnings;
  updateMarks();
}

void SweepEditor::updateMarks() {
  for (int index = 0; index < int(rows_.size()); ++index) {
    QLineEdit* values = rows_[index].values;
    // Only the row in error: a red frame around every row hid which one it was.
    if (index == problem_axis_) {
      values->setStyleSheet(QStringLiteral("border: 1px solid #c62828;"));
      values->setToolTip(problem_);
    } else if (!warnings_.value(index).isEmpty()) {
      values->setStyleSheet(QStringLiteral("border: 1px solid #c79100; background: #fff8e1;"));
      values->setToolTip(tr("Unusual: %1").arg(warnings_.value(index)));
    } else {
      values->setStyleSheet(QString());
      values->setToolTip(tr("One trial per value"));
    }
  }
}

bool SweepEditor::isMarked(int axis) const {
  return axis >= 0 && axis == problem_axis_ && axis < int(rows_.size());
}

void SweepEditor::setTrialCount(int trials) {
  if (trials < 0)
    trials_label_->clear();
  else
    trials_label_->setText(trials == 1 ? tr("1 trial") : tr("%1 trials").arg(trials));
}

QLineEdit* SweepEditor::valuesEditor(int axis) const {
  return axis >= 0 && axis < int(rows_.size()) ? rows_[axis].values : nullptr;
}

QComboBox* SweepEditor::keyEditor(int axis) const {
  return axis >= 0 && axis < int(rows_.size()) ? rows_[axis].key : nullptr;
}

QComboBox* SweepEditor::kindEditor(int axis) const {
  return axis >= 0 && axis < int(rows_.size()) ? rows_[axis].kind : nullptr;
}

QLineEdit* SweepEditor::stepEditor(int axis) const {
  return axis >= 0 && axis < int(rows_.size()) ? rows_[axis].step : nullptr;
}

}  // namespace sweeplab::ui
