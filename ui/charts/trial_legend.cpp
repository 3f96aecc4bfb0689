// The legend entries and hover text of the trials' curves.
#include <QChart>
#include <QFontMetricsF>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <algorithm>
#include <cmath>

#include "charts/trial_curves.h"

namespace sweeplab::ui {

LegendMarkers legendMarkers(QLegend* legend) {
  LegendMarkers markers;
  for (QLegendMarker* marker : legend->markers()) markers.insert(marker->series(), marker);
  return markers;
}

void fitLegendPlacement(QChart* chart) {
  QLegend* legend = chart->legend();
  if (!legend->isVisible() || chart->size().width() <= 0) return;
  const QFontMetricsF metrics(legend->font());
  double widest = 0;
  for (QLegendMarker* marker : legend->markers())
    if (marker->isVisible()) widest = std::max(widest, metrics.horizontalAdvance(marker->label()));
  // The marker, its gap and the legend's margins take about four lines' height beside a label.
  // Up to half the chart's width the legend gets what its longest label needs; the plot gives
  // way. Only past that do labels shorten (their full text stays in the tooltip).
  const double needed = std::ceil(widest + 4 * metrics.height());
  legend->setMinimumWidth(std::min(needed, 0.5 * chart->size().width()));
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
      if (const QString label = trialLegendLabel(trial, model); marker->label() != label)
        marker->setLabel(label);
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
