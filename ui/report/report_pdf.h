// The report as a paginated A4 PDF, drawn by Qt alone (QTextDocument on QPdfWriter), with the
// same sections and figures as the HTML page; no browser is needed to write it.
#pragma once

#include <QString>
#include <memory>

#include "report/report_content.h"

class QPdfWriter;
class QTextDocument;

namespace sweeplab::ui {

// Sets the writer up for the report's pages (A4, 15 mm margins) and lays the report out on
// them: what writeReportPdf draws, page by page. For tests that look at the layout.
std::unique_ptr<QTextDocument> reportPdfDocument(const ReportContent& content, QPdfWriter& writer);

// Writes path atomically; false and a reason in *error when it cannot.
bool writeReportPdf(const ReportContent& content, const QString& path, QString* error);

}  // namespace sweeplab::ui
