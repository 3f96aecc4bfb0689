// Lays out and paints a figure: charts side by side, a shared legend, the caption.
#include <QApplication>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPainter>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

#include "charts/chart_style.h"
#include "charts/curve_figure_model.h"
#include "charts/figure_export.h"
#include "charts/trial_palette.h"
#include "charts/trial_styles.h"

namespace sweeplab::ui {
namespace {

struct LegendEntry {
  QString label;
  QColor color;
  Qt::PenStyle style = Qt::SolidLine;
};

// One entry per trial, showing what tells the trials apart; for a two-key grid one entry per
// value of each key instead, as the window's legend has them.
std::vector<LegendEntry> legendEntries(const FigureData& figure) {
  std::vector<const FigureCurve*> curves;
  std::map<int, bool> seen;
  for (const FigureChart& chart : figure.charts) {
    for (const FigureCurve& curve : chart.curves) {
      if (seen[curve.trial]) continue;
      seen[curve.trial] = true;
      curves.push_back(&curve);
    }
  }
  QStringList labels;
  for (const FigureCurve* curve : curves) labels << curve->label;
  const TrialStyles styles = trialStyles(labels);
  std::vector<LegendEntry> entries;
  if (styles.grid) {
    for (int i = 0; i < styles.colorValues.size(); ++i)
      entries.push_back(
          {styles.colorKey + QLatin1Char('=') + styles.colorValues[i], trialColor(i)});
    for (int i = 0; i < styles.styleValues.size(); ++i)
      entries.push_back({styles.styleKey + QLatin1Char('=') + styles.styleValues[i],
                         QColor(0x50, 0x50, 0x50), gridLineStyle(i)});
    return entries;
  }
  for (const FigureCurve* curve : curves) {
    QString text = styles.legendText(curve->label);
    if (!curve->endNote.isEmpty()) text += QStringLiteral(", ") + curve->endNote;
    entries.push_back({text, curve->color, curve->lineStyle});
  }
  return entries;
}

// A legend entry is a short line in the trial's colour followed by its label; entries flow
// left to right and wrap, each row centred.
class FigureLegend {
 public:
  FigureLegend(std::vector<LegendEntry> entries, const QFont& font)
      : entries_(std::move(entries)), font_(font), metrics_(font) {}

  double height(double width) const { return rows(width).size() * rowHeight(); }

  void paint(QPainter& painter, const QRectF& area) const {
    painter.setFont(font_);
    double y = area.top();
    for (const auto& [first, last, rowWidth] : rows(area.width())) {
      double x = area.left() + (area.width() - rowWidth) / 2;
      const double midY = y + rowHeight() / 2;
      for (size_t i = first; i < last; ++i) {
        QPen sample = curvePen(entries_[i].color, lineWidth(), 1.0);
        sample.setStyle(entries_[i].style);
        painter.setPen(sample);
        painter.drawLine(QPointF(x, midY), QPointF(x + sampleLength(), midY));
        x += sampleLength() + gap() * 0.5;
        painter.setPen(QColor(0x20, 0x20, 0x20));
        const double textWidth = metrics_.horizontalAdvance(entries_[i].label);
        painter.drawText(QRectF(x, y, textWidth + 2, rowHeight()), Qt::AlignVCenter | Qt::AlignLeft,
                         entries_[i].label);
        x += textWidth + gap() * 1.6;
      }
      y += rowHeight();
    }
  }

 private:
  struct Row {
    size_t first, last;
    double width;
  };

  double rowHeight() const { return metrics_.height() * 1.45; }
  double sampleLength() const { return metrics_.height() * 1.6; }
  double gap() const { return metrics_.height() * 0.6; }
  double lineWidth() const { return std::max(1.5, metrics_.height() * 0.16); }
  double entryWidth(size_t i) const {
    return sampleLength() + gap() * 0.5 + metrics_.horizontalAdvance(entries_[i].label);
  }

  std::vector<Row> rows(double width) const {
    std::vector<Row> result;
    size_t first = 0;
    double rowWidth = 0;
    for (size_t i = 0; i < entries_.size(); ++i) {
      const double needed = (i == first ? 0 : gap() * 1.6) + entryWidth(i);
      if (i != first && rowWidth + needed > width) {
        result.push_back({first, i, rowWidth});
        first = i;
        rowWidth = entryWidth(i);
      } else {
        rowWidth += needed;
      }
    }
    if (first < entries_.size()) result.push_back({first, entries_.size(), rowWidth});
    return result;
  }

