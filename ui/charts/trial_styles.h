// How the trials of a sweep are told apart on a chart. One swept key: a colour per trial. A grid
// of two swept keys: a colour per value of one key and a line style per value of the other, so
// a 3 x 3 grid reads as three colours times three dashes, and the legend names each key's values
// once instead of nine labels too long to show in full.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <string>
#include <utility>
#include <vector>

namespace sweeplab::ui {

// A trial label as TrialSpec::label() writes it, "learning_rate=1e-4, batch_size=64" with an
// optional " seed=3" for seed repeats, taken apart. `parsed` is false for text of another
// shape (an overlay's "#12 ..."), which is then shown as it is.
struct LabelParts {
  bool parsed = false;
  std::vector<std::pair<QString, QString>> swept;  // key, value
  QString suffix;                                  // " seed=3", or empty
};
LabelParts labelParts(const QString& label);

struct TrialStyles {
  bool grid = false;  // two swept keys: colour for colorKey, line style for styleKey
  QString colorKey, styleKey;
  QStringList colorValues, styleValues;  // in order of first appearance
  QStringList varyingKeys;               // keys with two or more values, in label order
  // Per trial, in the order given (grid only): its colour's and its dash's index.
  std::vector<int> colorIndices, styleIndices;

  // For a label of the run (grid only; -1 otherwise).
  int colorIndex(const QString& label) const;
  int styleIndex(const QString& label) const;
  QColor color(const QString& label) const;
  Qt::PenStyle lineStyle(const QString& label) const;
  // A trial's legend text outside a grid: only the parts that differ between trials ("batch
  // sizes 64" rather than "model=jsc-tiny, batch_size=64" when every trial is jsc-tiny), the
  // whole label when it cannot be taken apart. The full label stays in the tooltip.
  QString legendText(const QString& label) const;
};

// From the labels of every trial shown. A grid needs two varying keys with at most ten values
// for the colours and five for the line styles (the key with more values gets the colours).
TrialStyles trialStyles(const QStringList& labels);

// The same from a run's swept values (TrialSummary::swept, TrialSpec::swept), for the colours of
// the trials table and of figures written from a run folder.
TrialStyles trialStyles(const std::vector<std::vector<std::pair<std::string, std::string>>>& swept);

}  // namespace sweeplab::ui
