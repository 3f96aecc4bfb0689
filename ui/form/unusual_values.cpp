// The limits are generous on purpose: each is an order of magnitude or more beyond the ranges
// in experiments/ (learning rates 1e-5 to 1e-1, at most 100 epochs, weight decay up to 1e-2),
// so a warning means "probably a typo", never "a setting we did not try".
#include "form/unusual_values.h"

#include <QLocale>

#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab::ui {

namespace {
constexpr double kLearningRateLimit = 1.0;
constexpr int kEpochLimit = 1000;
constexpr double kWeightDecayLimit = 1.0;
constexpr long long kSampleLimit = 10'000'000;

// Rows the trainer sees per epoch; 0 when only reading the data would tell (files).
long long trainingRows(const DatasetSpec& data) {
  if (data.source != DatasetSource::SyntheticJsc) return 0;
  return static_cast<long long>(static_cast<double>(data.samples) * (1.0 - data.test_fraction) *
                                (1.0 - data.val_fraction));
}
}  // namespace

QString unusualValueReason(const ExperimentSpec& spec, const std::string& key) {
  const TrainingSpec& training = spec.training;
  if (key == "training.learning_rate" && training.learning_rate > kLearningRateLimit)
    return QObject::tr(
        "A learning rate above 1 is far above what studies use (1e-5 to 1e-1): training "
        "is likely to diverge. Allowed, but check that this is the rate you meant.");
  if (key == "training.batch_size") {
    const long long rows = trainingRows(spec.dataset);
    if (rows > 0 && training.batch_size > rows)
      return QObject::tr(
                 "A batch of %1 is larger than the %2 training rows: every epoch is a single "
                 "step on all of them.")
          .arg(QLocale().toString(training.batch_size), QLocale().toString(rows));
  }
  if (key == "training.max_epochs" && training.max_epochs > kEpochLimit)
    return QObject::tr(
               "%1 epochs is far more than studies use (10 to 100); the sweep may take very "
               "long. Early stopping can end trials that stop improving.")
        .arg(QLocale().toString(training.max_epochs));
  if (key == "training.weight_decay" && training.weight_decay > kWeightDecayLimit)
    return QObject::tr(
        "A weight decay above 1 is far above what studies use (0 to 1e-2): it pulls every "
        "weight to zero.");
  if (key == "dataset.samples" && spec.dataset.source == DatasetSource::SyntheticJsc &&
      spec.dataset.samples > kSampleLimit)
    return QObject::tr(
               "%1 generated rows take long to generate and much memory; the published JSC "
               "data set has about 830,000.")
        .arg(QLocale().toString(spec.dataset.samples));
  return {};
}

QString unusualSweptValueReason(const ExperimentSpec& spec, const std::string& key,
                                const std::string& value) {
  ExperimentSpec point = spec;
  point.sweep.clear();
  try {
    applyOverride(point, key, value, "sweep");
  } catch (const std::exception&) {
    return {};
  }
  return unusualValueReason(point, key == "model" ? std::string("model.name") : key);
}

}  // namespace sweeplab::ui