  std::vector<LegendEntry> entries_;
  QFont font_;
  QFontMetricsF metrics_;
};

// As many x ticks (at most 7) as leave room between their labels: Qt Charts elides a label
// that does not fit ("100..." for 10000), and a figure wider than tall for two charts side by
// side gives each chart little width. The plot area is taken as 80 % of the chart's width.
int xTicksThatFit(const DataExtent& extent, const FigureChart& data, const QFont& font,
                  double chartWidth) {
  const QFontMetricsF metrics(font);
  const double room = chartWidth * 0.8;
  for (int ticks = 7; ticks > 2; --ticks) {
    const AxisRange x = fitAxes(extent, data.unitInterval, data.logY, ticks).x;
    if (!(x.tickInterval > 0)) return ticks;
    const std::vector<double> labels = tickPositions(x);
    double widest = 0;
    for (double v : labels)
      widest = std::max(widest, metrics.horizontalAdvance(QString::number(v, 'f', x.decimals)));
    if (double(labels.size()) * (widest + metrics.averageCharWidth() * 2) <= room) return ticks;
  }
  return 2;
}

QChart* buildChart(const FigureChart& data, const ChartFonts& fonts, int pointBudget,
                   double markerSize, double chartWidth) {
  QChart* chart = createCurveChart(fonts);
  chart->setTitle(data.title);
  chart->legend()->hide();
  chart->setMargins(QMargins(2, 2, 2, 2));
  QValueAxis* xAxis = xAxisOf(chart);
  QValueAxis* yAxis = yAxisOf(chart);
  xAxis->setTitleText(data.xTitle);
  yAxis->setTitleText(data.yTitle);

  // The axes as the window fits them (the figure model's fitAxes), around the finite points.
  DataExtent extent;
  for (const FigureCurve& curve : data.curves) {
    for (const QPointF& p : curve.points)
      if (std::isfinite(p.x()) && std::isfinite(p.y())) extent.include(p);
  }
  const ChartAxes axes = fitAxes(extent, data.unitInterval, data.logY,
                                 xTicksThatFit(extent, data, fonts.tickLabel, chartWidth));
  const AxisRange& xRange = axes.x;
  applyAxisRange(xAxis, xRange);
  if (data.logY) {
    setLogYAxis(chart, true, fonts)->setTitleText(data.yTitle);
    applyLogAxisRange(logYAxisOf(chart), axes.log);
  } else {
    applyAxisRange(yAxis, axes.y);
  }

  const double lineWidth = std::max(1.0, fonts.tickLabel.pixelSize() * 0.15);
  for (const FigureCurve& curve : data.curves) {
    std::vector<QPointF> finite;
    finite.reserve(curve.points.size());
    std::copy_if(curve.points.begin(), curve.points.end(), std::back_inserter(finite),
                 [](const QPointF& p) { return std::isfinite(p.x()) && std::isfinite(p.y()); });
    if (data.smoothing > 0) {
      addCurveSeries(chart, curve.label, curvePen(curve.color, lineWidth * 0.5, kRawAlpha))
          ->replace(decimateMinMax(finite, xRange.min, xRange.max, pointBudget / 2));
      finite = smoothPoints(finite, data.smoothing);
    }
    QPen pen = curvePen(curve.color, lineWidth, 1.0);
    pen.setStyle(curve.lineStyle);
    replaceCurvePoints(addCurveSeries(chart, curve.label, pen),
                       decimateMinMax(finite, xRange.min, xRange.max, pointBudget / 2));
    if (curve.endsInFailure && !finite.empty()) {
      addFailureMarkerSeries(chart, curve.label, markerSize)->append(finite.back());
    }
    if (curve.endsPruned && !finite.empty())
      addPrunedMarkerSeries(chart, curve.label, markerSize * 0.9)->append(finite.back());
  }
  return chart;
}

// Gives every chart the same plot-area insets, so side-by-side axes line up.
void alignPlotAreas(const std::vector<QChart*>& charts) {
  double left = 0, top = 0, right = 0, bottom = 0;
  for (QChart* chart : charts) {
    const QRectF outer = chart->geometry();
    const QRectF plot = chart->plotArea();
    left = std::max(left, plot.left() - outer.left());
    top = std::max(top, plot.top() - outer.top());
    right = std::max(right, outer.right() - plot.right());
    bottom = std::max(bottom, outer.bottom() - plot.bottom());
  }
  for (QChart* chart : charts) {
    const QRectF outer(QPointF(0, 0), chart->geometry().size());
    chart->setPlotArea(outer.adjusted(left, top, -right, -bottom));
  }
}

}  // namespace

namespace {

constexpr double kLogicalDpi = 96.0;

// Sizes of text and gaps follow the figure: a chart of w x h logical pixels gets tick labels of
// about min(w, h) / 34, so a figure reads the same at any size.
double basePixelsFor(const FigureData& figure, const QSizeF& plotSize) {
  const int chartCount = std::max<int>(1, static_cast<int>(figure.charts.size()));
  return std::clamp(std::min(plotSize.width() / chartCount, plotSize.height()) / 34.0, 9.0, 48.0);
}

const int kCaptionFlags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;

QFont captionFont(double basePixels) {
  return chartFontsForPixelSize(basePixels).axisTitle;
}

double captionBandHeight(const FigureOptions& options, double width, double basePixels) {
  if (options.caption.isEmpty()) return 0;
  const double margin = basePixels * 0.8;
  const QRectF text(0, 0, width - 2 * margin, 1e6);
  const double height = QFontMetricsF(captionFont(basePixels))
                            .boundingRect(text, kCaptionFlags, options.caption)
                            .height();
  return std::ceil(height + basePixels * 0.9);
}

// The caption band comes out of the figure's height, so the file has the size a person asked
// for; a long caption on a small figure wraps and never takes more than half the height.
double captionHeightIn(const FigureData& figure, const FigureOptions& options) {
  const QSizeF whole = figureLogicalSize(options);
  const double base = basePixelsFor(figure, whole);
  return std::min(captionBandHeight(options, whole.width(), base), std::floor(whole.height() / 2));
}

}  // namespace

QSizeF figureLogicalSize(const FigureOptions& options) {
  return QSizeF(options.pixelSize) * (kLogicalDpi / std::max(options.dpi, 1));
}

void paintFigure(QPainter& painter, const FigureData& figure, const FigureOptions& options) {
  painter.save();
  painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                         QPainter::SmoothPixmapTransform);
  const QSizeF whole = figureLogicalSize(options);
  const double basePixels = basePixelsFor(figure, whole);
  const double captionHeight = captionHeightIn(figure, options);
  const QSizeF plotSize(whole.width(), whole.height() - captionHeight);
  painter.fillRect(QRectF(QPointF(0, 0), whole), Qt::white);

