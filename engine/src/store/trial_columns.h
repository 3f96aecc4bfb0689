// The store's spelling of the trial field table (results/trial_fields.h): the summary columns of
// `trials`, how a summary binds to them and how a row reads back.
#pragma once

#include <string>

#include "store/sqlite_db.h"
#include "sweeplab/metrics.h"

namespace sweeplab::store {

// "trial_index, label, ..." in table order.
const std::string& trialSummaryColumns();
int trialSummaryColumnCount();

// Binds the fields to parameters first, first + 1, ... in table order.
void bindTrialSummary(Statement& statement, int first, const TrialSummary& trial);
// Reads the fields from columns first, first + 1, ... in table order. A value that does not
// parse reads as its default: these are derived results, never worth refusing a run over.
TrialSummary trialSummaryFromRow(const Statement& row, int first);

}  // namespace sweeplab::store
