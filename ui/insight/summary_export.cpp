// Summary figures as files, one per view the run offers.
#include "insight/summary_export.h"

#include <QDir>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "insight/summary_choices.h"
#include "insight/summary_painters.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {
namespace {

constexpr double kLogicalDpi = 96;
constexpr int kCaptionFlags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;

QString fileStem(const SummaryChoice& choice) {
  switch (choice.kind) {
    case SummaryKind::Slice:
      return QStringLiteral("summary_") + QString::fromStdString(shortKey(choice.key));
    case SummaryKind::Heatmap:
      return QStringLiteral("summary_heatmap");
    case SummaryKind::Parallel:
      return QStringLiteral("summary_parallel");
    case SummaryKind::Importance:
      return QStringLiteral("summary_importance");
    case SummaryKind::History:
      return QStringLiteral("summary_history");
  }
  return QStringLiteral("summary");
}

}  // namespace

PaintedFigure summaryPaintedFigure(const SummaryPaint& paint, const QString& title,
                                   const FigureOptions& options) {
  const QSizeF logical = QSizeF(options.pixelSize) * (kLogicalDpi / std::max(options.dpi, 1));
  const QString caption = options.caption;
  return {logical, caption.isEmpty() ? title : caption, QStringLiteral("Sweeplab summary figure"),
          [paint, caption, logical](QPainter& painter) {
            double band = 0;
            QFont font;
            const SummaryStyle style = summaryStyleFor(logical);
            font.setPixelSize(std::max(1, static_cast<int>(std::lround(style.base * 1.1))));
            const QRectF text_area(style.base, 0, logical.width() - 2 * style.base, 1e6);
            if (!caption.isEmpty()) {
              // The band comes out of the figure's height, so the file has the size asked for.
              band = QFontMetricsF(font).boundingRect(text_area, kCaptionFlags, caption).height() +
                     style.base * 1.2;
              band = std::min(band, std::floor(logical.height() / 2));
            }
            painter.fillRect(QRectF(QPointF(0, 0), logical), Qt::white);
            paint(painter, QSizeF(logical.width(), logical.height() - band));
            if (band > 0) {
              painter.setFont(font);
              painter.setPen(QColor(0x1d, 0x23, 0x30));
              painter.drawText(QRectF(style.base, logical.height() - band + style.base * 0.5,
                                      logical.width() - 2 * style.base, band),
                               kCaptionFlags, caption);
            }
          }};
}

std::vector<SummaryFigureFile> summaryFigureFiles(const RunSummary& summary, InsightResult result,
                                                  const std::optional<StudyObjective>& objective) {
  const std::vector<SummaryRun> runs = summaryRunsOf(summary);
  const RunSummary all = mergedRuns(runs);
  // A grid's trial order says nothing about a search: its history is left out of the set.
  const bool history = objective && objective->searched && runs.size() <= 1;
  std::vector<SummaryFigureFile> files;
  for (const SummaryChoice& choice : summaryChoices(all, history)) {
    const QString title = choice.kind == SummaryKind::History
                              ? historyFigureTitle(*objective)
                              : summaryFigureTitle(choice, result, all);
    SummaryPaint paint;
    switch (choice.kind) {
      case SummaryKind::Slice:
        paint = [figure = sliceFigure(runs, choice.key, result), title](QPainter& p,
                                                                        const QSizeF& size) {
          paintSliceFigure(p, size, figure, {title, true, true, true});
        };
        break;
      case SummaryKind::Heatmap: {
        const std::vector<SweptKey> keys = sweptKeys(all);
        paint = [figure = heatmapFigure(all, keys[0].key, keys[1].key, result), title](
                    QPainter& p, const QSizeF& size) {
          paintHeatmapFigure(p, size, figure, title);
        };
        break;
      }
      case SummaryKind::Parallel:
        paint = [figure = parallelFigure(all, result), title](QPainter& p, const QSizeF& size) {
          paintParallelFigure(p, size, figure, title);
        };
        break;
      case SummaryKind::Importance:
        paint = [figure = importanceFigure(all, result), title](QPainter& p, const QSizeF& size) {
          paintImportanceFigure(p, size, figure, title);
        };
        break;
      case SummaryKind::History:
        paint = [figure = historyFigure(all, *objective), title](QPainter& p, const QSizeF& size) {
          paintHistoryFigure(p, size, figure, title);
        };
        break;
    }
    files.push_back({fileStem(choice), title, paint});
  }
  return files;
}

bool exportSummaryFigures(const RunSummary& summary, const QString& outDir,
                          const SummaryExportOptions& options, QStringList* written,
                          QString* error) {
  const std::vector<SummaryFigureFile> files =
      summaryFigureFiles(summary, options.result, options.objective);
  if (files.empty()) return true;
  if (!QDir().mkpath(outDir)) {
    if (error) *error = QStringLiteral("cannot create the folder %1").arg(outDir);
    return false;
  }
  for (const SummaryFigureFile& file : files) {
    const PaintedFigure figure = summaryPaintedFigure(file.paint, file.title, options.figure);
    for (const QString& format : options.formats) {
      const QString path = QDir(outDir).filePath(file.stem + QLatin1Char('.') + format);
      if (!exportPaintedFigure(figure, options.figure.pixelSize, options.figure.dpi, path, error))
        return false;
      if (written) written->append(path);
    }
  }
  return true;
}

}  // namespace sweeplab::ui
