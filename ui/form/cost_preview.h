// The line under the form that says what the study will cost before Run: "5 trials · 723,700
// steps · about 7 s on this machine". The estimate (sweeplab/cost_estimate.h) times real training
// steps, so it runs on a worker thread: typing never waits for it, a newer spec cancels an older
// estimate, and the result comes back as one queued call.
#pragma once

#include <QLabel>
#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>

#include "sweeplab/cost_estimate.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab::ui {

class CostPreview : public QLabel {
  Q_OBJECT
 public:
  explicit CostPreview(QWidget* parent = nullptr);
  ~CostPreview() override;  // cancels and joins the worker

  // The study as the form holds it now; `trials` is its trial count (-1: it does not validate,
  // and the line is hidden). The estimate starts after a short pause in the typing.
  void setSpec(const ExperimentSpec& spec, int trials);
  // While a sweep trains nothing is timed: it would slow the sweep and be slowed by it.
  void setPaused(bool paused);

  // The estimate of the spec last given, once it is ready.
  const std::optional<CostEstimate>& estimate() const { return estimate_; }
  bool isEstimating() const { return worker_running_; }
  // Tests: the estimator's settings (a scripted timer, a cache folder) and the typing pause.
  CostOptions& options() { return options_; }
  void setDelay(int milliseconds) { delay_.setInterval(milliseconds); }

  static QString summaryText(const CostEstimate& estimate);

 Q_SIGNALS:
  void estimated();  // estimate() holds the current spec's estimate, or it failed

 private:
  void startWorker();
  void finished(std::uint64_t generation, std::optional<CostEstimate> estimate, QString problem);
  void joinWorker();

  CostOptions options_;
  ExperimentSpec spec_;
  int trials_ = -1;
  std::uint64_t generation_ = 0;  // of the spec last given; an older result is dropped
  std::optional<CostEstimate> estimate_;
  bool paused_ = false;
  bool worker_running_ = false;
  bool restart_ = false;  // the spec changed while the worker ran
  QTimer delay_;
  std::atomic<bool> cancel_{false};
  std::unique_ptr<CostEstimator> estimator_;  // touched by the worker only while it runs
  std::thread worker_;
};

// The question to ask before a study estimated at more than an hour starts; empty when there is
// no estimate yet or the study is shorter.
QString longStudyQuestion(const std::optional<CostEstimate>& estimate);

}  // namespace sweeplab::ui
