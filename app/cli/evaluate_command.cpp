// `evaluate CHECKPOINT`: a saved model's loss and accuracy on a split of its dataset. The file
// is treated as untrusted: the engine checks it against the model before using a number of it.
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "sweeplab/checkpoint_evaluation.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab::cli {
namespace {

namespace fs = std::filesystem;

std::string percent(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f %%", 100.0 * value);
  return text;
}

// The trial from --experiment FILE [--trial N], or from the run folder the checkpoint lies in.
CheckpointOwner ownerOf(const Arguments& args, const std::string& checkpoint) {
  if (!args.has("--experiment")) {
    if (args.has("--trial"))
      throw InputError(
          "evaluate: --trial needs --experiment FILE (a checkpoint in a run folder "
          "names its own trial)");
    return findCheckpointOwner(checkpoint);
  }
  const std::vector<TrialSpec> trials =
      expandTrials(loadExperimentFile(args.value("--experiment")));
  CheckpointOwner owner;
  owner.trial = trials.at(parseTrialNumber(args.value("--trial", "1"), trials.size()) - 1);
  return owner;
}

void printLine(const std::string& label, const std::string& text) {
  std::printf("%-12s%s\n", label.c_str(), text.c_str());
}

// The run's own test of this file, when it made one, so the two can be compared at a glance.
void printRecorded(const CheckpointOwner& owner, const std::string& checkpoint,
                   const CheckpointEvaluation& result) {
  const TrialSummary& recorded = owner.recorded;
  const std::string kind = fs::path(checkpoint).stem().string();
  if (owner.run_dir.empty() || result.split != "test" || recorded.tested_checkpoint != kind) return;
  printLine("recorded", "test acc " + percent(recorded.test_acc) + ", test loss " +
                            std::to_string(recorded.test_loss) + " (its run's summary.json)");
}

}  // namespace

int evaluateCommand(const Arguments& args) {
  const std::string checkpoint = args.positional().at(0);
  const CheckpointOwner owner = ownerOf(args, checkpoint);
  EvaluationOptions options;
  options.split = args.value("--split", "test");
  options.device = args.value("--device");
  const CheckpointEvaluation result = evaluateCheckpoint(owner.trial, checkpoint, options);

  const std::string where = owner.run_dir.empty() ? args.value("--experiment") : owner.run_dir;
  printLine("checkpoint", checkpoint);
  printLine("trial", std::to_string(owner.trial.index + 1) + " of " + where + ": " +
                         owner.trial.label() + " (" + owner.trial.spec.model.name + ", " +
                         std::to_string(result.parameters) + " trainable parameters)");
  printLine("data", result.dataset + "; " + result.split + " split, " +
                        std::to_string(result.rows) + " rows; on " + result.device);
  if (!owner.dataset_fingerprint.empty() && owner.dataset_fingerprint != result.dataset_fingerprint)
    printLine("warning",
              "these are not the data the run trained and tested on (the data file or "
              "a dataset setting changed since), so the figures below do not compare "
              "with the run's");
  printLine(result.split + " loss", std::to_string(result.loss));
  printLine(result.split + " acc",
            percent(result.acc) + " (mean per-class accuracy, as the summaries report it)");
  printLine("plain acc", percent(result.acc_micro) + " (share of correct predictions)");
  printRecorded(owner, checkpoint, result);
  return kExitOk;
}

}  // namespace sweeplab::cli
