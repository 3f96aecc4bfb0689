// File > Write Report: the report folder of the run shown, with a folder chooser, progress
// while figures and the PDF are drawn, and the written report opened at the end.
#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QUrl>

#include "main_window.h"
#include "report/report_bundle.h"
#include "run_status_bar.h"
#include "sweep_presenter.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::ui {

QString MainWindow::reportableRunDirectory() const {
  if (!presenter_->lastSummary()) return {};
  const QString dir = presenter_->lastRunDirectory();
  if (dir.isEmpty() ||
      !QFileInfo::exists(QDir(dir).filePath(QString::fromLatin1(kSummaryFileName))))
    return {};
  return dir;
}

void MainWindow::writeReportWithDialog() {
  const QString runDir = reportableRunDirectory();
  if (runDir.isEmpty()) return;
  // Named like "Save As": the report is a new folder, proposed beside the run folder. (A
  // directory-mode dialog would only accept folders that exist already.)
  QFileDialog dialog(this, tr("Write the report folder"));
  dialog.setFileMode(QFileDialog::AnyFile);
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  dialog.setOption(QFileDialog::DontConfirmOverwrite);
  dialog.setLabelText(QFileDialog::FileName, tr("Report folder"));
  dialog.setLabelText(QFileDialog::Accept, tr("Write Report"));
  dialog.setDirectory(QFileInfo(runDir).absolutePath());
  dialog.selectFile(QFileInfo(defaultReportFolder(runDir)).fileName());
  if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
  writeReport(dialog.selectedFiles().constFirst());
}

bool MainWindow::writeReport(const QString& folder) {
  const QString runDir = reportableRunDirectory();
  if (runDir.isEmpty()) {
    status_->showMessage(tr("No finished run with a run folder is shown; nothing to report"));
    return false;
  }
  QProgressDialog progress(tr("Writing the report…"), QString(), 0, 1, this);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(400);
  const ReportResult result =
      writeReportBundle(runDir, folder, [&progress](int step, int steps, const QString& what) {
        progress.setMaximum(steps);
        progress.setLabelText(what);
        progress.setValue(step);
        QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
      });
  progress.reset();
  if (!result.ok) {
    status_->showMessage(tr("Report not written: %1").arg(result.error));
    if (ask_) QMessageBox::warning(this, tr("Report not written"), result.error);
    return false;
  }
  const QString html = QDir(result.folder).filePath(QString::fromLatin1(kReportHtmlName));
  status_->showMessage(tr("Report written to %1").arg(result.folder), 8000);
  if (!ask_) return true;
  QMessageBox done(QMessageBox::Information, tr("Report written"),
                   tr("The report of this run is in\n%1\n(%n file(s): report.html, report.pdf, "
                      "figures, tables and the run's files).",
                      nullptr, static_cast<int>(result.files.size()))
                       .arg(result.folder),
                   QMessageBox::Close, this);
  QPushButton* open = done.addButton(tr("Open Report"), QMessageBox::AcceptRole);
  QPushButton* show = done.addButton(tr("Show Folder"), QMessageBox::ActionRole);
  done.setDefaultButton(open);
  done.exec();
  if (done.clickedButton() == open) QDesktopServices::openUrl(QUrl::fromLocalFile(html));
  if (done.clickedButton() == show) QDesktopServices::openUrl(QUrl::fromLocalFile(result.folder));
  return true;
}

}  // namespace sweeplab::ui
