// The `sweep:` section: one row per swept key with its values (comma separated, kept as
// written) or, for random and tpe search, a distribution (kind, "low, high" and an optional
// step), presets per key, and the number of trials the study gives. A new row starts with a
// key not swept yet and a short list of values, so adding a key never starts in error.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <vector>

#include "sweeplab/experiment_spec.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace sweeplab::ui {

class SweepEditor : public QWidget {
  Q_OBJECT
 public:
  explicit SweepEditor(QWidget* parent = nullptr);

  // Shows these axes without emitting edited().
  void setAxes(const std::vector<SweepAxis>& axes);
  std::vector<SweepAxis> axes() const;
  // Marks the row of that axis (-1: none, for a problem of the whole grid) with the problem.
  void setProblem(const QString& problem, int axis = -1);
  QString problem() const { return problem_; }
  bool isMarked(int axis) const;  // whether that row carries the problem mark
  // Per axis, why one of its values is unusual (empty: nothing); a row with the problem keeps
  // the problem's mark.
  void setWarnings(const QStringList& warnings);
  QString warning(int axis) const { return warnings_.value(axis); }
  void setTrialCount(int trials);  // negative: unknown

  // For tests and the presets menu: the value editor of an axis row.
  QLineEdit* valuesEditor(int axis) const;
  QComboBox* keyEditor(int axis) const;
  QComboBox* kindEditor(int axis) const;  // values, uniform, log_uniform, ..., choice
  QLineEdit* stepEditor(int axis) const;  // ranges: the optional step

 Q_SIGNALS:
  void edited();

 private:
  struct AxisRow {
    QWidget* row;
    QComboBox* key;
    QLineEdit* values;  // the list, the choices, or a range's "low, high"
    QComboBox* kind;
    QLineEdit* step;
  };

  void addRow(const SweepAxis& axis);
  void removeRow(QWidget* row);
  void showPresets(QWidget* row, QWidget* anchor);
  static void showKind(const AxisRow& row);

  std::vector<AxisRow> rows_;
  QVBoxLayout* rows_layout_;
  QLabel* trials_label_;
  void updateMarks();

  QString problem_;
  int problem_axis_ = -1;
  QStringList warnings_;
};

}  // namespace sweeplab::ui