  const int chartCount = std::max<int>(1, static_cast<int>(figure.charts.size()));
  const ChartFonts fonts = chartFontsForPixelSize(basePixels);
  const double margin = basePixels * 0.8;
  if (captionHeight > 0) {
    const QRectF area(margin, plotSize.height(), plotSize.width() - 2 * margin, captionHeight);
    painter.setFont(captionFont(basePixels));
    painter.setPen(QColor(0x20, 0x20, 0x20));
    painter.drawText(area, kCaptionFlags, options.caption);
  }
  QRectF content =
      QRectF(QPointF(0, 0), plotSize).adjusted(margin, margin * 0.5, -margin, -margin * 0.5);
  if (options.legend) {
    const FigureLegend legend(legendEntries(figure), fonts.legend);
    const double height = legend.height(content.width());
    legend.paint(painter,
                 QRectF(content.left(), content.bottom() - height, content.width(), height));
    content.setBottom(content.bottom() - height - basePixels * 0.3);
  }
  if (figure.charts.empty() || content.height() < 1) {
    painter.restore();
    return;
  }

  const double deviceScale = std::abs(painter.combinedTransform().m11());
  const double chartWidth = content.width() / chartCount;
  const int budget = static_cast<int>(std::ceil(2 * chartWidth * std::max(deviceScale, 1.0)));
  // One scene per chart with the chart at its origin: Qt Charts places series by the plot
  // area in scene coordinates but axes in chart coordinates, so an offset chart with a set
  // plot area would draw its lines shifted.
  std::vector<std::unique_ptr<QGraphicsScene>> scenes;
  std::vector<QChart*> charts;
  for (const FigureChart& data : figure.charts) {
    auto scene = std::make_unique<QGraphicsScene>();
    QChart* chart = buildChart(data, fonts, budget, basePixels * 1.1, chartWidth);
    scene->addItem(chart);
    chart->setGeometry(QRectF(0, 0, chartWidth, content.height()));
    scene->setSceneRect(chart->geometry());
    charts.push_back(chart);
    scenes.push_back(std::move(scene));
  }
  // Chart layouts run on posted events; run them before painting.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  alignPlotAreas(charts);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  for (size_t i = 0; i < scenes.size(); ++i) {
    const QRectF target(content.left() + static_cast<double>(i) * chartWidth, content.top(),
                        chartWidth, content.height());
    scenes[i]->render(&painter, target, scenes[i]->sceneRect());
  }
  painter.restore();
}

}  // namespace sweeplab::ui
