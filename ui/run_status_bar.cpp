// The estimate is a plain linear extrapolation: trials of one sweep take similar time per step.
#include "run_status_bar.h"

#include <QLabel>
#include <QProgressBar>
#include <algorithm>
#include <cmath>

#include "display_format.h"

namespace sweeplab::ui {

RunStatusBar::RunStatusBar(QWidget* parent)
    : QStatusBar(parent), progress_(new QProgressBar), eta_(new QLabel), device_(new QLabel) {
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  progress_->setFixedWidth(220);
  progress_->setFormat(QStringLiteral("%p%"));
  progress_->setToolTip(tr("Share of the whole sweep done"));
  progress_->hide();
  eta_->setToolTip(tr("Estimated time until the sweep ends"));
  eta_->setMinimumWidth(120);
  device_->setToolTip(tr("Where the trials train"));
  addPermanentWidget(eta_);
  addPermanentWidget(progress_);
  addPermanentWidget(device_);
}

void RunStatusBar::setDevice(const QString& device) {
  device_->setText(tr("Device: %1").arg(device));
}

void RunStatusBar::sweepStarted() {
  elapsed_.start();
  progress_->setValue(0);
  progress_->show();
  eta_->setText(tr("estimating…"));
}

void RunStatusBar::setFraction(double fraction) {
  progress_->setValue(static_cast<int>(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
  const double left = estimateSecondsLeft(elapsed_.elapsed() / 1000.0, fraction);
  if (left >= 0) eta_->setText(tr("%1 left").arg(left < 1 ? tr("<1 s") : formatDuration(left)));
}

void RunStatusBar::sweepEnded(const QString& summary) {
  progress_->hide();
  eta_->setText(tr("took %1").arg(formatDuration(elapsed_.elapsed() / 1000.0)));
  showMessage(summary);
}

void RunStatusBar::showRunDuration(double seconds) {
  progress_->hide();
  eta_->setText(seconds > 0 ? tr("took %1").arg(formatDuration(seconds)) : QString());
}

QString RunStatusBar::etaText() const {
  return eta_->text();
}

int RunStatusBar::progressPermille() const {
  return progress_->value();
}

double RunStatusBar::estimateSecondsLeft(double elapsedSeconds, double fraction) {
  if (fraction < 0.01 || elapsedSeconds < 1.0) return -1;
  if (fraction >= 1.0) return 0;
  return elapsedSeconds * (1.0 - fraction) / fraction;
}

}  // namespace sweeplab::ui
