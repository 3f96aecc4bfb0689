// The legend entries and hover text of the trials' curves.
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>

#include "charts/trial_curves.h"

namespace sweeplab::ui {

void syncTrialLegend(QLegend* legend, std::map<int, TrialCurves>& trials, int chart) {
  for (auto& [index, trial] : trials) {
    const ChartCurve& curve = trial.charts[static_cast<size_t>(chart)];
    for (QLegendMarker* marker : legend->markers(curve.raw)) marker->setVisible(false);
    for (QLegendMarker* marker : legend->markers(curve.failure)) marker->setVisible(false);
    for (QLegendMarker* marker : legend->markers(curve.line)) {
      marker->setVisible(true);
      const double alpha = trial.shown ? 1.0 : 0.35;
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

QString hoverText(const QString& trialLabel, const ChartCurve& curve, int nearest,
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
