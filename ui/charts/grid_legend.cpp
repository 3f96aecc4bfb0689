// Entries of a grid's legend as empty line series, so Qt Charts draws their line samples (colour
// or dash) beside the text like any other entry.
#include "charts/grid_legend.h"

#include <QChart>
#include <QLegendMarker>
#include <QLineSeries>

#include "charts/chart_style.h"
#include "charts/trial_palette.h"

namespace sweeplab::ui {
namespace {

// The dash entries are grey: their colour says nothing, only their dash does.
const QColor kDashSampleColor(0x50, 0x50, 0x50);

}  // namespace

void GridLegend::setTrials(QChart* chart, const TrialStyles& styles,
                           const std::map<int, QString>& labels) {
  entries_.clear();
  if (!styles.grid) return;
  const auto add = [&](const QString& key, const QString& value, const QPen& pen,
                       const std::function<bool(const QString&)>& matches, const QString& name) {
    Entry entry;
    entry.text = key + QLatin1Char('=') + value;
    for (const auto& [trial, label] : labels)
      if (matches(label)) entry.trials << trial;
    entry.series = addCurveSeries(chart, entry.text, pen);
    entry.series->setObjectName(name);
    entries_.push_back(entry);
  };
  for (int i = 0; i < styles.colorValues.size(); ++i) {
    add(
        styles.colorKey, styles.colorValues[i], curvePen(trialColor(i), kLineWidth, 1.0),
        [&styles, i](const QString& label) { return styles.colorIndex(label) == i; },
        QStringLiteral("legend:color:%1").arg(i));
  }
  for (int i = 0; i < styles.styleValues.size(); ++i) {
    QPen pen = curvePen(kDashSampleColor, kLineWidth, 1.0);
    pen.setStyle(gridLineStyle(i));
    add(
        styles.styleKey, styles.styleValues[i], pen,
        [&styles, i](const QString& label) { return styles.styleIndex(label) == i; },
        QStringLiteral("legend:style:%1").arg(i));
  }
}

void GridLegend::sync(const LegendMarkers& markers, const std::function<bool(int)>& shown) const {
  for (const Entry& entry : entries_) {
    QLegendMarker* marker = markers.value(entry.series);
    if (!marker) continue;
    bool any = false;
    for (int trial : entry.trials) any = any || shown(trial);
    const float alpha = any ? 1.0f : 0.35f;
    QColor label(0x20, 0x20, 0x20);
    label.setAlphaF(alpha);
    marker->setVisible(true);
    marker->setLabelBrush(label);
    QPen pen = entry.series->pen();
    QColor color = pen.color();
    color.setAlphaF(alpha);
    pen.setColor(color);
    marker->setPen(pen);
    marker->setBrush(color);
  }
}

}  // namespace sweeplab::ui
