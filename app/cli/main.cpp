// sweeplab-cli: run, check and tabulate hyperparameter sweeps without a window.
#include "cli.h"

int main(int argc, char** argv) {
  return sweeplab::cli::runCli(argc, argv);
}
