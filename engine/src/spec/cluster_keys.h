// The keys of the experiment file's `cluster:` section: the Slurm settings `submit --slurm`
// starts from (command-line options replace single fields).
#pragma once

#include <string>
#include <vector>

#include "spec/key_table.h"

namespace sweeplab {

std::vector<KeyDef> clusterKeyDefs();

// "0-01:00:00", "01:00:00", "30:00", "30", "1-12", "1-12:30": the forms sbatch's --time takes.
bool isSlurmTime(const std::string& text);

// True for the keys of the cluster section ("cluster.partition").
bool isClusterKey(const std::string& key);

// True when every key of the cluster section has its default (the section says nothing).
bool clusterSectionIsDefault(const ExperimentSpec& spec);

}  // namespace sweeplab
