// Instruments for the GUI thread: a fast timer whose late ticks show how long the event loop
// was busy, and an application that times every event it delivers, to name what was slow.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <vector>

namespace sweeplab::perf {

struct StallStats {
  int ticks = 0;          // timeouts seen
  double seconds = 0;     // time covered by the gaps
  double longest_ms = 0;  // the longest gap between two timeouts
  double p99_ms = 0;
  double p50_ms = 0;
  int over_limit = 0;  // gaps longer than the limit given to stats()
  // CPU time the GUI thread itself used over the phase, as a share of the phase's wall time.
  // Unlike the gaps, it hardly depends on what else the machine runs: it is the work the
  // window does, where the gaps also show how long the thread waited for a core.
  double gui_cpu_percent = 0;
};

// A timer at a short interval that records the gap between consecutive timeouts. While the
// loop is free a gap is close to the interval; anything longer is time the loop spent elsewhere.
class EventLoopProbe : public QObject {
 public:
  explicit EventLoopProbe(int interval_ms, QObject* parent = nullptr);

  void start();
  void stop();
  // Later gaps go to a new phase; stats() of an earlier phase stay as they were.
  void beginPhase(const QString& name);
  QStringList phases() const { return order_; }
  StallStats stats(const QString& phase, double limit_ms) const;

 private:
  void tick();

  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ns_ = -1;
  QString phase_;
  QStringList order_;
  std::map<QString, std::vector<double>> gaps_ms_;
  std::map<QString, std::pair<qint64, qint64>> cpu_ns_;  // the phase's first and last tick
};

struct SlowEvent {
  double ms = 0;
  QString what;  // "Timer to QTimer (in CurvePanel)", "UpdateRequest to QWidgetWindow", ...
};

// Times every event the GUI thread delivers (nested deliveries count in their outer event)
// and keeps the slowest ones and the total time per kind of event.
class TimedApplication : public QApplication {
 public:
  TimedApplication(int& argc, char** argv);
  bool notify(QObject* receiver, QEvent* event) override;

  void resetTimings();
  std::vector<SlowEvent> slowest(int count) const;
  // Total milliseconds and deliveries per kind, the busiest first.
  std::vector<std::pair<QString, std::pair<double, int>>> busiest(int count) const;

 private:
  int depth_ = 0;
  std::vector<SlowEvent> slow_;
  std::map<QString, std::pair<double, int>> totals_;
};

}  // namespace sweeplab::perf
