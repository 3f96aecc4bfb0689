// The names of the enum values in files and messages, in both directions.
#include <utility>

#include "sweeplab/experiment_keys.h"
#include "sweeplab/experiment_spec.h"

namespace sweeplab {
namespace {

template <class Enum, size_t N>
const char* nameOf(const std::pair<Enum, const char*> (&names)[N], Enum value) {
  for (const auto& entry : names)
    if (entry.first == value) return entry.second;
  return "?";
}

template <class Enum, size_t N>
std::optional<Enum> valueOf(const std::pair<Enum, const char*> (&names)[N],
                            const std::string& text) {
  for (const auto& entry : names)
    if (text == entry.second) return entry.first;
  return std::nullopt;
}

const std::pair<DatasetSource, const char*> kSources[] = {
    {DatasetSource::SyntheticJsc, "synthetic-jsc"},
    {DatasetSource::JscHdf5, "jsc-hdf5"},
    {DatasetSource::Csv, "csv"},
};
const std::pair<Optimizer, const char*> kOptimizers[] = {
    {Optimizer::Adam, "adam"},
    {Optimizer::AdamW, "adamw"},
    {Optimizer::Sgd, "sgd"},
};
const std::pair<SchedulerKind, const char*> kSchedulers[] = {
    {SchedulerKind::Cosine, "cosine"},
    {SchedulerKind::Constant, "constant"},
    {SchedulerKind::Step, "step"},
};
const std::pair<TestCheckpoint, const char*> kCheckpoints[] = {
    {TestCheckpoint::Best, "best"},
    {TestCheckpoint::Last, "last"},
};

}  // namespace

const char* toString(DatasetSource source) {
  return nameOf(kSources, source);
}
const char* toString(Optimizer optimizer) {
  return nameOf(kOptimizers, optimizer);
}
const char* toString(SchedulerKind kind) {
  return nameOf(kSchedulers, kind);
}
const char* toString(TestCheckpoint checkpoint) {
  return nameOf(kCheckpoints, checkpoint);
}

std::optional<DatasetSource> parseDatasetSource(const std::string& text) {
  return valueOf(kSources, text);
}
std::optional<Optimizer> parseOptimizer(const std::string& text) {
  return valueOf(kOptimizers, text);
}
std::optional<SchedulerKind> parseSchedulerKind(const std::string& text) {
  return valueOf(kSchedulers, text);
}
std::optional<TestCheckpoint> parseTestCheckpoint(const std::string& text) {
  return valueOf(kCheckpoints, text);
}

}  // namespace sweeplab
