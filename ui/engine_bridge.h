// The one place where the GUI and the training engine meet across threads.
//
// Thread contract:
// - An EngineBridge lives on the GUI thread. Its public functions and all its signals belong to
//   that thread; no signal is ever emitted from the worker.
// - start() creates a SweepRunner (which expands and validates at once, so a bad experiment
//   throws before any thread exists) and one std::thread that calls SweepRunner::run().
//   The thread is owned here and joined, never detached: by the sweep's end, by
//   stopAndWait(), or by the destructor, which stops the sweep first and drops what is left.
//   On Linux the thread lowers its own priority (nice 10) first; the threads the engine starts
//   from it inherit that, so a sweep on every core leaves the window responsive.
// - The engine's RunObserver callbacks run on the worker. They only copy their arguments into
//   a buffer guarded by mutex_ and, if no drain is pending yet, post ONE queued call to the GUI
//   thread. Nothing else is shared; no Qt object is touched from the worker. The one read of
//   the runner's state, a tpe trial's suggested values at trialStarted, happens while the
//   runner holds its own mutex (see Observer::suggestedValues).
// - The GUI thread drains the whole buffer at once, at most ~30 times a second, merges the
//   metric points of each trial into one batch, and emits the signals below in event order.
// - With a store path set, a StoreRecorder (sweeplab/store_recorder.h) observes the sweep beside
//   the bridge's own observer and writes the run history on its own thread. The worker finishes
//   it (writes what is queued) before posting the sweep's end, so the history is complete when
//   sweepFinished() arrives; its warnings come back as statusMessage().
// - requestStop()/stopTrial() forward to the runner's thread-safe stop flags; the engine honours
//   them at its next optimizer step, so a stopped sweep ends well within a second.
#pragma once

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "sweeplab/cluster/cluster_follower.h"
#include "sweeplab/experiment_spec.h"
#include "sweeplab/metrics.h"
#include "sweeplab/observer_list.h"
#include "sweeplab/run_observer.h"
#include "sweeplab/store_recorder.h"
#include "sweeplab/sweep_runner.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

struct BridgeEvent;

class EngineBridge : public QObject {
  Q_OBJECT
 public:
  explicit EngineBridge(QObject* parent = nullptr);
  ~EngineBridge() override;  // stops a running sweep and joins its thread

  // Emits sweepStarted() before returning. Throws SpecError/InputError when the experiment
  // cannot be expanded; throws std::logic_error when a sweep is already running.
  void start(const ExperimentSpec& spec, const RunOptions& options);
  // A run that Slurm's array tasks train: submits (request.submit) or resubmits first when
  // asked, then follows the run folder on the worker until every trial has ended, with the
  // same signals as a local sweep and clusterStates() after each poll. Stop cancels the run's
  // jobs, stopTrial() the task holding a trial. `trials`: the run's trials, for
  // sweepStarted(). Throws std::logic_error when a sweep is already running.
  void follow(FollowRequest request, const std::vector<TrialSpec>& trials,
              const ExperimentSpec& spec);
  bool isFollowingCluster() const { return isRunning() && follower_ != nullptr; }
  bool isRunning() const { return worker_.joinable(); }
  // The run store the next sweeps are recorded in; empty records nothing.
  void setStorePath(const QString& path) { store_path_ = path; }
  QString storePath() const { return store_path_; }
  bool stopRequested() const { return stop_requested_; }

  void requestStop();
  void stopTrial(int index);
  // Stops, blocks until the worker has ended, and delivers what it left in the buffer, the
  // sweep's end among it, before returning. A window that asked to close may stay open (its
  // unsaved-changes prompt was cancelled), so its views must still see the sweep end.
  void stopAndWait();

  // The study of the sweep running (or last run) as it was started: its search section says
  // what its trials' specs no longer do (a trial's spec is one training run), such as the
  // objective of a random search.
  const ExperimentSpec& study() const { return study_; }
  QString runDirectory() const { return run_dir_; }
  QString device() const { return device_; }

  // The shortest time between two drains of the event buffer.
  static constexpr int kDrainIntervalMs = 33;

 Q_SIGNALS:
  void sweepStarted(const std::vector<sweeplab::TrialSpec>& trials);
  // The engine has prepared the data and knows where it trains and writes, and the dataset's
  // classes in label order (they name the classes of the dead-class diagnostic).
  void sweepInfo(const QString& device, const QString& runDir, const QString& dataset,
                 const QStringList& classNames);
  // A tpe trial's values were suggested as a worker took it; comes just before its
  // trialStarted(). sweepStarted() listed it as a placeholder ("trial N (not suggested yet)",
  // no swept values): from now on the views show `trial`'s label and values instead.
  void trialSuggested(const sweeplab::TrialSpec& trial);
  // Trials about to train together as one computation (batching: auto), before their
  // trialStarted signals.
  void groupStarted(const std::vector<int>& trials);
  void trialStarted(int trial);
  void metricsArrived(int trial, const std::vector<sweeplab::MetricPoint>& points);
  void trialProgress(int trial, const sweeplab::TrialProgress& progress);
  void trialFinished(const sweeplab::TrialSummary& summary);
  // The worker has been joined when this is emitted, so a handler may start the next sweep.
  void sweepFinished(const sweeplab::RunSummary& summary);
  void statusMessage(const QString& message);
  // The sweep could not run at all (data missing, ...); the worker has been joined.
  void error(const QString& message);
  // Ends every drain: the batch of events above is delivered. Views that summarise the whole
  // sweep (overall progress, ETA) update here once, not once per trial.
  void drained();
  // Slurm's view of each trial of a followed cluster run, after each poll.
  void clusterStates(const std::vector<sweeplab::ClusterTrialState>& states);

 private:
  class Observer;

  void post(BridgeEvent event);  // worker thread
  void scheduleDrain();          // GUI thread, reached by the queued call
  void drain();                  // GUI thread
  void joinWorker();
  // Runs `sweep` on the worker thread; its summary (or its error) ends the sweep, after the
  // history recorder has written what it holds.
  void startWorker(std::function<RunSummary()> sweep);
  // Starts a sweep's bookkeeping: the history recorder (with a store path), empty buffer.
  void prepareSweep(const ExperimentSpec& spec, bool recorded);
  void stopAndDiscard();  // for the destructor: the views may be gone already

  std::unique_ptr<Observer> observer_;
  std::unique_ptr<StoreRecorder> recorder_;
  ObserverList observers_;
  std::unique_ptr<SweepRunner> runner_;
  std::unique_ptr<ClusterRunFollower> follower_;
  std::thread worker_;
  bool stop_requested_ = false;
  ExperimentSpec study_;
  QString run_dir_;
  QString device_;
  QString store_path_;

  std::mutex mutex_;  // guards buffer_ and drain_pending_
  std::vector<BridgeEvent> buffer_;
  bool drain_pending_ = false;

  QTimer drain_timer_;  // delays a drain that would come sooner than kDrainIntervalMs
  QElapsedTimer since_last_drain_;
};

}  // namespace sweeplab::ui

Q_DECLARE_METATYPE(sweeplab::TrialSummary)
Q_DECLARE_METATYPE(sweeplab::RunSummary)
Q_DECLARE_METATYPE(sweeplab::TrialProgress)
Q_DECLARE_METATYPE(std::vector<sweeplab::MetricPoint>)
Q_DECLARE_METATYPE(std::vector<sweeplab::TrialSpec>)
Q_DECLARE_METATYPE(sweeplab::TrialSpec)
Q_DECLARE_METATYPE(std::vector<sweeplab::ClusterTrialState>)
