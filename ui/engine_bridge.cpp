// Worker thread, event buffer and batched hand-over to the GUI thread; see the header's contract.
#include "engine_bridge.h"

#include "bridge_events.h"

#include <QMetaObject>
#include <cerrno>
#include <map>
#include <optional>
#include <stdexcept>
#include <variant>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace sweeplab::ui {

namespace {

// Training is background work: the worker and every thread it starts (parallel trials, LibTorch's
// pools) inherit a lower priority, so with all cores training the window still gets the CPU
// when it needs it. Linux keeps a nice value per thread; elsewhere this does nothing.
void lowerThisThreadsPriority() {
#ifdef __linux__
  constexpr int kBackgroundNice = 10;
  const auto thread = static_cast<id_t>(syscall(SYS_gettid));
  errno = 0;
  const int nice = getpriority(PRIO_PROCESS, thread);
  if (errno == 0 && nice < kBackgroundNice) setpriority(PRIO_PROCESS, thread, kBackgroundNice);
#endif
}

}  // namespace

// Runs on the worker thread: copies and hands over, nothing more.
class EngineBridge::Observer : public RunObserver {
 public:
  explicit Observer(EngineBridge* bridge) : bridge_(bridge) {}
  void sweepStarted(const SweepInfo& info) override { bridge_->post({StartedEvent{info}}); }
  void status(const std::string& message) override { bridge_->post({StatusEvent{message}}); }
  void groupStarted(const std::vector<int>& trials) override {
    bridge_->post({GroupStartedEvent{trials}});
  }
  void trialStarted(int trial) override {
    bridge_->post({TrialStartedEvent{trial, suggestedValues(trial)}});
  }
  void metricPoints(int trial, const std::vector<MetricPoint>& points) override {
    bridge_->post({MetricsEvent{trial, points}});
  }
  void trialProgress(int trial, const TrialProgress& progress) override {
    bridge_->post({ProgressEvent{trial, progress}});
  }
  void trialFinished(int trial, const TrialSummary& summary) override {
    bridge_->post({TrialFinishedEvent{summary}});
  }
  // The final summary is posted by the thread function once run() has returned.
  void sweepFinished(const RunSummary&) override {}

 private:
  // A tpe trial's values exist from the moment a worker took it. Reading the runner's trial
  // here is safe: the runner calls trialStarted (markRunning) while it holds its mutex, after
  // takeTrial wrote trials[index] under the same mutex, and every write to its trial list
  // happens under that mutex; the list itself never changes size while the sweep runs.
  // runner_ is set before the worker starts and reset only once it has been joined.
  std::optional<TrialSpec> suggestedValues(int trial) const {
    const SweepRunner* runner = bridge_->runner_.get();
    if (!runner || trial < 0 || trial >= static_cast<int>(runner->trials().size())) return {};
    const TrialSpec& spec = runner->trials()[static_cast<size_t>(trial)];
    if (!spec.suggested || spec.swept.empty()) return {};
    return spec;
  }

  EngineBridge* bridge_;
};

EngineBridge::EngineBridge(QObject* parent)
    : QObject(parent), observer_(std::make_unique<Observer>(this)) {
  drain_timer_.setSingleShot(true);
  connect(&drain_timer_, &QTimer::timeout, this, &EngineBridge::drain);
  since_last_drain_.start();
}

EngineBridge::~EngineBridge() {
  stopAndDiscard();
}

void EngineBridge::prepareSweep(const ExperimentSpec& spec, bool recorded) {
  recorder_.reset();
  observers_ = ObserverList{observer_.get()};
  // Only a sweep that will run (the runner accepted the spec) and writes a run folder is
  // recorded: the history points at the folder's files.
  if (!store_path_.isEmpty() && recorded) {
    recorder_ = std::make_unique<StoreRecorder>(
        store_path_.toStdString(), spec,
        [this](const std::string& message) { post({StatusEvent{"Run history: " + message}}); });
    observers_.add(recorder_.get());
  }
  study_ = spec;
  stop_requested_ = false;
  run_dir_.clear();
  device_.clear();
  // No worker is running, so nothing is pending: a flag left set would keep every post of
  // the new sweep from scheduling a drain.
  std::lock_guard<std::mutex> lock(mutex_);
  buffer_.clear();
  drain_pending_ = false;
}

void EngineBridge::start(const ExperimentSpec& spec, const RunOptions& options) {
  if (isRunning()) throw std::logic_error("a sweep is already running");
  follower_.reset();
  runner_ = std::make_unique<SweepRunner>(spec, options, &observers_);
  prepareSweep(spec, options.write_files);
  Q_EMIT sweepStarted(runner_->trials());
  SweepRunner* runner = runner_.get();
  startWorker([runner] {
    lowerThisThreadsPriority();
    return runner->run();
  });
}

void EngineBridge::startWorker(std::function<RunSummary()> sweep) {
  StoreRecorder* recorder = recorder_.get();
  worker_ = std::thread([this, recorder, sweep = std::move(sweep)] {
    try {
      RunSummary summary = sweep();
      if (recorder) recorder->finish();
      post({SweepFinishedEvent{std::move(summary)}});
    } catch (const std::exception& e) {
      if (recorder) recorder->finish();
      post({FailedEvent{e.what()}});
    } catch (...) {
      if (recorder) recorder->finish();
      post({FailedEvent{"the sweep stopped with an unknown error"}});
    }
  });
}

