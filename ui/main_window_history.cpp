// The run history in the window: where it is kept, and showing stored runs in the form, the
// curves and the table.
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

#include "cluster/cluster_runs.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "history/history_panel.h"
#include "insight/summary_view.h"
#include "main_window.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"

namespace sweeplab::ui {
namespace {
const QString kStoreSetting = QStringLiteral("history/storePath");
}

void MainWindow::setConfirmations(bool ask) {
  ask_ = ask;
  history_->setConfirmations(ask);
}

QString MainWindow::storePath() const {
  return QString::fromStdString(
      resolveStorePath("", QSettings().value(kStoreSetting).toString().toStdString()));
}

void MainWindow::setStoreSetting(const QString& path) {
  QSettings settings;
  if (path.isEmpty()) {
    settings.remove(kStoreSetting);
  } else {
    settings.setValue(kStoreSetting, path);
  }
  applyStorePath();
}

void MainWindow::applyStorePath() {
  const QString path = storePath();
  bridge_->setStorePath(path);
  history_->setStorePath(path);
}

void MainWindow::showHistory() {
  side_tabs_->setCurrentWidget(history_);
  fitHistoryWidth();
}

void MainWindow::fitHistoryWidth() {
  // The history's columns need more room than the list of experiment files: the side pane
  // grows to show them (up to 45 % of the window) whenever the History tab comes to the front.
  const QList<int> sizes = side_split_->sizes();
  if (sizes.size() != 2) return;
  const int total = sizes[0] + sizes[1];
  const int wanted =
      std::min(std::max(history_->preferredWidth(), kHistoryMinimumWidth), total * 45 / 100);
  if (total > 0 && sizes[0] < wanted) {
    experiments_side_width_ = sizes[0];
    history_side_width_ = wanted;
    side_split_->setSizes({wanted, total - wanted});
  }
}

void MainWindow::restoreExperimentsWidth() {
  // The list of experiment files needs little room, and the charts want it back; a width the
  // person set by dragging the splitter since is theirs and stays.
  const QList<int> sizes = side_split_->sizes();
  if (sizes.size() != 2 || experiments_side_width_ <= 0) return;
  if (sizes[0] == history_side_width_)
    side_split_->setSizes({experiments_side_width_, sizes[0] + sizes[1] - experiments_side_width_});
  experiments_side_width_ = history_side_width_ = 0;
}

bool MainWindow::reopenFromHistory(long long experimentId) {
  if (bridge_->isRunning() || experimentId <= 0) return false;
  const RunStore* store = history_->store();
  if (!store) return false;
  StoredRunView view;
  try {
    view = loadStoredExperiment(*store, experimentId);
  } catch (const std::exception& e) {
    if (ask_) QMessageBox::warning(this, tr("Cannot reopen"), QString::fromUtf8(e.what()));
    status_->showMessage(QString::fromUtf8(e.what()));
    return false;
  }
  if (view.spec) {
    if (!maybeSave()) return false;
    form_->setSpec(*view.spec);
    setCurrentFile({});
  }
  // Before the run is shown: the Summary picks its first view by the study's search.
  summary_->setObjective(view.spec ? std::optional(studyObjectiveOf(*view.spec)) : std::nullopt);
  presenter_->showStoredRun(view);
  updateActions();  // a reopened run can be reported, or resumed if it was interrupted
  // A cluster run whose tasks still train is followed again, as when it was submitted.
  const QString runDir = presenter_->lastRunDirectory();
  if (!runDir.isEmpty() && clusterRunStillTraining(runDir)) followClusterRun(runDir);
  return true;
}

bool MainWindow::overlayFromHistory(const std::vector<StoredTrialRef>& trials) {
  if (bridge_->isRunning() || trials.empty()) return false;
  const RunStore* store = history_->store();
  if (!store) return false;
  try {
    const StoredRunView view = loadStoredOverlay(*store, trials);
    if (view.trials.empty()) return false;
    summary_->setObjective(std::nullopt);  // trials of several studies: no one history
    presenter_->showStoredRun(view);
    updateActions();  // an overlay has no run folder to report
  } catch (const std::exception& e) {
    status_->showMessage(QString::fromUtf8(e.what()));
    return false;
  }
  return true;
}

bool MainWindow::overlayExperiments(const std::vector<long long>& experimentIds) {
  showHistory();
  history_->refresh();
  for (long long id : experimentIds) history_->setTrialsChecked(id, true);
  return overlayFromHistory(history_->checkedTrials());
}

}  // namespace sweeplab::ui
