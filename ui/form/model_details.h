// What the chosen model is: its layers and trainable parameter count, as the catalog plans it.
#pragma once

#include <QWidget>

#include "sweeplab/experiment_spec.h"

class QLabel;

namespace sweeplab::ui {

class ModelDetails : public QWidget {
  Q_OBJECT
 public:
  explicit ModelDetails(QWidget* parent = nullptr);
  void showModel(const ModelSpec& model);
  QString summaryText() const;  // "jsc-tiny: 127 trainable parameters", for tests

 private:
  QLabel* summary_;
  QLabel* layers_;
};

}  // namespace sweeplab::ui
