// The curve panel's legend: one entry per trial (dimmed while the trial is hidden, a band's
// entry in its place in a band view), or for a two-key grid one entry per value of each key.
#include "charts/curve_panel_impl.h"

namespace sweeplab::ui {

void CurvePanel::Impl::syncLegend() {
  const LegendMarkers markers = legendMarkers(charts[kValidationChart]->legend());
  if (gridLegend.active()) {
    // The keys' values stand for the trials and their bands.
    syncTrialLegend(markers, trials, model, kValidationChart, [](int) { return true; });
    bands.syncLegend(markers, kValidationChart, RepeatView::Lines);
    gridLegend.sync(markers, [this](int trial) { return panel->isTrialShown(trial); });
  } else {
    const bool bandView = repeatView != RepeatView::Lines;
    syncTrialLegend(markers, trials, model, kValidationChart,
                    [this, bandView](int trial) { return bandView && bands.covers(trial); });
    bands.syncLegend(markers, kValidationChart, repeatView);
  }
  fitLegendPlacement(charts[kValidationChart]);
}

// A grid's legend entry stands for several trials: a click hides them all, or shows them all
// when all are hidden.
void CurvePanel::Impl::connectGridLegend() {
  QLegend* legend = charts[kValidationChart]->legend();
  for (const GridLegend::Entry& entry : gridLegend.entries()) {
    for (QLegendMarker* marker : legend->markers(entry.series)) {
      const QList<int> members = entry.trials;
      QObject::connect(marker, &QLegendMarker::clicked, panel, [this, members] {
        bool any = false;
        for (int trial : members) any = any || panel->isTrialShown(trial);
        for (int trial : members) panel->setTrialShown(trial, !any);
      });
      QStringList names;
      for (int trial : members)
        if (auto it = trials.find(trial); it != trials.end()) names << it->second.display.label;
      const QString tip = names.join(QLatin1Char('\n'));
      QObject::connect(marker, &QLegendMarker::hovered, panel,
                       [this, tip](bool on) { showLegendTip(on ? tip : QString()); });
    }
  }
}

void CurvePanel::Impl::showLegendTip(const QString& text) {
  if (text.isEmpty())
    QToolTip::hideText();
  else
    QToolTip::showText(QCursor::pos(), text, views[kValidationChart]);
}

}  // namespace sweeplab::ui
