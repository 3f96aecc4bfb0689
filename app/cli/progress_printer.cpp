// Progress lines and the sweep ETA. The ETA extrapolates the optimizer steps per second seen so
// far over the steps still to do; trials that have not started yet are sized from their batch
// size and epoch count, so a batch-size sweep is not estimated as if every trial were the same.
#include "progress_printer.h"

#include <cmath>

#include "sweeplab/class_diagnostics.h"

namespace sweeplab::cli {
namespace {

std::string fixed4(double value) {
  if (!std::isfinite(value)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", value);
  return buffer;
}

std::string compactDuration(double seconds) {
  const long whole = std::lround(std::max(0.0, seconds));
  char buffer[32];
  if (whole < 60) {
    std::snprintf(buffer, sizeof buffer, "%lds", whole);
  } else if (whole < 3600) {
    std::snprintf(buffer, sizeof buffer, "%ldm%02lds", whole / 60, whole % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", whole / 3600, (whole % 3600) / 60);
  }
  return buffer;
}

}  // namespace

ProgressPrinter::ProgressPrinter(std::FILE* out, bool quiet, std::vector<int> selected)
    : out_(out), quiet_(quiet), selected_(std::move(selected)) {}

void ProgressPrinter::sweepStarted(const SweepInfo& info) {
  std::lock_guard<std::mutex> lock(mutex_);
  trials_ = info.trials;
  classNames_ = info.class_names;
  if (selected_.empty()) {
    for (const TrialSpec& trial : trials_) selected_.push_back(trial.index);
  }
  for (int index : selected_) states_[index];
  trainingStart_ = std::chrono::steady_clock::now();
  std::string line = std::to_string(selected_.size()) + " of " + std::to_string(trials_.size()) +
                     " trials on " + info.device + "; data: " + info.dataset;
  if (!info.run_dir.empty()) line += "; folder: " + info.run_dir;
  write(line);
}

void ProgressPrinter::status(const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  write(message);
}

// "trials 1, 2 and 3 train together as one computation": why several start at once.
void ProgressPrinter::groupStarted(const std::vector<int>& trials) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string numbers;
  for (size_t i = 0; i < trials.size(); ++i) {
    if (i > 0) numbers += i + 1 == trials.size() ? " and " : ", ";
    numbers += std::to_string(trials[i] + 1);
  }
  write("trials " + numbers + " train together as one computation");
}

void ProgressPrinter::trialStarted(int trial) {
  std::lock_guard<std::mutex> lock(mutex_);
  write(prefix(trial) + ": started");
}

void ProgressPrinter::metricPoints(int trial, const std::vector<MetricPoint>& points) {
  std::lock_guard<std::mutex> lock(mutex_);
  TrialState& state = states_[trial];
  for (const MetricPoint& point : points) {
    if (point.name == metric::kTrainAccEpoch) state.train_acc = point.value;
    if (point.name == metric::kValAccEpoch) state.val_acc = point.value;
    if (point.name == metric::kValLossEpoch) state.val_loss = point.value;
    state.steps_done = std::max(state.steps_done, point.step);
  }
}

void ProgressPrinter::trialProgress(int trial, const TrialProgress& progress) {
  std::lock_guard<std::mutex> lock(mutex_);
  TrialState& state = states_[trial];
  state.steps_done = progress.step;
  state.total_steps = progress.total_steps;
  state.max_epochs = progress.max_epochs;
  write(prefix(trial) + "  epoch " + std::to_string(progress.epoch) + "/" +
        std::to_string(progress.max_epochs) + "  train_acc " + fixed4(state.train_acc) +
        "  val_acc " + fixed4(state.val_acc) + "  val_loss " + fixed4(state.val_loss) + "  ETA " +
        etaText());
  if (!progress.dead_classes.empty() && !state.dead_class_reported) {
    state.dead_class_reported = true;
    TrialSummary sofar;
    sofar.model = trial < static_cast<int>(trials_.size()) ? trials_[trial].spec.model.name : "";
    sofar.dead_classes = progress.dead_classes;
    sofar.epochs_completed = progress.epoch;
    write(prefix(trial) + "  warning: " + deadClassWarning(sofar, classNames_));
  }
}

void ProgressPrinter::trialFinished(int trial, const TrialSummary& summary) {
  std::lock_guard<std::mutex> lock(mutex_);
  TrialState& state = states_[trial];
  state.finished = true;
  state.steps_done = summary.steps;
  state.total_steps = summary.steps;  // what it really took, early stopping included
  std::string line = prefix(trial) + ": " + toString(summary.status);
  if (std::isfinite(summary.test_acc)) {
    line += "  test_acc " + fixed4(summary.test_acc) + "  test_loss " + fixed4(summary.test_loss);
  }
  if (summary.wall_seconds > 0) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1fs", summary.wall_seconds);
    line +=
        "  (" + (summary.wall_seconds < 60 ? seconds : compactDuration(summary.wall_seconds)) + ")";
  }
  if (!summary.message.empty()) line += "  " + summary.message;
  write(line);
}

void ProgressPrinter::printLine(const std::string& line) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::fprintf(out_, "%s\n", line.c_str());
  std::fflush(out_);
}

std::string ProgressPrinter::prefix(int trial) const {
  std::string label = "trial";
  if (trial >= 0 && trial < static_cast<int>(trials_.size())) label = trials_[trial].label();
  return "[" + std::to_string(trial + 1) + "/" + std::to_string(trials_.size()) + "] " + label;
}

long long ProgressPrinter::estimatedSteps(int trial) const {
  const TrialState& state = states_.at(trial);
  if (state.finished) return state.steps_done;  // a failed trial may have taken none
  if (state.total_steps > 0) return state.total_steps;
  // Training rows follow from any trial that reported its size: steps per epoch x batch size.
  for (const auto& [index, known] : states_) {
    if (known.total_steps <= 0 || known.finished || known.max_epochs <= 0) continue;
    const TrainingSpec& knownTraining = trials_[index].spec.training;
    const double rows = double(known.total_steps) / known.max_epochs * knownTraining.batch_size;
    const TrainingSpec& training = trials_[trial].spec.training;
    return std::llround(std::ceil(rows / training.batch_size) * training.max_epochs);
  }
  return 0;
}

std::string ProgressPrinter::etaText() const {
  long long done = 0;
  long long total = 0;
  for (const auto& [index, state] : states_) {
    const long long steps = estimatedSteps(index);
    if (steps <= 0 && !state.finished) return "?";
    done += std::min(state.steps_done, steps);
    total += steps;
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - trainingStart_).count();
  if (done <= 0) return "?";
  return compactDuration(elapsed * double(total - done) / double(done));
}

void ProgressPrinter::write(const std::string& line) {
  if (quiet_) return;
  std::fprintf(out_, "%s\n", line.c_str());
  std::fflush(out_);
}

}  // namespace sweeplab::cli
