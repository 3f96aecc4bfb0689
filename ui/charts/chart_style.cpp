// Chart construction shared by CurvePanel and figure export.
#include "charts/chart_style.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>

namespace sweeplab::ui {

ChartFonts chartFontsForPixelSize(double basePixelSize) {
  const auto font = [basePixelSize](double factor, bool bold) {
    QFont f;
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(basePixelSize * factor))));
    f.setBold(bold);
    return f;
  };
  return {font(1.2, true), font(1.08, false), font(1.0, false), font(1.0, false)};
}

namespace {

void styleAxis(QAbstractAxis* axis, const ChartFonts& fonts) {
  axis->setTitleFont(fonts.axisTitle);
  axis->setLabelsFont(fonts.tickLabel);
  axis->setTitleBrush(QColor(0x20, 0x20, 0x20));
  axis->setLabelsColor(QColor(0x30, 0x30, 0x30));
  axis->setLinePenColor(QColor(0x50, 0x50, 0x50));
  axis->setGridLineColor(QColor(0xe4, 0xe4, 0xe4));
  axis->setMinorGridLineColor(QColor(0xf2, 0xf2, 0xf2));
  axis->setMinorGridLineVisible(false);
}

}  // namespace

QChart* createCurveChart(const ChartFonts& fonts) {
  auto* chart = new QChart;
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setDropShadowEnabled(false);
  chart->setBackgroundRoundness(0);
  chart->setBackgroundBrush(Qt::white);
  chart->setBackgroundPen(Qt::NoPen);
  chart->setPlotAreaBackgroundVisible(false);
  chart->setTitleFont(fonts.title);
  chart->setTitleBrush(QColor(0x20, 0x20, 0x20));
  chart->legend()->setFont(fonts.legend);
  chart->legend()->setLabelColor(QColor(0x20, 0x20, 0x20));

  for (Qt::Alignment side : {Qt::AlignBottom, Qt::AlignLeft}) {
    auto* axis = new QValueAxis(chart);
    styleAxis(axis, fonts);
    axis->setTickType(QValueAxis::TicksDynamic);
    chart->addAxis(axis, side);
  }
  applyAxisRange(xAxisOf(chart), AxisRange{});
  applyAxisRange(yAxisOf(chart), AxisRange{});
  return chart;
}

QValueAxis* xAxisOf(QChart* chart) {
  const auto axes = chart->axes(Qt::Horizontal);
  return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
}

QValueAxis* yAxisOf(QChart* chart) {
  const auto axes = chart->axes(Qt::Vertical);
  return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.first());
}

QLogValueAxis* logYAxisOf(QChart* chart) {
  const auto axes = chart->axes(Qt::Vertical);
  return axes.isEmpty() ? nullptr : qobject_cast<QLogValueAxis*>(axes.first());
}

QAbstractAxis* valueAxisOf(QChart* chart) {
  const auto axes = chart->axes(Qt::Vertical);
  return axes.isEmpty() ? nullptr : axes.first();
}

void applyLogAxisRange(QLogValueAxis* axis, const LogAxisRange& range) {
  if (axis->min() == range.min && axis->max() == range.max && axis->base() == range.base) return;
  axis->setBase(range.base);
  axis->setRange(range.min, range.max);
}

QAbstractAxis* setLogYAxis(QChart* chart, bool logarithmic, const ChartFonts& fonts) {
  QAbstractAxis* old = valueAxisOf(chart);
  if (old && (logYAxisOf(chart) != nullptr) == logarithmic) return old;
  QAbstractAxis* axis = nullptr;
  if (logarithmic) {
    auto* log = new QLogValueAxis(chart);
    log->setLabelFormat(QStringLiteral("%g"));
    log->setMinorTickCount(-1);  // a minor grid line at each multiple between the labels
    axis = log;
  } else {
    auto* linear = new QValueAxis(chart);
    linear->setTickType(QValueAxis::TicksDynamic);
    axis = linear;
  }
  styleAxis(axis, fonts);
  axis->setMinorGridLineVisible(logarithmic);
  if (old) axis->setTitleText(old->titleText());
  chart->addAxis(axis, Qt::AlignLeft);
  for (QAbstractSeries* series : chart->series()) {
    if (old) series->detachAxis(old);
    series->attachAxis(axis);
  }
  if (old) {
    chart->removeAxis(old);
    delete old;
  }
  if (auto* linear = qobject_cast<QValueAxis*>(axis)) applyAxisRange(linear, AxisRange{});
  return axis;
}

