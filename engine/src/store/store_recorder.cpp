// The store recorder: observer calls queue closures; one writer thread opens the store and runs
// each batch of them in a single transaction.
#include "sweeplab/store_recorder.h"

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

namespace sweeplab {
namespace {

using Clock = std::chrono::steady_clock;

// A batch is written at the latest this long after its first point, so readers (the GUI's
// history, another process) see a running trial grow.
constexpr auto kMaxBatchDelay = std::chrono::seconds(2);

struct Moment {
  std::string iso;
  double unix_seconds = 0;
};

Moment now() {
  const auto wall = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(wall);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {text, std::chrono::duration<double>(wall.time_since_epoch()).count()};
}

}  // namespace

struct StoreRecorder::Impl {
  // What only the writer thread touches.
  struct WriterState {
    std::unique_ptr<RunStore> store;
    long long experimentId = 0;
    std::map<int, long long> trialIds;  // trial index -> row id
    std::shared_ptr<const SweepInfo> info;
    bool sweepEnded = false;
    std::string runDir;  // empty: no run folder, the rows are all there is (live below)
    RunSummary live;     // a run without a folder, as the events told it
  };
  using Task = std::function<void(WriterState&)>;

  std::string path;
  ExperimentSpec spec;
  Warning warn;
  int pointsPerBatch;

  std::mutex mutex;
  std::condition_variable wake;
  std::deque<Task> queue;
  size_t queuedPoints = 0;
  bool urgent = false;  // an epoch ended or a trial event is queued: write now
  Clock::time_point firstQueued;
  bool stopping = false;
  long long experimentId = 0;  // published by the writer for finish()
  std::thread writer;
  WriterState state;  // writer thread only

  void push(Task task, size_t points, bool flushNow) {
    bool wakeNow = false;
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (queue.empty()) firstQueued = Clock::now();
      queue.push_back(std::move(task));
      queuedPoints += points;
      wakeNow = flushNow || queuedPoints >= static_cast<size_t>(pointsPerBatch);
      urgent = urgent || wakeNow;
    }
    if (wakeNow) wake.notify_one();
  }

  void warnOnce(bool& warned, const std::string& message) {
    if (!warned && warn) warn(message);
    warned = true;
  }

  void writerLoop() {
    try {
      state.store = std::make_unique<RunStore>(path);
    } catch (const std::exception& error) {
      if (warn)
        warn(std::string("run store not used: ") + error.what() +
             " (training goes on; the run folder keeps every result)");
    }
    bool warnedBusy = false;
    for (;;) {
      std::deque<Task> batch;
      bool last = false;
      {
        std::unique_lock<std::mutex> lock(mutex);
        wake.wait_for(lock, kMaxBatchDelay, [&] { return stopping || urgent; });
        if (queue.empty() && stopping) break;
        if (!stopping && !urgent && Clock::now() - firstQueued < kMaxBatchDelay) continue;
        batch.swap(queue);
        queuedPoints = 0;
        urgent = false;
        last = stopping;
      }
      if (batch.empty() || !state.store) continue;
      try {
        state.store->transaction([&] {
          for (Task& task : batch) task(state);
        });
        std::lock_guard<std::mutex> lock(mutex);
        experimentId = state.experimentId;
      } catch (const StoreError& error) {
        if (error.busy() && !last) {
          warnOnce(warnedBusy, std::string("run store busy, will retry: ") + error.what());
          requeue(std::move(batch));
          continue;
        }
        if (warn)
          warn(std::string("run store write failed, this run is not recorded further: ") +
               error.what() + " (the run folder keeps every result)");
        state.store.reset();
      }
    }
    closeSweep();
  }

  // A failed transaction wrote nothing: its tasks go back in front, in order.
  void requeue(std::deque<Task> batch) {
    std::lock_guard<std::mutex> lock(mutex);
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue.push_front(std::move(*it));
  }

  // The sweep ended without saying so (its runner threw): this process trains nothing more, so
  // its trials and the run read as interrupted where their records do not say they ended.
  void closeSweep() {
    if (!state.store || state.experimentId == 0 || state.sweepEnded) return;
    const WriterAlive othersOnly = [](const TrialWriter& writer) {
      const bool thisProcess = writer.host == currentHost() && writer.pid == currentProcessId();
      return !thisProcess && writerLooksAlive(writer);
    };
    try {
      if (!state.runDir.empty()) {
        state.store->indexRunFolder(state.runDir, -1, othersOnly);
        return;
      }
      RunSummary& live = state.live;
      applyWriterLiveness(live, othersOnly);
      state.store->recordRun(state.experimentId, live, derivedRunStatus(live, othersOnly));
    } catch (const std::exception& error) {
      if (warn) warn(std::string("run store: ") + error.what());
    }
  }

  long long trialId(WriterState& s, int index) const {
    const auto it = s.trialIds.find(index);
    return it == s.trialIds.end() ? 0 : it->second;
  }

  // A summary that does not say when its trial started or who trained it keeps what the
  // recorder saw at trialStarted.
  void keepWhatWasSeen(WriterState& s, TrialSummary& trial) {
    const TrialSummary* live = liveTrial(s, trial.index);
    if (!live) return;
    if (trial.started_at.empty()) trial.started_at = live->started_at;
    if (trial.writer.pid == 0) trial.writer = live->writer;
  }

