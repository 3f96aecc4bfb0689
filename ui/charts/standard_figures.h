// The standard figures of a run (training/validation accuracy and loss, alone and side by side)
// built from its summary and per-trial metrics, for scripted export of a whole run.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "charts/curve_panel.h"
#include "charts/figure_data.h"
#include "sweeplab/metrics.h"

namespace sweeplab::ui {

enum class StandardFigure { TrainAccuracy, ValAccuracy, Accuracies, TrainLoss, ValLoss, Losses };
inline constexpr StandardFigure kAllStandardFigures[] = {
    StandardFigure::TrainAccuracy, StandardFigure::ValAccuracy, StandardFigure::Accuracies,
    StandardFigure::TrainLoss,     StandardFigure::ValLoss,     StandardFigure::Losses};

struct StandardFigureOptions {
  FigureOptions single{QSize(1800, 1350), 300, QString(), true};      // 6 x 4.5 in at 300 dpi
  FigureOptions sideBySide{QSize(3600, 1500), 300, QString(), true};  // 12 x 5 in
  XAxisKind xAxis = XAxisKind::Step;
  bool xAxisChosen = false;  // false: exporting from a run folder uses preferredXAxis()
  double smoothing = 0;      // for the per-step training curves
  // Each figure's caption: the person's `caption` followed by the figure's name when set, else
  // with `captions` an automatic one ("Training accuracy for different batch sizes").
  bool captions = true;
  QString caption;
  int firstNumber = 0;  // > 0: captions start "Figure N: ", counting up from N; 0: unnumbered
  QStringList formats{QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")};
};

// The x axis a report reader expects for this run: preferredXAxis (curve_kinds.h) of the keys
// its trials sweep, as the window starts on.
XAxisKind preferredXAxis(const sweeplab::RunSummary& summary);

// The noisy per-step training curves of a report are smoothed as the window smooths them.
constexpr double kReportSmoothing = kDefaultSmoothing;

// metrics[i] holds the points of summary.trials[i]; missing entries count as no points.
using RunMetricPoints = std::vector<std::vector<sweeplab::MetricPoint>>;

// One chart (0 training, 1 validation) of the run's trials, coloured by trial index.
FigureChart standardFigureChart(const sweeplab::RunSummary& summary, const RunMetricPoints& metrics,
                                int chart, MetricKind metric, XAxisKind xAxis, double smoothing);
FigureData standardFigureData(const sweeplab::RunSummary& summary, const RunMetricPoints& metrics,
                              StandardFigure figure, XAxisKind xAxis, double smoothing);

QString standardFigureFileStem(StandardFigure figure);  // "train_acc", "side_by_side", ...
QString standardFigureName(StandardFigure figure);      // "Training and validation accuracy"
// The automatic caption, "Figure N: " in front for number > 0.
QString standardFigureCaption(const sweeplab::RunSummary& summary, StandardFigure figure,
                              int number = 0);

// Writes every standard figure in every requested format into outDir (created when missing).
// Appends the written paths to *written; stops at the first failure with a reason in *error.
bool exportStandardFigures(const sweeplab::RunSummary& summary, const RunMetricPoints& metrics,
                           const QString& outDir, const StandardFigureOptions& options,
                           QStringList* written, QString* error);

// The same for a run folder on disk: reads summary.json and each trial's metrics.csv.
bool exportStandardFiguresFromRunFolder(const QString& runDir, const QString& outDir,
                                        const StandardFigureOptions& options, QStringList* written,
                                        QString* error);

}  // namespace sweeplab::ui