void EngineBridge::requestStop() {
  if (!isRunning()) return;
  stop_requested_ = true;
  if (follower_) follower_->cancel();
  if (runner_) runner_->requestStop();
}

void EngineBridge::stopTrial(int index) {
  if (!isRunning()) return;
  if (follower_) follower_->cancelTrial(index);
  if (runner_) runner_->stopTrial(index);
}

void EngineBridge::stopAndWait() {
  const bool was_running = isRunning();
  requestStop();
  joinWorker();
  if (!was_running) return;
  // The worker posted its last events (the sweep's end among them) before it ended; a drain
  // delayed by the timer, or the queued call, would come too late for a caller that goes on
  // at once. Draining now also clears the pending flag, so the next sweep's posts schedule
  // their drains again.
  drain_timer_.stop();
  drain();
}

void EngineBridge::stopAndDiscard() {
  requestStop();
  joinWorker();
  drain_timer_.stop();
  std::lock_guard<std::mutex> lock(mutex_);
  buffer_.clear();
  drain_pending_ = false;
}

void EngineBridge::joinWorker() {
  if (worker_.joinable()) worker_.join();
}

void EngineBridge::post(BridgeEvent event) {
  bool first = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    buffer_.push_back(std::move(event));
    first = !drain_pending_;
    drain_pending_ = true;
  }
  if (first) QMetaObject::invokeMethod(this, &EngineBridge::scheduleDrain, Qt::QueuedConnection);
}

void EngineBridge::scheduleDrain() {
  const qint64 waited = since_last_drain_.elapsed();
  if (waited >= kDrainIntervalMs) {
    drain();
  } else if (!drain_timer_.isActive()) {
    drain_timer_.start(static_cast<int>(kDrainIntervalMs - waited));
  }
}

void EngineBridge::drain() {
  std::vector<BridgeEvent> events;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events.swap(buffer_);
    drain_pending_ = false;
  }
  since_last_drain_.restart();

  // Metric points and progress of a trial are merged until the next event of another kind, so
  // the charts and the table see one batch per trial per drain and the order still holds.
  std::map<int, std::vector<MetricPoint>> metrics;
  std::map<int, TrialProgress> progress;
  auto flush = [&] {
    for (auto& [trial, points] : metrics) Q_EMIT metricsArrived(trial, points);
    for (auto& [trial, latest] : progress) Q_EMIT trialProgress(trial, latest);
    metrics.clear();
    progress.clear();
  };

  for (BridgeEvent& event : events) {
    if (auto* m = std::get_if<MetricsEvent>(&event.payload)) {
      auto& batch = metrics[m->trial];
      batch.insert(batch.end(), std::make_move_iterator(m->points.begin()),
                   std::make_move_iterator(m->points.end()));
      continue;
    }
    if (auto* p = std::get_if<ProgressEvent>(&event.payload)) {
      progress[p->trial] = p->progress;
      continue;
    }
    flush();
    if (auto* s = std::get_if<StartedEvent>(&event.payload)) {
      device_ = QString::fromStdString(s->info.device);
      run_dir_ = QString::fromStdString(s->info.run_dir);
      QStringList classes;
      for (const std::string& name : s->info.class_names) classes << QString::fromStdString(name);
      Q_EMIT sweepInfo(device_, run_dir_, QString::fromStdString(s->info.dataset), classes);
    } else if (auto* st = std::get_if<StatusEvent>(&event.payload)) {
      Q_EMIT statusMessage(QString::fromStdString(st->message));
    } else if (auto* g = std::get_if<GroupStartedEvent>(&event.payload)) {
      Q_EMIT groupStarted(g->trials);
    } else if (auto* ts = std::get_if<TrialStartedEvent>(&event.payload)) {
      if (ts->suggested) Q_EMIT trialSuggested(*ts->suggested);
      Q_EMIT trialStarted(ts->trial);
    } else if (auto* tf = std::get_if<TrialFinishedEvent>(&event.payload)) {
      Q_EMIT trialFinished(tf->summary);
    } else if (auto* sf = std::get_if<SweepFinishedEvent>(&event.payload)) {
      joinWorker();
      if (run_dir_.isEmpty() && runner_) run_dir_ = QString::fromStdString(runner_->runDirectory());
      if (run_dir_.isEmpty() && follower_)
        run_dir_ = QString::fromStdString(follower_->runDirectory());
      Q_EMIT sweepFinished(sf->summary);
    } else if (auto* c = std::get_if<ClusterStatesEvent>(&event.payload)) {
      Q_EMIT clusterStates(c->states);
    } else if (auto* f = std::get_if<FailedEvent>(&event.payload)) {
      joinWorker();
      Q_EMIT error(QString::fromStdString(f->message));
    }
  }
  flush();
  Q_EMIT drained();
}

}  // namespace sweeplab::ui
