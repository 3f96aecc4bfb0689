// Column titles and tooltips of the trials table.
#include "trial_table_columns.h"

#include <QCoreApplication>

namespace sweeplab::ui {

namespace {
QString tr(const char* text) {
  return QCoreApplication::translate("TrialTableModel", text);
}
}  // namespace

QString trialColumnTitle(TrialTableModel::Column column) {
  using C = TrialTableModel::Column;
  switch (column) {
    case C::Trial:
      return tr("Trial");
    case C::Status:
      return tr("Status");
    case C::Progress:
      return tr("Progress");
    case C::Epoch:
      return tr("Epoch");
    case C::TrainAcc:
      return tr("Train acc");
    case C::BestTrainAcc:
      return tr("Best train");
    case C::ValAcc:
      return tr("Val acc");
    case C::BestValAcc:
      return tr("Val acc at best loss");
    case C::TestAcc:
      return tr("Test acc");
    case C::TestLoss:
      return tr("Test loss");
    case C::Parameters:
      return tr("Parameters");
    case C::WallTime:
      return tr("Wall time");
    case C::Group:
      return tr("Group");
    case C::Message:
      return tr("Message");
  }
  return {};
}

QString trialColumnToolTip(TrialTableModel::Column column) {
  using C = TrialTableModel::Column;
  switch (column) {
    case C::TrainAcc:
      return tr(
          "Training accuracy of the last epoch; before the first epoch ends, of the last "
          "logged batch");
    case C::BestTrainAcc:
      return tr("The highest training accuracy of an epoch so far");
    case C::ValAcc:
      return tr("Validation accuracy of the last epoch");
    // The quantity the results tables, the reports and the status line call the best
    // validation accuracy (best_val_acc): a max over epochs would read a few tenths higher.
    case C::BestValAcc:
      return tr(
          "Validation accuracy at the epoch with the lowest validation loss, the "
          "checkpoint that is kept and tested (best_val_acc in summary.json and the "
          "results tables); not the highest accuracy over the epochs");
    case C::TestAcc:
      return tr(
          "Accuracy on the test split, of the checkpoint the experiment tests (by "
          "default the one with the lowest validation loss)");
    case C::TestLoss:
      return tr("Loss on the test split, of the same checkpoint as the test accuracy");
    case C::Group:
      return tr(
          "Trials with the same number trained together as one computation (batching: auto), "
          "each with its own seed, learning rate and results; the number is the group's first "
          "trial. Empty: the trial trained on its own");
    default:
      return {};
  }
}

}  // namespace sweeplab::ui
