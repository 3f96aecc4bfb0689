// Resume: finishing the sweep of the last run, or of a run reopened from the history, whose
// process was killed or which was stopped. Only the trials that did not end train again, with
// the seeds they had; the ones that ended are shown from the run folder.
#include <QAction>
#include <QFileInfo>
#include <QMessageBox>

#include "engine_bridge.h"
#include "main_window.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/resume.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

namespace sweeplab::ui {

QString MainWindow::resumableRunDirectory() const {
  const QString runDir = presenter_->lastRunDirectory();
  if (runDir.isEmpty() || bridge_->isRunning()) return {};
  try {
    return planResume(runDir.toStdString()).nothingToDo() ? QString() : runDir;
  } catch (const std::exception&) {
    return {};  // not a run folder (any more), or its sweep still runs in another process
  }
}

bool MainWindow::resumeRun() {
  if (bridge_->isRunning()) return false;
  const QString runDir = presenter_->lastRunDirectory();
  if (runDir.isEmpty()) {
    status_->showMessage(tr("Nothing to resume: run a sweep or reopen one from the history"));
    return false;
  }
  // A cluster run resumes on the cluster: its unfinished trials are submitted again.
  if (isClusterRun(runDir.toStdString())) return resumeClusterRun(runDir);
  // The store catches up with the folder before anything is planned from it.
  const std::string storeWarning =
      indexRunFolderInStore(storePath().toStdString(), runDir.toStdString());
  if (!storeWarning.empty()) status_->showMessage(QString::fromStdString(storeWarning));
  std::shared_ptr<ResumePlan> plan;
  try {
    plan = std::make_shared<ResumePlan>(planResume(runDir.toStdString()));
    if (plan->nothingToDo()) {
      // The owner may have been killed right after the last trial record.
      tidyEndedRunFolder(plan->run_dir);
      status_->showMessage(tr("Nothing to resume: every trial of %1 has ended").arg(runDir));
      updateActions();
      return false;
    }
    RunOptions options;
    options.resume = plan;
    bridge_->start(plan->spec, options);
  } catch (const std::exception& e) {
    if (ask_) QMessageBox::warning(this, tr("Cannot resume"), QString::fromUtf8(e.what()));
    status_->showMessage(tr("Cannot resume: %1").arg(QString::fromUtf8(e.what())));
    updateActions();
    return false;
  }
  presenter_->showKeptTrials(plan->previous, runDir);
  status_->showMessage(tr("Resuming %1: %2 of %3 trials to train")
                           .arg(QFileInfo(runDir).fileName())
                           .arg(plan->rerun.size())
                           .arg(plan->previous.trials.size()));
  updateActions();
  return true;
}

}  // namespace sweeplab::ui