  TrialSummary* liveTrial(WriterState& s, int index) {
    for (TrialSummary& trial : s.live.trials)
      if (trial.index == index) return &trial;
    return nullptr;
  }
};

StoreRecorder::StoreRecorder(std::string storePath, ExperimentSpec spec, Warning warn,
                             int pointsPerBatch)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(storePath);
  impl_->spec = std::move(spec);
  impl_->warn = std::move(warn);
  impl_->pointsPerBatch = std::max(1, pointsPerBatch);
  impl_->writer = std::thread([this] { impl_->writerLoop(); });
}

StoreRecorder::~StoreRecorder() {
  finish();
}

long long StoreRecorder::finish() {
  if (impl_->writer.joinable()) {
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->stopping = true;
    }
    impl_->wake.notify_one();
    impl_->writer.join();
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->experimentId;
}

const std::string& StoreRecorder::storePath() const {
  return impl_->path;
}

void StoreRecorder::sweepStarted(const SweepInfo& info) {
  auto shared = std::make_shared<const SweepInfo>(info);
  const Moment started = now();
  Impl& d = *impl_;
  d.push(
      [&d, shared, started](Impl::WriterState& s) {
        s.info = shared;
        s.runDir = shared->run_dir;
        if (!s.runDir.empty()) {
          // The folder is the record: an earlier attempt's rows (a resume) are taken over.
          s.experimentId = s.store->indexRunFolder(s.runDir);
          return;
        }
        ExperimentRecord record;
        record.name = d.spec.name;
        record.started_at = started.iso;
        record.source_file = d.spec.source_file;
        record.config_yaml = saveExperimentYaml(d.spec);
        record.device = shared->device;
        record.dataset = shared->dataset;
        s.experimentId = s.store->addExperiment(record);
        s.live.experiment_name = d.spec.name;
        s.live.started_at = started.iso;
        s.live.device = shared->device;
        s.live.dataset = shared->dataset;
        s.live.writer_host = currentHost();
        s.live.writer_pid = currentProcessId();
        for (const TrialSpec& trial : shared->trials)
          s.live.trials.push_back(trialSummaryHeader(trial, TrialStatus::Queued));
      },
      0, true);
}

void StoreRecorder::trialStarted(int trial) {
  const Moment started = now();
  Impl& d = *impl_;
  d.push(
      [&d, trial, started](Impl::WriterState& s) {
        if (!s.experimentId || !s.info || trial < 0 ||
            trial >= static_cast<int>(s.info->trials.size()))
          return;
        const TrialSpec& spec = s.info->trials[trial];
        TrialSummary header = trialSummaryHeader(spec, TrialStatus::Running);
        header.started_at = started.iso;
        header.writer = currentTrialWriter();
        if (TrialSummary* live = d.liveTrial(s, trial)) *live = header;
        const long long id = s.store->saveTrial(s.experimentId, header);
        s.trialIds[trial] = id;
        s.store->clearTrialResults(id);  // a resumed trial starts over; its old points go
        s.store->setTrialStart(id, saveExperimentYaml(spec.spec), started.iso,
                               started.unix_seconds);
      },
      0, true);
}

void StoreRecorder::metricPoints(int trial, const std::vector<MetricPoint>& points) {
  // Validation ends an epoch: write then, so a reader sees each epoch as it completes.
  bool epochEnded = false;
  for (const MetricPoint& point : points) epochEnded |= point.name == metric::kValLossEpoch;
  Impl& d = *impl_;
  d.push(
      [&d, trial, points](Impl::WriterState& s) {
        if (const long long id = d.trialId(s, trial)) s.store->addMetricPoints(id, points);
      },
      points.size(), epochEnded);
}

void StoreRecorder::trialFinished(int trial, const TrialSummary& summary) {
  Impl& d = *impl_;
  d.push(
      [&d, trial, summary](Impl::WriterState& s) {
        if (!s.experimentId) return;
        if (!s.runDir.empty()) {
          // What was streamed gives way to the trial's record and files.
          s.store->indexRunFolderTrial(s.runDir, summary);
          return;
        }
        TrialSummary ended = summary;
        d.keepWhatWasSeen(s, ended);
        if (TrialSummary* live = d.liveTrial(s, trial)) *live = ended;
        s.trialIds[trial] = s.store->saveTrial(s.experimentId, ended);
      },
      0, true);
}

void StoreRecorder::sweepFinished(const RunSummary& summary) {
  const Moment finished = now();
  Impl& d = *impl_;
  d.push(
      [&d, summary, finished](Impl::WriterState& s) {
        if (!s.experimentId) return;
        if (!s.runDir.empty()) {
          s.store->indexRunFolder(s.runDir);
        } else {
          RunSummary ended = summary;
          for (TrialSummary& trial : ended.trials) d.keepWhatWasSeen(s, trial);
          s.store->finishExperiment(s.experimentId, ended, finished.iso);
        }
        s.sweepEnded = true;
      },
      0, true);
}

}  // namespace sweeplab
