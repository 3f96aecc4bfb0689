// Small helpers shared by the window tests: tiny experiments that train in seconds on the
// built-in synthetic data, and the list of ready experiment files.
#pragma once

#include <QDir>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QWidget>

#include "sweeplab/experiment_spec.h"

namespace sweeplab::ui::test {

inline QString experimentsDir() {
  return QStringLiteral(SWEEPLAB_SOURCE_DIR "/experiments");
}

inline QStringList experimentFiles() {
  QStringList files;
  for (const QFileInfo& file :
       QDir(experimentsDir()).entryInfoList({"*.yaml", "*.yml"}, QDir::Files, QDir::Name))
    files << file.absoluteFilePath();
  return files;
}

// A batch-size sweep over a few thousand synthetic rows: every trial logs train accuracy
// every few steps and validates once per epoch.
inline ExperimentSpec tinyExperiment(int epochs = 3, int samples = 3000) {
  ExperimentSpec spec;
  spec.name = "tiny";
  spec.dataset.source = DatasetSource::SyntheticJsc;
  spec.dataset.samples = samples;
  spec.training.max_epochs = epochs;
  spec.training.learning_rate = 1e-3;
  spec.training.log_every_n_steps = 5;
  spec.device = "cpu";
  spec.sweep = {{"training.batch_size", {"64", "128"}}};
  return spec;
}

// With SWEEPLAB_TEST_SCREENSHOTS=DIR set, writes what the widget shows to DIR/NAME.png, so a
// person can look at the state a test checks. Does nothing otherwise.
inline void saveScreenshot(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("SWEEPLAB_TEST_SCREENSHOTS");
  if (dir.isEmpty() || !widget) return;
  QDir().mkpath(dir);
  QTest::qWait(100);  // rows added to a shown layout are shown by a queued call
  widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

}  // namespace sweeplab::ui::test
