// What the window asks of a cluster run folder.
#pragma once

#include <QString>

namespace sweeplab::ui {

// True when Slurm still holds some of the run's trials (pending, starting, running, requeued):
// a run reopened from the history is then followed again. False for a local run, and when
// Slurm cannot be asked from here.
bool clusterRunStillTraining(const QString& runDir);

}  // namespace sweeplab::ui
