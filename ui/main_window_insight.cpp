// The Summary tab beside the curves: fed by the bridge while a sweep trains and by the
// presenter when a run is reopened, overlaid or resumed; its selection and the trials table's
// are one (the table's selection already highlights the curves).
#include <QDir>
#include <QItemSelection>
#include <QItemSelectionModel>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

#include "engine_bridge.h"
#include "insight/summary_export_dialog.h"
#include "insight/summary_view.h"
#include "main_window.h"
#include "sweep_presenter.h"
#include "sweeplab/optimisation_history.h"
#include "trial_table_model.h"
#include "trial_table_view.h"

namespace sweeplab::ui {
namespace {

// Selects the rows of these trials in the (sorted) table, and only those.
void selectTableTrials(TrialTableView* view, const QSet<int>& trials) {
  QAbstractItemModel* model = view->model();
  QItemSelection selection;
  for (int row = 0; row < model->rowCount(); ++row) {
    const QModelIndex index = model->index(row, 0);
    if (trials.contains(model->data(index, TrialTableModel::kTrialRole).toInt()))
      selection.select(index, model->index(row, model->columnCount() - 1));
  }
  view->selectionModel()->select(selection,
                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  if (!selection.isEmpty()) view->scrollTo(selection.indexes().first());
}

}  // namespace

QWidget* MainWindow::createCentreTabs(QWidget* curveArea) {
  summary_ = new SummaryView;
  centre_tabs_ = new QTabWidget;
  centre_tabs_->setObjectName(QStringLiteral("centreTabs"));
  centre_tabs_->setDocumentMode(true);
  centre_tabs_->addTab(curveArea, tr("Curves"));
  centre_tabs_->addTab(summary_, tr("Summary"));

  connect(bridge_, &EngineBridge::sweepStarted, summary_,
          [this](const std::vector<TrialSpec>& trials) {
            summary_->startRun(trials);
            // The study's objective: a random search's trials no longer say they were searched,
            // and the history is the first view of a searched study.
            summary_->setObjective(studyObjectiveOf(bridge_->study()));
          });
  connect(bridge_, &EngineBridge::trialSuggested, summary_, &SummaryView::trialSuggested);
  connect(bridge_, &EngineBridge::trialStarted, summary_, &SummaryView::trialStarted);
  connect(bridge_, &EngineBridge::metricsArrived, summary_, &SummaryView::addMetrics);
  connect(bridge_, &EngineBridge::trialFinished, summary_, &SummaryView::finishTrial);
  connect(bridge_, &EngineBridge::sweepFinished, summary_, &SummaryView::showRun);
  connect(presenter_, &SweepPresenter::storedRunShown, summary_, &SummaryView::showRun);
  connect(presenter_, &SweepPresenter::keptTrialsShown, summary_, &SummaryView::showKeptTrials);

  connect(summary_, &SummaryView::trialsSelected, this,
          [this](const QSet<int>& trials) { selectTableTrials(table_view_, trials); });
  connect(table_view_, &TrialTableView::selectedTrialsChanged, summary_,
          &SummaryView::setSelectedTrials);
  connect(summary_, &SummaryView::exportRequested, this, &MainWindow::exportSummaryFigure);
  return centre_tabs_;
}

void MainWindow::restoreSummaryLayout() {
  QSettings settings;
  centre_tabs_->setCurrentIndex(settings.value(QStringLiteral("window/centreTab"), 0).toInt());
  if (!summary_->splitter()->restoreState(
          settings.value(QStringLiteral("window/summarySplit")).toByteArray()))
    summary_->splitter()->setSizes({width() * 3 / 4, width() / 4});
}

void MainWindow::saveSummaryLayout() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/centreTab"), centre_tabs_->currentIndex());
  settings.setValue(QStringLiteral("window/summarySplit"), summary_->splitter()->saveState());
}

void MainWindow::exportSummaryFigure() {
  const QString folder =
      reportableRunDirectory().isEmpty() ? runsDirectory() : reportableRunDirectory();
  SummaryExportDialog dialog(summary_, QDir(folder).filePath(QStringLiteral("summary.png")), this);
  dialog.exec();
}

}  // namespace sweeplab::ui
