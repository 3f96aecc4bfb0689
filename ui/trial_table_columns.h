// The trials table's column titles and the header tooltips that say what each number is, so a
// reader can tell the table's accuracies apart from those of the status line and the reports.
#pragma once

#include <QString>

#include "trial_table_model.h"

namespace sweeplab::ui {

QString trialColumnTitle(TrialTableModel::Column column);
// Empty for columns whose title says it all.
QString trialColumnToolTip(TrialTableModel::Column column);

}  // namespace sweeplab::ui
