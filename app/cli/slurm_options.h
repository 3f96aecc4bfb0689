// The Slurm options of `submit` and `resume --slurm`, and how they become SlurmSettings.
#pragma once

#include <string>
#include <vector>

#include "arguments.h"
#include "sweeplab/cluster/slurm_settings.h"

namespace sweeplab::cli {

extern const char* const kSlurmOptionsHelp;
std::vector<OptionSpec> slurmOptionSpecs();
// `options` followed by the Slurm options.
std::vector<OptionSpec> withSlurmOptions(std::vector<OptionSpec> options);

// `base` (the experiment file's cluster: section, or the run's last submission) with every
// option given on the command line replacing its field. Throws InputError for a bad number.
SlurmSettings slurmSettingsFrom(const Arguments& args, SlurmSettings base);

// --slurm-prefix when given, else `fallback` (the prefix the run was submitted with).
std::string slurmPrefixFrom(const Arguments& args, const std::string& fallback);

}  // namespace sweeplab::cli
