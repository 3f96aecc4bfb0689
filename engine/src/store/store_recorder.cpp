// The store recorder: observer calls queue closures; one writer thread opens the store and runs
// each batch of them in a single transaction.
#include "sweeplab/store_recorder.h"

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "sweeplab/experiment_io.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

namespace sweeplab {
namespace fs = std::filesystem;
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

std::string readText(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
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

  void closeSweep() {
    if (!state.store || state.experimentId == 0 || state.sweepEnded) return;
    try {
      state.store->markInterrupted(state.experimentId);
    } catch (const std::exception& error) {
      if (warn) warn(std::string("run store: ") + error.what());
    }
  }

  long long trialId(WriterState& s, int index) const {
    const auto it = s.trialIds.find(index);
    return it == s.trialIds.end() ? 0 : it->second;
  }

  // The experiment an earlier process recorded for this run folder, taken over; 0 when the
  // folder was never recorded in this store (it then gets a new experiment).
  static long long resumedExperiment(RunStore& store, const std::string& runDir) {
    const long long id = store.experimentForRunDir(runDir);
    if (id) store.reopenExperiment(id);
    return id;
  }

  // Trials that ended before the process died may have reached summary.json but not the store
  // (it is written a moment later), or only part of their points: their rows, points and files
  // come from the run folder, which is complete for every trial it calls ended.
  static void recordKeptTrials(WriterState& s, const std::string& runDir) {
    for (const TrialSummary& trial : s.info->kept) {
      const long long id = s.store->saveTrial(s.experimentId, trial);
      s.trialIds[trial.index] = id;
      if (runDir.empty()) continue;
      try {
        const std::vector<MetricPoint> points = readTrialMetrics(runDir, trial);
        if (s.store->metricPointCount(id) != static_cast<long long>(points.size())) {
          s.store->clearTrialResults(id);
          s.store->addMetricPoints(id, points);
        }
      } catch (const InputError&) {
        // No readable metrics.csv: the summary still holds the trial's results.
      }
      recordArtifacts(*s.store, id, runDir, trial.folder);
    }
  }

  // The files a finished trial left in its folder, so the history can open or export them.
  static void recordArtifacts(RunStore& store, long long trialId, const std::string& runDir,
                              const std::string& folder) {
    if (runDir.empty() || folder.empty()) return;
    const fs::path dir = fs::absolute(fs::path(runDir) / folder);
    const std::pair<const char*, const char*> files[] = {
        {"metrics-csv", kMetricsFileName},
        {"checkpoint-best", "best.pt"},
        {"checkpoint-last", "last.pt"},
        {"state-dict-best", kBestStateDictFileName},
        {"state-dict-last", kLastStateDictFileName},
        {"tensorboard-csv", kTensorBoardCsvFolder},
    };
    for (const auto& [kind, name] : files) {
      std::error_code error;
      if (fs::exists(dir / name, error)) store.addArtifact(trialId, {kind, (dir / name).string()});
    }
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
        ExperimentRecord record;
        record.name = d.spec.name;
        record.started_at = started.iso;
        record.run_dir = shared->run_dir.empty() ? "" : fs::absolute(shared->run_dir).string();
        record.source_file = d.spec.source_file;
        const std::string copy = record.run_dir + "/" + kExperimentFileName;
        record.config_yaml = !record.run_dir.empty() && fs::exists(copy)
                                 ? readText(copy)
                                 : saveExperimentYaml(d.spec);
        record.device = shared->device;
        record.dataset = shared->dataset;
        s.info = shared;
        if (shared->resumed) s.experimentId = Impl::resumedExperiment(*s.store, shared->run_dir);
        if (!s.experimentId) s.experimentId = s.store->addExperiment(record);
        if (shared->resumed) Impl::recordKeptTrials(s, record.run_dir);
      },
      0, true);
}

void StoreRecorder::trialStarted(int trial) {
  const Moment started = now();
  impl_->push(
      [trial, started](Impl::WriterState& s) {
        if (!s.experimentId || !s.info || trial < 0 ||
            trial >= static_cast<int>(s.info->trials.size()))
          return;
        const TrialSpec& spec = s.info->trials[trial];
        const TrialSummary header = trialSummaryHeader(spec, TrialStatus::Running);
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
        const long long id = s.store->saveTrial(s.experimentId, summary);
        s.trialIds[trial] = id;
        if (s.info) Impl::recordArtifacts(*s.store, id, s.info->run_dir, summary.folder);
      },
      0, true);
}

void StoreRecorder::sweepFinished(const RunSummary& summary) {
  const Moment finished = now();
  impl_->push(
      [summary, finished](Impl::WriterState& s) {
        if (!s.experimentId) return;
        s.store->finishExperiment(s.experimentId, summary, finished.iso);
        s.sweepEnded = true;
      },
      0, true);
}

}  // namespace sweeplab
