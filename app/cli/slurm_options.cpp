#include "slurm_options.h"

#include "sweeplab/errors.h"

namespace sweeplab::cli {
namespace {

int positiveNumber(const Arguments& args, const std::string& option, int fallback) {
  if (!args.has(option)) return fallback;
  const std::string text = args.value(option);
  try {
    size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used == text.size() && value >= 0) return value;
  } catch (const std::exception&) {
  }
  throw InputError(option + ": '" + text + "' is not a number (allowed: 0 or more)");
}

}  // namespace

const char* const kSlurmOptionsHelp =
    "  --partition P            the partition (default: the cluster's default)\n"
    "  --account A              the account charged\n"
    "  --qos Q                  the quality of service\n"
    "  --time D-HH:MM:SS        the time limit of each array task\n"
    "  --cpus-per-task N        CPUs of each array task (default 1)\n"
    "  --gpus-per-task N        GPUs of each array task (default none)\n"
    "  --mem M                  memory of each array task, e.g. 4G\n"
    "  --array-parallelism N    at most N array tasks at a time (default: no limit)\n"
    "  --trials-per-task K      trials each array task trains one after the other (default:\n"
    "                           1 up to 100 trials, then enough to keep about 100 tasks)\n"
    "  --sbatch-arg ARG         any other sbatch option, as one argument; repeatable\n"
    "  --slurm-prefix CMD       run the Slurm commands through CMD, e.g. 'ssh login.example'\n"
    "                           (the run folder must be on a filesystem both sides see)\n";

std::vector<OptionSpec> slurmOptionSpecs() {
  return {{"--partition", true, false},
          {"--account", true, false},
          {"--qos", true, false},
          {"--time", true, false},
          {"--cpus-per-task", true, false},
          {"--gpus-per-task", true, false},
          {"--mem", true, false},
          {"--array-parallelism", true, false},
          {"--trials-per-task", true, false},
          {"--sbatch-arg", true, true},
          {"--slurm-prefix", true, false}};
}

std::vector<OptionSpec> withSlurmOptions(std::vector<OptionSpec> options) {
  const std::vector<OptionSpec> slurm = slurmOptionSpecs();
  options.insert(options.end(), slurm.begin(), slurm.end());
  return options;
}

SlurmSettings slurmSettingsFrom(const Arguments& args, SlurmSettings base) {
  const auto text = [&](const char* option, std::string& field) {
    if (args.has(option)) field = args.value(option);
  };
  text("--partition", base.partition);
  text("--account", base.account);
  text("--qos", base.qos);
  text("--time", base.time);
  text("--mem", base.mem);
  text("--slurm-prefix", base.command_prefix);
  base.cpus_per_task = positiveNumber(args, "--cpus-per-task", base.cpus_per_task);
  base.gpus_per_task = positiveNumber(args, "--gpus-per-task", base.gpus_per_task);
  base.array_parallelism = positiveNumber(args, "--array-parallelism", base.array_parallelism);
  base.trials_per_task = positiveNumber(args, "--trials-per-task", base.trials_per_task);
  if (args.has("--sbatch-arg")) base.sbatch_args = args.all("--sbatch-arg");
  return base;
}

std::string slurmPrefixFrom(const Arguments& args, const std::string& fallback) {
  return args.has("--slurm-prefix") ? args.value("--slurm-prefix") : fallback;
}

}  // namespace sweeplab::cli
