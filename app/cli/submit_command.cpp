// `submit FILE --slurm`: the study as one Slurm array job over a run folder; prints the job id
// and the folder, and returns as soon as Slurm has accepted it.
#include <cstdio>
#include <string>

#include "cli.h"
#include "commands.h"
#include "experiment_loading.h"
#include "slurm_options.h"
#include "store_option.h"
#include "sweeplab/cluster/cluster_submit.h"

namespace sweeplab::cli {

int submitCommand(const Arguments& args) {
  if (!args.has("--slurm"))
    throw InputError("submit: say where to: --slurm (the only scheduler Sweeplab submits to)");
  SubmitRequest request;
  request.spec = loadExperimentWithOverrides(args);
  // The file's cluster: section, with each option given on the command line replacing its field.
  request.settings = slurmSettingsFrom(args, request.spec.cluster);
  request.out_dir = args.value("--out", "runs");
  if (request.out_dir.empty()) throw InputError("submit: --out needs a folder name");
  request.cli_program = siblingCliProgram("/proc/self/exe");
  if (!args.has("--quiet"))
    request.status = [](const std::string& message) {
      std::fprintf(stderr, "sweeplab-cli: %s\n", message.c_str());
    };
  const Submission submission = submitToSlurm(request);
  // The history on this machine lists the run from now on; the nodes never write it.
  const std::string warning = indexRunFolderInStore(storePathFrom(args), submission.run_dir);
  if (!warning.empty()) std::fprintf(stderr, "sweeplab-cli: warning: %s\n", warning.c_str());
  const std::string text = "Submitted Slurm job " + submission.job_id + ": " +
                           std::to_string(submission.trials.size()) + " trials in " +
                           std::to_string(submission.tasks) + " array tasks\n" +
                           "Run folder: " + submission.run_dir + "\n";
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace sweeplab::cli
