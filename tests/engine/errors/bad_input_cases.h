// The bad-input catalogue: every way a person can hand sweeplab-cli a broken experiment, data
// file, path or disk, and the one line it must answer with. tst_bad_input runs each case and
// writes docs/errors.md from this same table, so the page cannot drift from the behaviour.
#pragma once

#include <vector>

#include "bad_input_case.h"
#include "bad_input_data_cases.h"
#include "bad_input_experiment_cases.h"

namespace sweeplab::test {

// Every case, in the order of docs/errors.md: experiment files first, then data, paths,
// checkpoints and the full disk.
inline const std::vector<BadInputCase>& badInputCases() {
  static const std::vector<BadInputCase> table = [] {
    std::vector<BadInputCase> all = cases::experimentFileCases();
    const std::vector<BadInputCase> rest = cases::dataPathAndDiskCases();
    all.insert(all.end(), rest.begin(), rest.end());
    return all;
  }();
  return table;
}

}  // namespace sweeplab::test
