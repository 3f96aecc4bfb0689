// The report as a paginated A4 PDF, drawn by Qt alone (QTextDocument on QPdfWriter), with the
// same sections and figures as the HTML page; no browser is needed to write it.
#pragma once

#include <QString>

#include "report/report_content.h"

namespace sweeplab::ui {

// Writes path atomically; false and a reason in *error when it cannot.
bool writeReportPdf(const ReportContent& content, const QString& path, QString* error);

}  // namespace sweeplab::ui
