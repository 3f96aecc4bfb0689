// Event-loop stall probe and per-event timing for sweeplab-gui-bench.
#include "gui_responsiveness_probe.h"

#include <QEvent>
#include <QMetaEnum>
#include <QPointer>
#include <algorithm>
#include <cmath>
#include <ctime>

namespace sweeplab::perf {

EventLoopProbe::EventLoopProbe(int interval_ms, QObject* parent) : QObject(parent) {
  // A coarse timer may fire up to 5% late by design; the probe must not add lateness itself.
  timer_.setTimerType(Qt::PreciseTimer);
  timer_.setInterval(interval_ms);
  connect(&timer_, &QTimer::timeout, this, &EventLoopProbe::tick);
  clock_.start();
}

void EventLoopProbe::start() {
  last_ns_ = -1;
  timer_.start();
}

void EventLoopProbe::stop() {
  timer_.stop();
}

void EventLoopProbe::beginPhase(const QString& name) {
  phase_ = name;
  if (!order_.contains(name)) order_ << name;
}

namespace {

qint64 threadCpuNanoseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<qint64>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

}  // namespace

void EventLoopProbe::tick() {
  const qint64 now = clock_.nsecsElapsed();
  if (last_ns_ >= 0 && !phase_.isEmpty()) {
    gaps_ms_[phase_].push_back((now - last_ns_) / 1e6);
    const qint64 cpu = threadCpuNanoseconds();
    auto [it, first] = cpu_ns_.try_emplace(phase_, cpu, cpu);
    it->second.second = cpu;
  }
  last_ns_ = now;
}

StallStats EventLoopProbe::stats(const QString& phase, double limit_ms) const {
  StallStats stats;
  auto it = gaps_ms_.find(phase);
  if (it == gaps_ms_.end() || it->second.empty()) return stats;
  std::vector<double> gaps = it->second;
  std::sort(gaps.begin(), gaps.end());
  const auto at = [&](double quantile) {
    const auto rank = static_cast<size_t>(std::ceil(quantile * gaps.size()));
    return gaps[std::clamp<size_t>(rank, 1, gaps.size()) - 1];
  };
  stats.ticks = static_cast<int>(gaps.size());
  for (double gap : gaps) {
    stats.seconds += gap / 1000;
    if (gap > limit_ms) ++stats.over_limit;
  }
  stats.longest_ms = gaps.back();
  stats.p99_ms = at(0.99);
  stats.p50_ms = at(0.50);
  const auto cpu = cpu_ns_.find(phase);
  if (cpu != cpu_ns_.end() && stats.seconds > 0) {
    stats.gui_cpu_percent = (cpu->second.second - cpu->second.first) / 1e7 / stats.seconds;
  }
  return stats;
}

namespace {

// "Timer to QTimer", "Paint to QWidget 'trials' in QSplitter": the event, the receiver's class
// and name, and the class of its parent, enough to tell them apart. The receiver may have been
// deleted by the event itself (a single-shot timer, DeferredDelete): then only its class is known.
QString describe(QEvent::Type type, const QMetaObject* receiverClass, QObject* receiver) {
  const char* typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(type);
  QString text = typeName ? QString::fromLatin1(typeName) : QString::number(type);
  text += QStringLiteral(" to ") + QString::fromLatin1(receiverClass->className());
  if (!receiver) return text;
  if (!receiver->objectName().isEmpty())
    text += QStringLiteral(" '%1'").arg(receiver->objectName());
  if (QObject* parent = receiver->parent())
    text += QStringLiteral(" in ") + QString::fromLatin1(parent->metaObject()->className());
  return text;
}

constexpr size_t kSlowKept = 200;

}  // namespace

TimedApplication::TimedApplication(int& argc, char** argv) : QApplication(argc, argv) {}

bool TimedApplication::notify(QObject* receiver, QEvent* event) {
  if (depth_ > 0) return QApplication::notify(receiver, event);
  ++depth_;
  const QEvent::Type type = event->type();
  const QMetaObject* receiverClass = receiver->metaObject();
  const QPointer<QObject> alive(receiver);
  QElapsedTimer clock;
  clock.start();
  const bool result = QApplication::notify(receiver, event);
  const double ms = clock.nsecsElapsed() / 1e6;
  --depth_;
  // Describing every event would cost more than most events; only the ones worth a look.
  if (ms >= 1.0) {
    const QString what = describe(type, receiverClass, alive.data());
    auto& total = totals_[what];
    total.first += ms;
    total.second += 1;
    slow_.push_back({ms, what});
    if (slow_.size() > 2 * kSlowKept) {
      std::partial_sort(slow_.begin(), slow_.begin() + kSlowKept, slow_.end(),
                        [](const SlowEvent& a, const SlowEvent& b) { return a.ms > b.ms; });
      slow_.resize(kSlowKept);
    }
  }
  return result;
}

void TimedApplication::resetTimings() {
  slow_.clear();
  totals_.clear();
}

std::vector<SlowEvent> TimedApplication::slowest(int count) const {
  std::vector<SlowEvent> events = slow_;
  std::sort(events.begin(), events.end(),
            [](const SlowEvent& a, const SlowEvent& b) { return a.ms > b.ms; });
  if (events.size() > static_cast<size_t>(count)) events.resize(static_cast<size_t>(count));
  return events;
}

std::vector<std::pair<QString, std::pair<double, int>>> TimedApplication::busiest(int count) const {
  std::vector<std::pair<QString, std::pair<double, int>>> kinds(totals_.begin(), totals_.end());
  std::sort(kinds.begin(), kinds.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  if (kinds.size() > static_cast<size_t>(count)) kinds.resize(static_cast<size_t>(count));
  return kinds;
}

}  // namespace sweeplab::perf
