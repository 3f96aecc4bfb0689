// Writing a run's results table and figures to files: the part of exporting that needs no
// dialog, shared by the Export dialog and `sweeplab --export-figures`.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "charts/figure_data.h"
#include "charts/figure_export.h"
#include "sweeplab/metrics.h"
#include "sweeplab/results_table.h"

namespace sweeplab::ui {

struct TableFile {
  TableFormat format;
  const char* label;   // "Markdown (Table 1 layout)"
  const char* suffix;  // appended to the base name: "-transposed.md"
};
const std::vector<TableFile>& tableFiles();

// The table as text, exactly as `sweeplab-cli table` prints it (with --per-class when the
// options ask for per-class recall).
QString tableText(const RunSummary& summary, TableFormat format, const TableOptions& options = {});

// Writes the text as UTF-8, atomically (the old file stays whole until the new one is);
// false with *error naming the file and the reason.
bool writeTextFile(const QString& path, const QString& text, QString* error);

// Writes base+suffix into directory for each format; returns the paths written. On failure
// stops, sets *error (file and reason) and returns what was written before.
QStringList writeTables(const RunSummary& summary, const std::vector<TableFormat>& formats,
                        const QString& directory, const QString& baseName, QString* error,
                        const TableOptions& options = {});

// The "by value" tables (formatByValueTable): for each swept key and each of Markdown, CSV and
// LaTeX among `formats`, base-by-KEY.md / .csv / .tex, exactly as `sweeplab-cli table --by KEY`
// prints them; KEY is byValueFileKey's short name. Other formats have no by-value layout.
QStringList writeByValueTables(const RunSummary& summary, const std::vector<TableFormat>& formats,
                               const QString& directory, const QString& baseName, QString* error);
QString byValueFileKey(const std::string& key);  // "training.batch_size" -> "batch_size"

// Writes the figure as base+suffix+".png" / ".svg" / ".pdf" for the formats asked.
QStringList writeFigure(const FigureData& figure, const FigureOptions& options,
                        const std::vector<FigureFormat>& formats, const QString& directory,
                        const QString& baseName, QString* error);

}  // namespace sweeplab::ui
