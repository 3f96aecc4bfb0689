// The legend of a two-key grid: one entry per value of each key, a coloured line for the colour
// key and a grey line in each dash for the other, in place of one entry per trial.
// Private to the charts folder.
#pragma once

#include <QList>
#include <QString>
#include <functional>
#include <map>
#include <vector>

#include "charts/trial_curves.h"
#include "charts/trial_styles.h"

class QChart;
class QLineSeries;

namespace sweeplab::ui {

class GridLegend {
 public:
  struct Entry {
    QLineSeries* series = nullptr;  // no points: it exists for its legend entry
    QString text;                   // "learning_rate=1e-4"
    QList<int> trials;              // the trials drawn with this colour or dash
  };

  // Entries in `chart` when `styles` is a grid, none otherwise; `labels` by trial index.
  void setTrials(QChart* chart, const TrialStyles& styles, const std::map<int, QString>& labels);
  void clear() { entries_.clear(); }  // the chart's series are being removed
  bool active() const { return !entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }

  // Shows the entries; one whose trials are all hidden is dimmed, as a hidden trial's is.
  void sync(const LegendMarkers& markers, const std::function<bool(int)>& shown) const;

 private:
  std::vector<Entry> entries_;
};

}  // namespace sweeplab::ui
