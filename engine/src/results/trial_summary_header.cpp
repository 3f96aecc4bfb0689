// The fields of a trial summary that follow from the trial's spec alone.
#include "sweeplab/metrics.h"
#include "sweeplab/trial.h"

namespace sweeplab {

TrialSummary trialSummaryHeader(const TrialSpec& trial, TrialStatus status) {
  TrialSummary summary;
  summary.index = trial.index;
  summary.label = trial.label();
  summary.swept = trial.swept;
  summary.repeat = trial.repeat;
  summary.seed = trial.spec.training.seed;
  summary.model = trial.spec.model.name;
  summary.status = status;
  summary.folder = trial.folderName();
  return summary;
}

}  // namespace sweeplab