void applyAxisRange(QValueAxis* axis, const AxisRange& range) {
  const QString format = QStringLiteral("%.%1f").arg(range.decimals);
  if (axis->min() == range.min && axis->max() == range.max &&
      axis->tickInterval() == range.tickInterval && axis->tickAnchor() == range.tickAnchor &&
      axis->labelFormat() == format) {
    return;  // unchanged: spare the chart a relayout
  }
  // With dynamic ticks, a new range under the old interval (or the reverse) can ask for
  // millions of tick items for a moment; fixed ticks in between avoid that.
  axis->setTickType(QValueAxis::TicksFixed);
  axis->setRange(range.min, range.max);
  axis->setTickAnchor(range.tickAnchor);
  axis->setTickInterval(range.tickInterval);
  axis->setLabelFormat(format);
  axis->setTickType(QValueAxis::TicksDynamic);
}

QString xAxisTitle(XAxisKind kind) {
  switch (kind) {
    case XAxisKind::Step:
      return QStringLiteral("Step");
    case XAxisKind::Epoch:
      return QStringLiteral("Epoch");
    case XAxisKind::SamplesSeen:
      return QStringLiteral("Samples seen");
    case XAxisKind::WallTime:
      return QStringLiteral("Wall time (s)");
  }
  return {};
}

QString chartTitle(int chart, MetricKind metric) {
  if (metric == MetricKind::LearningRate) return QStringLiteral("Learning rate");
  const QString what =
      metric == MetricKind::Accuracy ? QStringLiteral("accuracy") : QStringLiteral("loss");
  return (chart == 0 ? QStringLiteral("Training ") : QStringLiteral("Validation ")) + what;
}

QString yAxisTitle(MetricKind metric) {
  switch (metric) {
    case MetricKind::Accuracy:
      return QStringLiteral("Accuracy");
    case MetricKind::Loss:
      return QStringLiteral("Loss");
    case MetricKind::LearningRate:
      return QStringLiteral("Learning rate");
  }
  return {};
}

QPen curvePen(QColor color, double width, double alpha) {
  color.setAlphaF(static_cast<float>(alpha));
  QPen pen(color, width);
  pen.setCapStyle(Qt::RoundCap);
  pen.setJoinStyle(Qt::RoundJoin);
  return pen;
}

QLineSeries* addCurveSeries(QChart* chart, const QString& name, const QPen& pen) {
  auto* series = new QLineSeries;
  series->setName(name);
  series->setPen(pen);
  chart->addSeries(series);
  series->attachAxis(xAxisOf(chart));
  series->attachAxis(valueAxisOf(chart));
  return series;
}

void replaceCurvePoints(QLineSeries* series, const QList<QPointF>& points) {
  const bool lone = points.size() == 1;
  if (lone) series->setMarkerSize(std::max(5.0, series->pen().widthF() * 2));
  if (series->pointsVisible() != lone) series->setPointsVisible(lone);
  series->replace(points);
}

namespace {

QImage crossImage() {
  // Drawn large and scaled down to the marker size, so it stays sharp in 300 dpi exports.
  constexpr int kSide = 64;
  QImage image(kSide, kSide, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  const double inset = kSide * 0.16;
  for (const auto& [pen, width] :
       {std::pair{QColor(Qt::white), 0.30}, std::pair{QColor(0xc0, 0x10, 0x10), 0.18}}) {
    painter.setPen(QPen(pen, kSide * width, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(inset, inset), QPointF(kSide - inset, kSide - inset));
    painter.drawLine(QPointF(kSide - inset, inset), QPointF(inset, kSide - inset));
  }
  return image;
}

QImage ringImage() {
  constexpr int kSide = 64;
  QImage image(kSide, kSide, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter painter(&image);
  painter.setRenderHint(QPainter::Antialiasing);
  const QRectF ring(kSide * 0.2, kSide * 0.2, kSide * 0.6, kSide * 0.6);
  painter.setBrush(Qt::white);
  painter.setPen(QPen(Qt::white, kSide * 0.30));
  painter.drawEllipse(ring);
  painter.setPen(QPen(QColor(0x30, 0x36, 0x40), kSide * 0.14));
  painter.drawEllipse(ring);
  return image;
}

}  // namespace

QScatterSeries* addPrunedMarkerSeries(QChart* chart, const QString& name, double size) {
  static const QImage ring = ringImage();
  auto* series = new QScatterSeries;
  series->setName(name);
  series->setMarkerSize(size);
  series->setLightMarker(ring);
  chart->addSeries(series);
  series->attachAxis(xAxisOf(chart));
  series->attachAxis(valueAxisOf(chart));
  return series;
}

QScatterSeries* addFailureMarkerSeries(QChart* chart, const QString& name, double size) {
  static const QImage cross = crossImage();
  auto* series = new QScatterSeries;
  series->setName(name);
  series->setMarkerSize(size);
  series->setLightMarker(cross);
  chart->addSeries(series);
  series->attachAxis(xAxisOf(chart));
  series->attachAxis(valueAxisOf(chart));
  return series;
}

}  // namespace sweeplab::ui
