// The commands that send a study to a Slurm cluster and follow it there, with their help.
#include "cluster_commands.h"

#include "slurm_options.h"
#include "store_option.h"

namespace sweeplab::cli {
namespace {}  // namespace

std::vector<Command> clusterCommands() {
  return {
      {"submit",
       "send a study to a Slurm cluster as one array job",
       "usage: sweeplab-cli submit FILE --slurm [--set KEY=VALUE ...] [--out DIR]\n"
       "                           [Slurm options] [--quiet]\n"
       "\n"
       "Checks the experiment FILE and its dataset, writes the run folder (on a filesystem\n"
       "the cluster's nodes share) with the dataset prepared once into it and the job script\n"
       "slurm/job-1.sh, and submits that script with 'sbatch --parsable'. Each array task\n"
       "trains its trials into the folder with 'sweeplab-cli run-task'; a requeued task\n"
       "resumes its trials. Prints the job id and the run folder; 'status', 'cancel' and\n"
       "'resume --slurm' take that folder. When sbatch refuses, its message is shown and no\n"
       "run folder is left behind.\n"
       "\n"
       "options:\n"
       "  --slurm                  submit to Slurm (sbatch found on PATH, or --slurm-prefix)\n"
       "  --set KEY=VALUE          change one setting of the file; repeatable\n"
       "  --out DIR                folder that receives the run folder (default: runs)\n"
       "  --store PATH|none        the run history that lists the run (default as for run)\n" +
           std::string(kSlurmOptionsHelp) +
           "  --quiet                  no progress on stderr\n"
           "\n"
           "exit status: 0 submitted, 2 the file, an option or the dataset is invalid, or the\n"
           "             scheduler refused the job (its message is shown)\n",
       withSlurmOptions({{"--slurm", false, false},
                         {"--set", true, true},
                         {"--out", true, false},
                         {"--store", true, false},
                         {"--quiet", false, false}}),
       {{"FILE"}},
       &submitCommand},
      {"status",
       "show each trial's state of a run folder, with Slurm's view for a cluster run",
       "usage: sweeplab-cli status RUNDIR [--slurm-prefix CMD] [--store PATH|none]\n"
       "\n"
       "One line per trial of the run folder RUNDIR: its state and, for a run submitted to\n"
       "Slurm, where it runs or why it waits: queued (not submitted), pending (with Slurm's\n"
       "reason), running (on which node), finished, failed (with the message), cancelled,\n"
       "preempted, requeued, or interrupted (its task ended before the trial did). The trial\n"
       "records in the folder win over Slurm once a trial has ended. The run history is\n"
       "brought up to date with the folder on the way.\n"
       "\n"
       "options:\n"
       "  --slurm-prefix CMD  run the Slurm commands through CMD (default: as submitted)\n" +
           std::string(kStoreOptionHelp) +
           "\n"
           "exit status: 0 shown, 2 RUNDIR is not a run folder\n",
       {{"--slurm-prefix", true, false}, {"--store", true, false}},
       {{"RUNDIR"}},
       &statusCommand},
      {"cancel",
       "cancel a cluster run, or the array task holding one trial",
       "usage: sweeplab-cli cancel RUNDIR [--trial N] [--slurm-prefix CMD]\n"
       "\n"
       "Runs scancel on every array job of the run folder RUNDIR, or with --trial N on the\n"
       "array task that holds trial N (with the other trials of its task), waits until Slurm\n"
       "has ended them, and records their unfinished trials as cancelled. Finished trials\n"
       "keep their results; 'resume RUNDIR --slurm' trains the cancelled ones again.\n"
       "\n"
       "options:\n"
       "  --trial N           only the array task holding trial N (numbered from 1)\n"
       "  --slurm-prefix CMD  run the Slurm commands through CMD (default: as submitted)\n"
       "\n"
       "exit status: 0 cancelled, 2 RUNDIR is not a cluster run, N is not one of its trials,\n"
       "             or scancel refused\n",
       {{"--trial", true, false}, {"--slurm-prefix", true, false}},
       {{"RUNDIR"}},
       &cancelCommand},
      {"run-task",
       "train some trials into an existing run folder (what a Slurm array task runs)",
       "usage: sweeplab-cli run-task RUNDIR --trials LIST [--quiet]\n"
       "\n"
       "Trains the trials LIST (numbered from 1, e.g. 1,2) of the run folder RUNDIR, which\n"
       "'submit' wrote, with the experiment and the dataset recorded there. It writes only\n"
       "those trials' folders (their records, metrics and checkpoints), never the run's own\n"
       "files, so tasks on different nodes can share the folder. Trials that already ended\n"
       "with a result are skipped: a requeued task resumes. SIGTERM (scancel, a time limit,\n"
       "preemption) stops at the next training step with the trials' records written.\n"
       "\n"
       "options:\n"
       "  --trials LIST  the trials to train, e.g. 3 or 1,2\n"
       "  --quiet        no progress on stderr\n"
       "\n"
       "exit status: 0 every listed trial finished, 1 one did not, 2 RUNDIR or LIST is invalid\n",
       {{"--trials", true, false}, {"--quiet", false, false}},
       {{"RUNDIR"}},
       &runTaskCommand},
  };
}

}  // namespace sweeplab::cli
