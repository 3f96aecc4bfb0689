// metrics.csv: points written by the trainer come back exactly, and a damaged file is reported
// with its line and column.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;

namespace {

TrialSummary trialIn(const QTemporaryDir& dir, const std::string& folder) {
  QDir(dir.path()).mkpath(QString::fromStdString(folder));
  TrialSummary trial;
  trial.folder = folder;
  return trial;
}

void writeMetrics(const QTemporaryDir& dir, const std::string& folder, const std::string& text) {
  std::ofstream(dir.filePath(QString::fromStdString(folder + "/metrics.csv")).toStdString())
      << text;
}

}  // namespace

class tst_metrics_csv : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void headerAndPlainIntegers() {
    const std::string csv = metricsToCsv({{"val_acc_epoch", 1170, 5, 149760, 12.5, 0.5}});
    QCOMPARE(csv, std::string("name,step,epoch,samples,wall_seconds,value\n"
                              "val_acc_epoch,1170,5,149760,12.5,0.5\n"));
  }

  void roundTripIsExact() {
    // The trainer's values are float32 underneath; 9 significant digits reproduce every float
    // bit for bit (compared as floats: the text is not the double's full expansion).
    std::vector<MetricPoint> points;
    for (int i = 0; i < 200; ++i) {
      const float value = 1.0f / float(3 + i) + 1e-7f * float(i);
      points.push_back({i % 2 ? "train_acc_step" : "train_loss_step", 50LL * i,
                        double(float(i) / 7.0f), 6400LL * i, double(float(i) * 0.0137f),
                        double(value)});
    }
    points.push_back({"odd, \"quoted\" name", 1, 0.25, 32, 0.001, -3.5e-12});
    points.push_back({"train_loss_step", 2, 0.5, 64, 0.002, std::nan("")});

    QTemporaryDir dir;
    const TrialSummary trial = trialIn(dir, "000-batch_size-64");
    writeFileAtomically(dir.filePath("000-batch_size-64/metrics.csv").toStdString(),
                        metricsToCsv(points));
    const std::vector<MetricPoint> read = readTrialMetrics(dir.path().toStdString(), trial);

    QCOMPARE(read.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
      QCOMPARE(read[i].name, points[i].name);
      QCOMPARE(read[i].step, points[i].step);
      QCOMPARE(float(read[i].epoch), float(points[i].epoch));
      QCOMPARE(read[i].samples, points[i].samples);
      QCOMPARE(float(read[i].wall_seconds), float(points[i].wall_seconds));
      if (std::isnan(points[i].value)) {
        QVERIFY(std::isnan(read[i].value));
      } else {
        QCOMPARE(float(read[i].value), float(points[i].value));
      }
    }
  }

  void damagedFileNamesLineAndColumn_data() {
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("text in value") << "name,step,epoch,samples,wall_seconds,value\n"
                                      "lr,1,0.1,32,0.5,0.001\n"
                                      "lr,2,0.2,64,0.6,high\n"
                                   << "/t/metrics.csv:3: value: 'high' is not a number";
    QTest::newRow("fraction in step") << "name,step,epoch,samples,wall_seconds,value\n"
                                         "lr,1.5,0.1,32,0.5,0.001\n"
                                      << "/t/metrics.csv:2: step: '1.5' is not a whole number";
    QTest::newRow("short row") << "name,step,epoch,samples,wall_seconds,value\nlr,1\n"
                               << "/t/metrics.csv:2: expected 6 columns, found 2";
    QTest::newRow("wrong header") << "step,value\n"
                                  << "/t/metrics.csv:1: expected the header";
  }
  void damagedFileNamesLineAndColumn() {
    QFETCH(QString, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const TrialSummary trial = trialIn(dir, "t");
    writeMetrics(dir, "t", content.toStdString());
    try {
      readTrialMetrics(dir.path().toStdString(), trial);
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).startsWith(dir.path() + expected), error.what());
    }
  }

  void missingFileIsAnInputError() {
    QTemporaryDir dir;
    const TrialSummary trial = trialIn(dir, "000-trial");
    QVERIFY_THROWS_EXCEPTION(InputError, readTrialMetrics(dir.path().toStdString(), trial));
  }

  void folderOutsideTheRunIsRejected_data() {
    QTest::addColumn<QString>("folder");
    QTest::newRow("parent") << "..";
    QTest::newRow("climbs out") << "../other-run/000";
    QTest::newRow("climbs out later") << "000/../../x";
    QTest::newRow("absolute") << "/etc";
    QTest::newRow("empty") << "";
  }
  void folderOutsideTheRunIsRejected() {
    QFETCH(QString, folder);
    QTemporaryDir dir;
    TrialSummary trial;
    trial.folder = folder.toStdString();
    try {
      readTrialMetrics(dir.path().toStdString(), trial);
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains("not a folder inside the run folder"), error.what());
    }
  }
};

QTEST_GUILESS_MAIN(tst_metrics_csv)
#include "tst_metrics_csv.moc"
