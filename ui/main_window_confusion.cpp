// Confusion Matrix…: which trial's matrix to show, for the File menu and the table's context menu.
#include <QAction>

#include "confusion_matrix_dialog.h"
#include "main_window.h"
#include "run_status_bar.h"
#include "sweeplab/class_results.h"
#include "trial_table_model.h"
#include "trial_table_view.h"

namespace sweeplab::ui {

bool MainWindow::showConfusionMatrix(int trial) {
  RunSummary shown;
  shown.trials = table_model_->trialsWithConfusion();
  if (shown.trials.empty()) {
    status_->showMessage(
        tr("No trial shown has a test confusion matrix yet: it is recorded when a trial ends."));
    return false;
  }
  if (trial < 0) {
    for (int selected : table_view_->selectedTrials()) {
      const std::optional<TrialSummary> summary = table_model_->summary(selected);
      if (summary && !summary->test_confusion.empty()) trial = selected;
    }
  }
  if (trial < 0) trial = shown.trials.at(bestTestedTrial(shown)).index;
  auto* dialog = new ConfusionMatrixDialog(shown.trials, table_model_->classNames(), trial, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->resize(720, 680);
  dialog->show();
  return true;
}

}  // namespace sweeplab::ui
