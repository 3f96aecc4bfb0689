// Running the experiment on a Slurm cluster from the window: the settings dialog, submitting,
// and following a cluster run (new, reopened or resubmitted) through the engine bridge.
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include "cluster/slurm_dialog.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "main_window.h"
#include "run_status_bar.h"
#include "sweeplab/cluster/cluster_record.h"
#include "sweeplab/cluster/cluster_submit.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {
namespace {

std::string cliBesideThisProgram() {
  return siblingCliProgram(QCoreApplication::applicationFilePath().toStdString());
}

}  // namespace

bool MainWindow::submitToCluster() {
  if (bridge_->isRunning()) return false;
  SlurmDialog dialog(this);
  // What this window last submitted the file with wins over the file's own cluster: section,
  // as the command line's options win over it for submit.
  dialog.setSettings(rememberedSlurmSettings(path_).value_or(form_->spec().cluster));
  if (dialog.exec() != QDialog::Accepted) return false;
  return submitToCluster(dialog.settings());
}

bool MainWindow::submitToCluster(const SlurmSettings& settings) {
  if (bridge_->isRunning()) return false;
  if (!form_->isValid()) {
    status_->showMessage(tr("Cannot submit: %1").arg(form_->firstProblem()));
    return false;
  }
  rememberSlurmSettings(path_, settings);
  FollowRequest request;
  SubmitRequest submit;
  submit.spec = form_->spec();
  submit.settings = settings;
  submit.out_dir = runsDirectory().toStdString();
  submit.cli_program = cliBesideThisProgram();
  request.submit = submit;
  try {
    QDir().mkpath(runsDirectory());
    bridge_->follow(std::move(request), expandTrials(submit.spec), submit.spec);
  } catch (const std::exception& e) {
    if (ask_) QMessageBox::warning(this, tr("Cannot submit"), QString::fromUtf8(e.what()));
    status_->showMessage(tr("Cannot submit: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  status_->showMessage(tr("Submitting to Slurm: preparing the dataset in the run folder…"));
  updateActions();
  return true;
}

bool MainWindow::followClusterRun(const QString& runDir,
                                  const std::optional<SlurmSettings>& resubmit) {
  if (bridge_->isRunning()) return false;
  FollowRequest request;
  request.run_dir = runDir.toStdString();
  request.resubmit = resubmit;
  request.cli_program = cliBesideThisProgram();
  try {
    const ExperimentSpec spec = loadExperimentFile(
        (QDir(runDir).filePath(QString::fromLatin1(kExperimentFileName))).toStdString());
    bridge_->follow(std::move(request), expandTrials(spec), spec);
  } catch (const std::exception& e) {
    if (ask_)
      QMessageBox::warning(this, tr("Cannot follow the cluster run"), QString::fromUtf8(e.what()));
    status_->showMessage(tr("Cannot follow %1: %2").arg(runDir, QString::fromUtf8(e.what())));
    return false;
  }
  status_->showMessage(resubmit
                           ? tr("Resubmitting the unfinished trials of %1 to Slurm…").arg(runDir)
                           : tr("Following the cluster run %1").arg(runDir));
  updateActions();
  return true;
}

bool MainWindow::resumeClusterRun(const QString& runDir) {
  SlurmSettings settings;
  try {
    settings = readClusterRecord(runDir.toStdString()).settings;
  } catch (const std::exception& e) {
    status_->showMessage(tr("Cannot resume: %1").arg(QString::fromUtf8(e.what())));
    return false;
  }
  return followClusterRun(runDir, settings);
}

}  // namespace sweeplab::ui
