// What a figure shows, independent of any window: one or more charts side by side, each with
// a line per trial. The live CurvePanel and the scripted run export both produce this.
#pragma once

#include <QColor>
#include <QPointF>
#include <QSize>
#include <QString>
#include <vector>

namespace sweeplab::ui {

struct FigureCurve {
  int trial = 0;
  QString label;  // legend text
  QColor color;
  std::vector<QPointF> points;             // raw values, x ascending
  bool endsInFailure = false;              // diverged or failed: the line ends in a marker
  bool endsPruned = false;                 // pruned: the line ends in a ring
  Qt::PenStyle lineStyle = Qt::SolidLine;  // dashed for a two-key grid's second key
  QString endNote;                         // "pruned at epoch 3", after the legend text
};

struct FigureChart {
  QString title;  // "Training accuracy"
  QString xTitle;
  QString yTitle;
  bool unitInterval = true;  // accuracy: the y axis stays within [0, 1]
  std::vector<FigureCurve> curves;
  double smoothing = 0;  // > 0: smoothed line over the faint raw one
  bool logY = false;     // a logarithmic y axis (loss)
};

struct FigureData {
  std::vector<FigureChart> charts;  // drawn left to right; trials share one legend below
};

struct FigureOptions {
  QSize pixelSize{1800, 1200};  // PNG size; SVG and PDF get the same physical size at dpi
  int dpi = 300;
  QString caption;  // when set, drawn in a band at the bottom, inside pixelSize
  bool legend = true;
};

}  // namespace sweeplab::ui
