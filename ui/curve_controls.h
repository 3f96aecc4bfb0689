// The bar above the curves: which metric (and a log scale for losses), which x axis, how much
// smoothing, reset zoom.
#pragma once

#include <QWidget>

namespace sweeplab::ui {

class CurvePanel;

class CurveControls : public QWidget {
  Q_OBJECT
 public:
  explicit CurveControls(CurvePanel* panel, QWidget* parent = nullptr);
};

}  // namespace sweeplab::ui
