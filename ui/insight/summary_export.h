// The summary figures as files (PNG of a chosen size and DPI, SVG, PDF), through the same
// writers as the curve figures (exportPaintedFigure), with an optional caption under the
// figure. Also the whole set for a run, for `sweeplab --export-figures` and the report.
#pragma once

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>
#include <vector>

#include "charts/figure_data.h"
#include "charts/figure_export.h"
#include "insight/summary_figures.h"

class QPainter;

namespace sweeplab::ui {

// A figure painted by `paint` into [0, 0, size], with options.caption (when set) in a band
// under it that comes out of the figure's height, as the curve figures do.
using SummaryPaint = std::function<void(QPainter&, const QSizeF&)>;
PaintedFigure summaryPaintedFigure(const SummaryPaint& paint, const QString& title,
                                   const FigureOptions& options);

// One figure of a run's summary set.
struct SummaryFigureFile {
  QString stem;   // "summary_batch_size", "summary_heatmap", ...
  QString title;  // the figure's own title, for captions
  SummaryPaint paint;
};
// The views the Summary offers for the run (each swept key, the heatmap of a two-key grid,
// parallel coordinates, importance), for `result`; and the optimisation history when the run is
// a random or tpe study (objective given and searched).
std::vector<SummaryFigureFile> summaryFigureFiles(
    const RunSummary& summary, InsightResult result,
    const std::optional<StudyObjective>& objective = std::nullopt);

struct SummaryExportOptions {
  FigureOptions figure{QSize(1800, 1350), 300, QString(), true};  // 6 x 4.5 in at 300 dpi
  InsightResult result = InsightResult::BestValAcc;
  QStringList formats{QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")};
  std::optional<StudyObjective> objective;  // the study's, for its optimisation history
};
// Writes every summary figure in every format into outDir (created when missing), appending
// the paths to *written; stops at the first failure with the reason in *error. A run with no
// swept key has no summary figures: nothing is written, and that is no error.
bool exportSummaryFigures(const RunSummary& summary, const QString& outDir,
                          const SummaryExportOptions& options, QStringList* written,
                          QString* error);

}  // namespace sweeplab::ui
