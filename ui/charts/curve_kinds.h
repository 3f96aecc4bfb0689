// What the curves can show: the x axis, the metric, how seed repeats are drawn, and the
// defaults a person sees before choosing. Plain types, shared by the figure model, the live
// panel, its controls and figure export.
#pragma once

#include <string>
#include <vector>

namespace sweeplab::ui {

enum class XAxisKind { Step, Epoch, SamplesSeen, WallTime };
// The learning rate (the schedule, logged with the training steps) is drawn in one chart.
enum class MetricKind { Accuracy, Loss, LearningRate };
// How seed repeats are drawn: every trial's line, or per grid point the mean with a band of
// ±1 standard deviation or of the minimum and maximum.
enum class RepeatView { Lines, MeanStd, MeanMinMax };

// TensorBoard's default smoothing weight: the per-step training curves are drawn smoothed over
// their faint raw values until a person chooses otherwise, in the window and in reports.
inline constexpr double kDefaultSmoothing = 0.6;

// The x axis a run reads best on: epochs when a swept key changes the number of steps per
// epoch (the batch size), where a step axis would stretch the small batches' curves; steps
// otherwise, as TensorBoard plots them.
inline XAxisKind preferredXAxis(const std::vector<std::string>& sweptKeys) {
  for (const std::string& key : sweptKeys)
    if (key == "training.batch_size") return XAxisKind::Epoch;
  return XAxisKind::Step;
}

}  // namespace sweeplab::ui
