// Look of a curve chart, shared by the live panel and figure export so both draw the same:
// white background, plain axes with tick multiples, one colour per trial, failure markers.
#pragma once

#include <QColor>
#include <QFont>
#include <QImage>
#include <QPen>
#include <QString>

#include "charts/curve_math.h"
#include "charts/curve_panel.h"
#include "charts/curve_series_data.h"

class QAbstractAxis;
class QChart;
class QLogValueAxis;
class QValueAxis;
class QLineSeries;
class QScatterSeries;

namespace sweeplab::ui {

struct ChartFonts {
  QFont title;
  QFont axisTitle;
  QFont tickLabel;
  QFont legend;
};

// Fonts whose sizes follow a base pixel size (the tick labels' size).
ChartFonts chartFontsForPixelSize(double basePixelSize);

// Chart without drop shadow, rounded corners or animations, with a left/bottom value axis
// pair attached.
QChart* createCurveChart(const ChartFonts& fonts);
QValueAxis* xAxisOf(QChart* chart);
QValueAxis* yAxisOf(QChart* chart);         // null while the y axis is logarithmic
QLogValueAxis* logYAxisOf(QChart* chart);   // null while the y axis is linear
QAbstractAxis* valueAxisOf(QChart* chart);  // the y axis, either kind: what series attach to
void applyAxisRange(QValueAxis* axis, const AxisRange& range);
void applyLogAxisRange(QLogValueAxis* axis, const LogAxisRange& range);
// Makes the chart's y axis logarithmic (or linear again), with the same look and title; every
// series moves to the new axis. Returns the new axis (the old one is deleted).
QAbstractAxis* setLogYAxis(QChart* chart, bool logarithmic, const ChartFonts& fonts);

QString xAxisTitle(XAxisKind kind);
// Chart 0 training, 1 validation; the learning rate has one chart, "Learning rate".
QString chartTitle(int chart, MetricKind metric);
QString yAxisTitle(MetricKind metric);

// Line widths in pixels at the chart's own scale.
inline constexpr double kLineWidth = 2.0;
inline constexpr double kHighlightedLineWidth = 3.5;
inline constexpr double kRawLineWidth = 1.0;
inline constexpr double kRawAlpha = 0.25;
inline constexpr double kDimmedAlpha = 0.3;

QPen curvePen(QColor color, double width, double alpha);
// Adds a line series for a trial to the chart and both axes.
QLineSeries* addCurveSeries(QChart* chart, const QString& name, const QPen& pen);
// Sets a curve's points. A line through a single point draws nothing, so a curve of one point
// (one logged step, one epoch's mean) shows that point as a dot until a second one comes.
void replaceCurvePoints(QLineSeries* series, const QList<QPointF>& points);
// A one-point series whose point is drawn as a red cross: where a diverged trial stopped.
QScatterSeries* addFailureMarkerSeries(QChart* chart, const QString& name, double size);
// A one-point series drawn as a hollow dark ring: where a pruned trial stopped (a result, not a
// failure, so not red).
QScatterSeries* addPrunedMarkerSeries(QChart* chart, const QString& name, double size);

}  // namespace sweeplab::ui
