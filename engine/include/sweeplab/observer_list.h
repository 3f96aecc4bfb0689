// Hands every RunObserver call to several observers in order (the CLI's progress printer and
// the store recorder, say), so the runner keeps taking a single observer.
#pragma once

#include <vector>

#include "sweeplab/run_observer.h"

namespace sweeplab {

class ObserverList : public RunObserver {
 public:
  ObserverList() = default;
  ObserverList(std::initializer_list<RunObserver*> observers) {
    for (RunObserver* observer : observers) add(observer);
  }
  void add(RunObserver* observer) {
    if (observer) observers_.push_back(observer);
  }

  void sweepStarted(const SweepInfo& info) override {
    for (RunObserver* o : observers_) o->sweepStarted(info);
  }
  void status(const std::string& message) override {
    for (RunObserver* o : observers_) o->status(message);
  }
  void groupStarted(const std::vector<int>& trials) override {
    for (RunObserver* o : observers_) o->groupStarted(trials);
  }
  void trialStarted(int trial) override {
    for (RunObserver* o : observers_) o->trialStarted(trial);
  }
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override {
    for (RunObserver* o : observers_) o->metricPoints(trial, points);
  }
  void trialProgress(int trial, const TrialProgress& progress) override {
    for (RunObserver* o : observers_) o->trialProgress(trial, progress);
  }
  void trialFinished(int trial, const TrialSummary& summary) override {
    for (RunObserver* o : observers_) o->trialFinished(trial, summary);
  }
  void sweepFinished(const RunSummary& summary) override {
    for (RunObserver* o : observers_) o->sweepFinished(summary);
  }

 private:
  std::vector<RunObserver*> observers_;
};

}  // namespace sweeplab
