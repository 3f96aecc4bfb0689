// Axis rows are plain widgets in a column; a short list reads better than a table here.
#include "form/sweep_editor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

#include "form/sweep_presets.h"
#include "form/yaml_text.h"

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

std::vector<SweepAxis> SweepEditor::axes() const {
  std::vector<SweepAxis> axes;
  for (const AxisRow& row : rows_) {
    SweepAxis axis;
    axis.key = row.key->currentText().trimmed().toStdString();
    for (const QString& value : splitFlowItems(row.values->text()))
      axis.values.push_back(value.toStdString());
    axes.push_back(axis);
  }
  return axes;
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
  auto* editor = new QLineEdit(values.join(QStringLiteral(", ")), row);
  editor->setPlaceholderText(tr("values, comma separated: 32, 64, 128"));
  editor->setToolTip(tr("One trial per value (times the other swept keys and the repeats)"));
  auto* presets = new QToolButton(row);
  presets->setText(tr("Presets"));
  presets->setToolTip(tr("Fill in a common list of values for this key"));
  auto* remove = new QToolButton(row);
  remove->setText(QStringLiteral("✕"));
  remove->setToolTip(tr("Stop sweeping this key"));
  layout->addWidget(key);
  layout->addWidget(editor, 1);
  layout->addWidget(presets);
  layout->addWidget(remove);
  rows_layout_->addWidget(row);
  // Shown now rather than at the next event loop turn, so the form can size itself to it.
  row->show();
  rows_.push_back({row, key, editor});

  connect(key, &QComboBox::currentTextChanged, this, &SweepEditor::edited);
  connect(editor, &QLineEdit::textEdited, this, &SweepEditor::edited);
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

}  // namespace sweeplab::ui
