// The status bar's permanent part: overall sweep progress, estimated time left, the device.
#pragma once

#include <QElapsedTimer>
#include <QStatusBar>

class QLabel;
class QProgressBar;

namespace sweeplab::ui {

class RunStatusBar : public QStatusBar {
  Q_OBJECT
 public:
  explicit RunStatusBar(QWidget* parent = nullptr);

  void setDevice(const QString& device);
  void sweepStarted();
  void setFraction(double fraction);  // 0..1 of the whole sweep
  void sweepEnded(const QString& summary);
  // A run shown from the history: how long it took (negative: unknown, or an overlay of
  // several runs), in place of the time of the last sweep run here.
  void showRunDuration(double seconds);

  QString etaText() const;
  int progressPermille() const;

  // Time left from time spent and the share done; negative when it cannot be told yet.
  static double estimateSecondsLeft(double elapsedSeconds, double fraction);

 private:
  QProgressBar* progress_;
  QLabel* eta_;
  QLabel* device_;
  QElapsedTimer elapsed_;
};

}  // namespace sweeplab::ui
