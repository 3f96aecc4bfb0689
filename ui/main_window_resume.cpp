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
#include "sweeplab/resume.h"
#include "sweeplab/run_store.h"

namespace sweeplab::ui {

// The run folder and the run store both record the end of the sweep (a process killed between
// the folder's last write and the store's needs a resume that only records the end).
bool MainWindow::resumeHasNothingToDo(const ResumePlan& plan) const {
  return plan.nothingToDo() && !storeLagsBehindRunFolder(storePath().toStdString(), plan.run_dir);
}

QString MainWindow::resumableRunDirectory() const {
  const QString runDir = presenter_->lastRunDirectory();
  if (runDir.isEmpty() || bridge_->isRunning()) return {};
  try {
    return resumeHasNothingToDo(planResume(runDir.toStdString())) ? QString() : runDir;
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
  std::shared_ptr<ResumePlan> plan;
  try {
    plan = std::make_shared<ResumePlan>(planResume(runDir.toStdString()));
    if (resumeHasNothingToDo(*plan)) {
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
