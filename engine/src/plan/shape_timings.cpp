#include "plan/shape_timings.h"

#include <algorithm>

#include "plan/step_timing.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab {
namespace {

// More distinct batch sizes of one model than this (a drawn batch size) are timed at a few of
// them, and the rest interpolated: a step's time is close to linear in the batch.
constexpr size_t kMaxTimedBatches = 6;
constexpr size_t kInterpolationPoints = 5;

std::string modelLayers(const ModelSpec& model) {
  std::string key;
  for (const LayerDef& layer : describeModel(model).layers) key += layer.toString() + " ";
  return key;
}

std::string familyOf(const TimingShape& shape) {
  return modelLayers(shape.model) + "|" + std::to_string(static_cast<int>(shape.optimizer)) + "|" +
         std::to_string(shape.threads) + "|" + std::to_string(shape.side_by_side) +
         (shape.grouped ? "|group" : "");
}

// The batch sizes of a family to time: all of them, or a few spread over the sorted list.
std::vector<int> batchesToTime(const std::vector<int>& sorted) {
  if (sorted.size() <= kMaxTimedBatches) return sorted;
  std::vector<int> chosen;
  for (size_t i = 0; i < kInterpolationPoints; ++i) {
    const int batch = sorted[(i * (sorted.size() - 1)) / (kInterpolationPoints - 1)];
    if (chosen.empty() || chosen.back() != batch) chosen.push_back(batch);
  }
  return chosen;
}

ShapeTiming interpolate(const std::map<int, ShapeTiming>& timed, int batch) {
  const auto above = timed.lower_bound(batch);
  if (above == timed.end()) return std::prev(above)->second;
  if (above->first == batch || above == timed.begin()) return above->second;
  const auto below = std::prev(above);
  const double t = static_cast<double>(batch - below->first) / (above->first - below->first);
  const auto mix = [t](double a, double b) { return a + (b - a) * t; };
  return {mix(below->second.seconds_per_step, above->second.seconds_per_step),
          mix(below->second.seconds_per_epoch, above->second.seconds_per_epoch),
          mix(below->second.seconds_per_test, above->second.seconds_per_test)};
}

std::string describeTiming(const TimingShape& shape) {
  std::string text = "Timing " + describeModel(shape.model).name + " at batch size " +
                     std::to_string(shape.batch_size);
  if (shape.grouped) text += " in a trial group";
  if (shape.side_by_side > 1) text += ", " + std::to_string(shape.side_by_side) + " side by side";
  return text;
}

}  // namespace

void ShapeTimings::want(const TimingShape& shape) {
  const std::string family = familyOf(shape);
  familyShape_.emplace(family, shape);
  batchesByFamily_[family].push_back(shape.batch_size);
}

void ShapeTimings::measure(TimingCache& cache, const CostOptions& options,
                           const DeviceData& tensors, CostEstimate& estimate) {
  for (auto& [family, batches] : batchesByFamily_) {
    std::sort(batches.begin(), batches.end());
    batches.erase(std::unique(batches.begin(), batches.end()), batches.end());
    for (int batch : batchesToTime(batches)) {
      TimingShape shape = familyShape_.at(family);
      shape.batch_size = batch;
      const std::string key =
          TimingCache::keyOf(shape, tensors.train.rows(), tensors.val.rows(), tensors.test.rows());
      const std::optional<ShapeTiming> known =
          options.reuse_cached ? cache.find(key) : std::nullopt;
      if (known) {
        timedByFamily_[family][batch] = *known;
        ++estimate.shapes_cached;
        continue;
      }
      if (options.cancel && options.cancel->load()) throw EstimateCancelled();
      if (options.status) options.status(describeTiming(shape));
      const ShapeTiming timing = options.timer
                                     ? options.timer(shape)
                                     : timeTrainingShape(shape, tensors, options.timing_seconds);
      cache.put(key, timing);
      timedByFamily_[family][batch] = timing;
      ++estimate.shapes_timed;
    }
  }
}

ShapeTiming ShapeTimings::at(const TimingShape& shape) const {
  return interpolate(timedByFamily_.at(familyOf(shape)), shape.batch_size);
}

}  // namespace sweeplab
