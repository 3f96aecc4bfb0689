#include "sweeplab/cluster/job_script.h"

#include <sstream>

#include "sweeplab/cluster/slurm_tools.h"

namespace sweeplab {
namespace {

void option(std::ostringstream& out, const std::string& name, const std::string& value) {
  if (!value.empty()) out << "#SBATCH --" << name << "=" << value << "\n";
}

void option(std::ostringstream& out, const std::string& name, int value) {
  if (value > 0) option(out, name, std::to_string(value));
}

// Trial numbers as people and the command line count them: from 1.
std::string packText(const std::vector<int>& pack) {
  std::string text;
  for (int index : pack) text += (text.empty() ? "" : ",") + std::to_string(index + 1);
  return text;
}

}  // namespace

std::string slurmJobScript(const JobScriptInput& input) {
  const SlurmSettings& s = input.settings;
  std::ostringstream out;
  out << "#!/bin/bash\n";
  option(out, "job-name", input.job_name);
  std::string array = "0-" + std::to_string(input.packs.size() - 1);
  if (s.array_parallelism > 0) array += "%" + std::to_string(s.array_parallelism);
  option(out, "array", array);
  // A preempted or failed node's task comes back and resumes its trials from their records.
  out << "#SBATCH --requeue\n";
  option(out, "output", input.log_pattern);
  option(out, "partition", s.partition);
  option(out, "account", s.account);
  option(out, "qos", s.qos);
  option(out, "time", s.time);
  option(out, "cpus-per-task", s.cpus_per_task);
  option(out, "gpus-per-task", s.gpus_per_task);
  option(out, "mem", s.mem);
  for (const std::string& arg : s.sbatch_args) out << "#SBATCH " << arg << "\n";
  out << "\n# Written by sweeplab-cli submit. Array task t trains the trials of pack t (numbered\n"
         "# from 1, as sweeplab-cli counts them) into the run folder; each trial writes only its\n"
         "# own folder, so tasks on different nodes never write the same file.\n";
  out << "packs=(";
  for (size_t t = 0; t < input.packs.size(); ++t)
    out << (t ? " " : "") << '"' << packText(input.packs[t]) << '"';
  out << ")\n";
  out << "exec " << shellQuote(input.cli_program) << " run-task " << shellQuote(input.run_dir)
      << " --trials \"${packs[$SLURM_ARRAY_TASK_ID]}\"\n";
  return out.str();
}

}  // namespace sweeplab
