// Finds the folder of ready experiment files, for an installed binary and one run from the
// build tree alike.
#pragma once

#include <QString>
#include <QStringList>

namespace sweeplab::ui {

// Where to look, in order: $SWEEPLAB_EXPERIMENTS_DIR, <exe>/../share/sweeplab/experiments,
// the source tree's experiments/.
QStringList experimentsDirCandidates();
// The first candidate that exists; empty when none does.
QString findExperimentsDir();
// The experiment opened when none is named: experiments/batch_size.yaml; empty when missing.
QString defaultExperimentFile();

}  // namespace sweeplab::ui
