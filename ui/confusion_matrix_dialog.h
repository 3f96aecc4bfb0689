// Confusion Matrix… (File menu, and the trials table's context menu): the test confusion matrix
// of one trial as the heatmap that the export and the report draw, with an Export button.
#pragma once

#include <QDialog>
#include <QWidget>
#include <string>
#include <vector>

#include "charts/confusion_matrix.h"
#include "sweeplab/metrics.h"

class QComboBox;
class QLabel;

namespace sweeplab::ui {

// Paints a ConfusionMatrix at the widget's size with the figure's own painter.
class ConfusionMatrixView : public QWidget {
  Q_OBJECT
 public:
  explicit ConfusionMatrixView(QWidget* parent = nullptr);
  void setMatrix(const ConfusionMatrix& matrix);
  const ConfusionMatrix& matrix() const { return matrix_; }
  QSize sizeHint() const override { return {640, 540}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  ConfusionMatrix matrix_;
};

class ConfusionMatrixDialog : public QDialog {
  Q_OBJECT
 public:
  // trials: those that can be shown (each with a test confusion matrix); `trial` is the index
  // (TrialSummary::index) shown first, or the first one when it is not among them.
  ConfusionMatrixDialog(std::vector<TrialSummary> trials, std::vector<std::string> classNames,
                        int trial, QWidget* parent = nullptr);

  int currentTrial() const;  // TrialSummary::index of the trial shown
  void showTrial(int trial);
  ConfusionMatrixView* view() const { return view_; }
  // Writes the matrix shown as PNG, SVG or PDF (by the suffix) at the figure size of
  // confusionMatrixFigureOptions(); false, with the reason below the figure, when it cannot.
  bool exportTo(const QString& path);

 private:
  void exportWithDialog();

  std::vector<TrialSummary> trials_;
  std::vector<std::string> class_names_;
  QComboBox* trial_box_;
  ConfusionMatrixView* view_;
  QLabel* result_;
};

}  // namespace sweeplab::ui
