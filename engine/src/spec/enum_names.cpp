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
const std::pair<SweepKind, const char*> kSweepKinds[] = {
    {SweepKind::Values, "values"},
    {SweepKind::Uniform, "uniform"},
    {SweepKind::LogUniform, "log_uniform"},
    {SweepKind::IntUniform, "int_uniform"},
    {SweepKind::IntLogUniform, "int_log_uniform"},
    {SweepKind::Choice, "choice"},
};
const std::pair<SearchMethod, const char*> kSearchMethods[] = {
    {SearchMethod::Grid, "grid"},
    {SearchMethod::Random, "random"},
    {SearchMethod::Tpe, "tpe"},
};
const std::pair<Batching, const char*> kBatchings[] = {
    {Batching::Auto, "auto"},
    {Batching::Off, "off"},
};
const std::pair<PruningMethod, const char*> kPruningMethods[] = {
    {PruningMethod::None, "none"},
    {PruningMethod::Median, "median"},
    {PruningMethod::Asha, "asha"},
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

const char* toString(SweepKind kind) {
  return nameOf(kSweepKinds, kind);
}
const char* toString(SearchMethod method) {
  return nameOf(kSearchMethods, method);
}
const char* toString(Batching batching) {
  return nameOf(kBatchings, batching);
}
const char* toString(PruningMethod method) {
  return nameOf(kPruningMethods, method);
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

std::optional<SweepKind> parseSweepKind(const std::string& text) {
  return valueOf(kSweepKinds, text);
}
std::optional<SearchMethod> parseSearchMethod(const std::string& text) {
  return valueOf(kSearchMethods, text);
}
std::optional<Batching> parseBatching(const std::string& text) {
  return valueOf(kBatchings, text);
}
std::optional<PruningMethod> parsePruningMethod(const std::string& text) {
  return valueOf(kPruningMethods, text);
}

}  // namespace sweeplab
