// What tst_run_store and tst_store_recorder share: a fresh store path in a scratch folder for
// each call, metric points to write, and trial statuses as text.
#pragma once

#include <QString>
#include <QTemporaryDir>
#include <string>
#include <vector>

#include "sweeplab/metrics.h"

// Statuses compared as text: QTest would take sweeplab::toString's static text for its own and
// free it when a comparison fails.
inline QString statusText(sweeplab::TrialStatus status) {
  return QString::fromLatin1(sweeplab::toString(status));
}

inline std::vector<sweeplab::MetricPoint> pointsOf(int count, double offset) {
  std::vector<sweeplab::MetricPoint> points;
  for (int i = 0; i < count; ++i)
    points.push_back({i % 2 ? "val_acc_epoch" : "train_acc_step", i * 10, i * 0.1, i * 1280,
                      i * 0.01, offset + i * 1e-3});
  return points;
}

// The base of a store test class: a scratch folder and a new store path in it on each call.
class FreshStorePaths {
 protected:
  QTemporaryDir dir_;
  int counter_ = 0;
  std::string freshPath() {
    return dir_.filePath(QString("store-%1/runs.sqlite").arg(++counter_)).toStdString();
  }
};
