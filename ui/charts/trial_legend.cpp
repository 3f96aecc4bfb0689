// The legend entries and hover text of the trials' curves.
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <algorithm>
#include <cmath>

#include "charts/trial_curves.h"

namespace sweeplab::ui {
namespace {

// A legend marker's whole label, and the whole label its shown (maybe shortened) text stands for.
constexpr const char* kFullLabelProperty = "sweeplabFullLabel";
constexpr const char* kShownLabelProperty = "sweeplabShownFor";

}  // namespace

LegendMarkers legendMarkers(QLegend* legend) {
  LegendMarkers markers;
  for (QLegendMarker* marker : legend->markers()) markers.insert(marker->series(), marker);
  return markers;
}

void fitLegendPlacement(QChart* chart) {
  QLegend* legend = chart->legend();
  // The width the chart is shown at: the view's, since a legend too wide for it would widen
  // the chart itself past the view's edge.
  double shownWidth = chart->size().width();
  if (chart->scene() && !chart->scene()->views().isEmpty())
    shownWidth = chart->scene()->views().front()->viewport()->width();
  if (!legend->isVisible() || shownWidth <= 0) return;
  const QFontMetricsF metrics(legend->font());
  // A marker's own label may be shortened already: the whole text is the one syncTrialLegend
  // gave it, else its series' name.
  const auto fullText = [](QLegendMarker* marker) {
    const QVariant full = marker->property(kFullLabelProperty);
    if (full.isValid()) return full.toString();
    return marker->series() ? marker->series()->name() : marker->label();
  };
  double widest = 0;
  for (QLegendMarker* marker : legend->markers())
    if (marker->isVisible()) widest = std::max(widest, metrics.horizontalAdvance(fullText(marker)));
  // The marker, its gap and the legend's margins take about four lines' height beside a label.
  // Up to half the chart's width the legend gets what its longest label needs; the plot gives
  // way. Only past that do labels shorten, with an ellipsis (their full text stays in the
  // tooltip): QLegend itself would let them run past the chart's edge.
  const double margin = 4 * metrics.height();
  // The plot keeps its axis labels and a readable width beside the legend; a wider legend
  // would not shrink it but push the legend out of the chart.
  constexpr double kPlotWidth = 160;
  const double besidePlot = shownWidth - chart->plotArea().left() - kPlotWidth -
                            chart->margins().right() - 2 * metrics.height();
  const double cap =
      std::max(margin + 4 * metrics.height(), std::min(0.5 * shownWidth, besidePlot));
  // Qt Charts gives a legend beside the plot at most 0.4 of the chart's content width (the chart
  // less its layout's and its own margins); a larger minimum width would make the legend wider
  // than the room it is placed in, and it would run past the chart's right edge.
  constexpr double kQtLegendShare = 0.4;
  qreal left = 0, top = 0, right = 0, bottom = 0;
  if (chart->layout()) chart->layout()->getContentsMargins(&left, &top, &right, &bottom);
  const double content =
      shownWidth - left - right - chart->margins().left() - chart->margins().right();
  const double qtLimit = std::floor(kQtLegendShare * content) - 1;
  const double width = std::max(0.0, std::min({std::ceil(widest + margin), cap, qtLimit}));
  legend->setMinimumWidth(width);
  const double room = std::max(0.0, width - margin);
  for (QLegendMarker* marker : legend->markers()) {
    const QString text = fullText(marker);
    const QString shown = metrics.horizontalAdvance(text) > room
                              ? metrics.elidedText(text, Qt::ElideRight, room)
                              : text;
    if (marker->label() != shown) marker->setLabel(shown);
    marker->setProperty(kShownLabelProperty, text);
  }
}

void syncTrialLegend(const LegendMarkers& markers, std::map<int, TrialCurves>& trials,
                     const CurveFigureModel& model, int chart,
                     const std::function<bool(int)>& inBand) {
  const auto hide = [&markers](const QAbstractSeries* series) {
    if (QLegendMarker* marker = markers.value(series)) marker->setVisible(false);
  };
  for (auto& [index, trial] : trials) {
    const ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
    hide(curve.raw);
    hide(curve.failure);
    hide(curve.pruned);
    if (inBand(index)) {  // the band's entry stands for it
      hide(curve.line);
      continue;
    }
    if (QLegendMarker* marker = markers.value(curve.line)) {
      marker->setVisible(true);
      const TrialCurveData* data = model.find(index);
      const QString text = trialLegendLabel(trial, model);
      marker->setProperty(kFullLabelProperty, text);
      if (marker->property(kShownLabelProperty).toString() != text) marker->setLabel(text);
      const double alpha = !data || data->shown ? 1.0 : 0.35;
      QColor label(0x20, 0x20, 0x20);
      label.setAlphaF(static_cast<float>(alpha));
      marker->setLabelBrush(label);
      QPen pen = curve.line->pen();
      QColor color = pen.color();
      color.setAlphaF(static_cast<float>(color.alphaF() * alpha));
      pen.setColor(color);
      marker->setPen(pen);
      marker->setBrush(color);
    }
  }
}

namespace {

QString prunedSuffix(int trial, const CurveFigureModel& model) {
  const QString note = prunedAtEpochText(model.prunedEpoch(trial));
  return note.isEmpty() ? note : QStringLiteral(", ") + note;
}

}  // namespace

QString trialLegendLabel(const TrialCurves& trial, const CurveFigureModel& model) {
  const QString base = trial.hasSeries() ? trial.charts[0].line->name() : trial.display.label;
  return base + prunedSuffix(trial.display.trial, model);
}

QString trialFullLabel(const TrialCurves& trial, const CurveFigureModel& model) {
  return trial.display.label + prunedSuffix(trial.display.trial, model);
}

QString hoverText(const QString& trialLabel, const CurveData& curve, int nearest,
                  const QString& xTitle, const QString& yTitle) {
  const QPointF shown = curve.drawn()[static_cast<size_t>(nearest)];
  QString text = QStringLiteral("<b>%1</b><br>%2: %3<br>%4: %5")
                     .arg(trialLabel.toHtmlEscaped(), xTitle)
                     .arg(shown.x(), 0, 'g', 7)
                     .arg(yTitle)
                     .arg(shown.y(), 0, 'f', 4);
  if (!curve.smoothed.empty()) {
    text +=
        QStringLiteral(" (raw %1)").arg(curve.points[static_cast<size_t>(nearest)].y(), 0, 'f', 4);
  }
  return text;
}

}  // namespace sweeplab::ui
