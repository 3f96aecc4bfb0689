// The one-click report: from a run folder, a folder that holds everything a reader needs -
// report.html (self-contained), report.pdf, figures/ (PNG, SVG, PDF), tables/ (Markdown, CSV,
// LaTeX, JSON) - and the run's own files (summary.json, experiment.yaml, per-trial metrics and
// checkpoints), so the report folder is itself a run folder that Sweeplab opens again.
#pragma once

#include <QString>
#include <QStringList>
#include <functional>

namespace sweeplab::ui {

inline constexpr const char* kReportHtmlName = "report.html";
inline constexpr const char* kReportPdfName = "report.pdf";
inline constexpr const char* kReportFiguresDir = "figures";
inline constexpr const char* kReportTablesDir = "tables";
inline constexpr const char* kReportTablesBase = "results";

struct ReportResult {
  bool ok = false;
  QString error;      // names the file or folder and what went wrong
  QString folder;     // the report folder, absolute
  QStringList files;  // every file written, absolute
};

// Called before each step; steps are few (copy, figures, tables, HTML, PDF).
using ReportProgress = std::function<void(int step, int steps, const QString& what)>;

// "<runDir>-report", beside the run folder: the default when no folder is chosen.
QString defaultReportFolder(const QString& runDir);

// Writes the report of runDir into outDir (created when missing; may be runDir itself). A
// folder that already holds other files is refused unless it is an earlier report of a run,
// which is replaced file by file.
ReportResult writeReportBundle(const QString& runDir, const QString& outDir,
                               const ReportProgress& progress = {});

}  // namespace sweeplab::ui
