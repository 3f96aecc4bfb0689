// The report as one self-contained HTML page: style sheet inline, figures as base64 PNG, no
// reference to any other file, so it opens anywhere and survives being mailed on its own.
#pragma once

#include <QString>

#include "report/report_content.h"

namespace sweeplab::ui {

QString reportHtml(const ReportContent& content);

}  // namespace sweeplab::ui
