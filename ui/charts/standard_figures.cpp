// Standard run figures from a RunSummary and its metrics.
#include "charts/standard_figures.h"

#include <QDir>

#include "charts/chart_style.h"
#include "charts/curve_series_data.h"
#include "charts/figure_captions.h"
#include "charts/figure_export.h"
#include "charts/trial_palette.h"
#include "charts/trial_styles.h"

namespace sweeplab::ui {
namespace {

bool isSideBySide(StandardFigure figure) {
  return figure == StandardFigure::Accuracies || figure == StandardFigure::Losses;
}

MetricKind metricOf(StandardFigure figure) {
  switch (figure) {
    case StandardFigure::TrainAccuracy:
    case StandardFigure::ValAccuracy:
    case StandardFigure::Accuracies:
      return MetricKind::Accuracy;
    default:
      return MetricKind::Loss;
  }
}

std::vector<int> chartsOf(StandardFigure figure) {
  if (isSideBySide(figure)) return {0, 1};
  return {figure == StandardFigure::TrainAccuracy || figure == StandardFigure::TrainLoss ? 0 : 1};
}

}  // namespace

XAxisKind preferredXAxis(const sweeplab::RunSummary& summary) {
  std::vector<std::string> keys;
  for (const sweeplab::TrialSummary& trial : summary.trials)
    for (const auto& [key, value] : trial.swept) keys.push_back(key);
  return preferredXAxis(keys);
}

FigureChart standardFigureChart(const sweeplab::RunSummary& summary, const RunMetricPoints& metrics,
                                int chart, MetricKind metric, XAxisKind xAxis, double smoothing) {
  FigureChart data{chartTitle(chart, metric),
                   xAxisTitle(xAxis),
                   yAxisTitle(metric),
                   metric == MetricKind::Accuracy,
                   {},
                   chart == 0 ? smoothing : 0};
  const std::string wanted = metricName(chart, metric);
  for (size_t i = 0; i < summary.trials.size(); ++i) {
    const sweeplab::TrialSummary& trial = summary.trials[i];
    std::vector<StoredPoint> stored;
    if (i < metrics.size()) {
      for (const sweeplab::MetricPoint& point : metrics[i]) {
        if (point.name == wanted) stored.push_back(storedPoint(point));
      }
    }
    const bool pruned = endsPruned(trial.status);
    data.curves.push_back({trial.index, QString::fromStdString(trial.label),
                           trialColor(trial.index), curvePoints(stored, xAxis),
                           endsInFailure(trial.status), pruned, Qt::SolidLine,
                           pruned ? prunedAtEpochText(trial.epochs_completed) : QString()});
  }
  // A two-key grid: colour for one key, dash for the other, as in the window.
  QStringList labels;
  for (const FigureCurve& curve : data.curves) labels << curve.label;
  const TrialStyles styles = trialStyles(labels);
  if (styles.grid) {
    for (FigureCurve& curve : data.curves) {
      curve.color = styles.color(curve.label);
      curve.lineStyle = styles.lineStyle(curve.label);
    }
  }
  return data;
}

FigureData standardFigureData(const sweeplab::RunSummary& summary, const RunMetricPoints& metrics,
                              StandardFigure figure, XAxisKind xAxis, double smoothing) {
  FigureData data;
  for (int chart : chartsOf(figure)) {
    data.charts.push_back(
        standardFigureChart(summary, metrics, chart, metricOf(figure), xAxis, smoothing));
  }
  return data;
}

QString standardFigureFileStem(StandardFigure figure) {
  switch (figure) {
    case StandardFigure::TrainAccuracy:
      return QStringLiteral("train_acc");
    case StandardFigure::ValAccuracy:
      return QStringLiteral("val_acc");
    case StandardFigure::Accuracies:
      return QStringLiteral("side_by_side");
    case StandardFigure::TrainLoss:
      return QStringLiteral("train_loss");
    case StandardFigure::ValLoss:
      return QStringLiteral("val_loss");
    case StandardFigure::Losses:
      return QStringLiteral("side_by_side_loss");
  }
  return {};
}

QString standardFigureName(StandardFigure figure) {
  const MetricKind metric = metricOf(figure);
  if (!isSideBySide(figure)) return chartTitle(chartsOf(figure).front(), metric);
  return metric == MetricKind::Accuracy ? QStringLiteral("Training and validation accuracy")
                                        : QStringLiteral("Training and validation loss");
}

QString standardFigureCaption(const sweeplab::RunSummary& summary, StandardFigure figure,
                              int number) {
  return numberedCaption(automaticCaption(summary, standardFigureName(figure)), number);
}

bool exportStandardFigures(const sweeplab::RunSummary& summary, const RunMetricPoints& metrics,
                           const QString& outDir, const StandardFigureOptions& options,
                           QStringList* written, QString* error) {
  if (!QDir().mkpath(outDir)) {
    if (error) *error = QStringLiteral("%1: cannot create the output folder").arg(outDir);
    return false;
  }
  int number = options.firstNumber;
  for (StandardFigure figure : kAllStandardFigures) {
    const FigureData data =
        standardFigureData(summary, metrics, figure, options.xAxis, options.smoothing);
    FigureOptions figureOptions = isSideBySide(figure) ? options.sideBySide : options.single;
    if (!options.caption.isEmpty())
      figureOptions.caption = captionForFigure(options.caption, standardFigureName(figure), true);
    else if (options.captions)
      figureOptions.caption = automaticCaption(summary, standardFigureName(figure));
    if (!figureOptions.caption.isEmpty())
      figureOptions.caption = numberedCaption(figureOptions.caption, number);
    if (number > 0) ++number;
    for (const QString& format : options.formats) {
      const QString path =
          QDir(outDir).filePath(standardFigureFileStem(figure) + QLatin1Char('.') + format);
      if (!exportFigure(data, figureOptions, path, error)) return false;
      if (written) written->append(path);
    }
  }
  return true;
}

}  // namespace sweeplab::ui
