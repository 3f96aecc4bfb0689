// What the kill-and-resume tests share: the studies to kill, the never-killed run of each to
// compare with, and the checks that a run folder and its store hold only whole trials equal to
// that run's.
#pragma once

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>
#include <initializer_list>
#include <map>

#include "cli_runner.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

namespace sweeplab::testing {

inline constexpr int kEpochs = 3;
// The killed runs pause inside every file write (see writeFileAtomically), so that many of
// the kills land in the middle of a checkpoint, metrics or summary write.
inline constexpr const char* kWritePauseMs = "5";

// A study the test kills: its file, its trial count and how many times it is killed.
struct Study {
  const char* name;
  const char* yaml;
  int trials;
  int iterations;
};

inline const Study kGridStudy{"kill_resume",
                              "name: kill_resume\n"
                              "dataset:\n"
                              "  source: synthetic-jsc\n"
                              "  samples: 3000\n"
                              "model: jsc-tiny\n"
                              "training:\n"
                              "  batch_size: 64\n"
                              "  max_epochs: 3\n"
                              "  log_every_n_steps: 5\n"
                              "repeats: 2\n"
                              "sweep:\n"
                              "  training.learning_rate: [0.01, 0.003]\n"
                              "parallel_trials: 1\n",
                              4, 20};

// TPE's first 10 trials are random start-up trials (TpeOptions::startupTrials, not set from the
// file), so 14 trials give four real suggestions; ASHA's rungs at epochs 1 and 3 prune most of
// them, some at each rung. One trial at a time: with parallel workers what TPE and ASHA see
// when they decide depends on timing, and two runs could differ. Fewer kills than the grid's,
// spread over the whole run (the run takes about 3 s), keep the case short.
inline const Study kTpeAshaStudy{"kill_resume_tpe",
                                 "name: kill_resume_tpe\n"
                                 "dataset:\n"
                                 "  source: synthetic-jsc\n"
                                 "  samples: 3000\n"
                                 "model: jsc-tiny\n"
                                 "training:\n"
                                 "  batch_size: 64\n"
                                 "  max_epochs: 3\n"
                                 "  log_every_n_steps: 5\n"
                                 "search: {method: tpe, trials: 14, seed: 7}\n"
                                 "pruning: {method: asha, min_epochs: 1, reduction_factor: 3}\n"
                                 "sweep:\n"
                                 "  training.learning_rate: {log_uniform: [1e-4, 1e-1]}\n"
                                 "  training.batch_size: [32, 64, 128]\n"
                                 "parallel_trials: 1\n",
                                 14, 6};

// What a never-killed run ended with, per trial index.
struct Reference {
  std::map<int, TrialSummary> trials;
  std::map<int, QByteArray> metrics;  // metrics.csv without the wall-time column
  double seconds_after_folder = 0;    // how long a (paused) run trains once its folder exists
};

inline bool hasEnded(const TrialSummary& trial) {
  return trial.status == TrialStatus::Finished || trial.status == TrialStatus::Pruned;
}

// The folder the run created inside `outDir`, or "" while there is none.
inline QString onlyRunFolder(const QString& outDir) {
  const QStringList entries = QDir(outDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
  return entries.size() == 1 ? outDir + "/" + entries.first() : QString();
}

// The columns that must match between two runs of one trial: all but wall_seconds.
inline QByteArray metricsWithoutWallTime(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  QByteArray kept;
  for (const QByteArray& line : file.readAll().split('\n')) {
    QList<QByteArray> fields = line.split(',');
    if (fields.size() == 6) fields.removeAt(4);
    kept += fields.join(',') + '\n';
  }
  return kept;
}

// A torch checkpoint is a zip archive, whose central directory ends the file: a truncated or
// half-written one has no end-of-central-directory record near its end.
inline bool isCompleteZip(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly) || file.size() < 22) return false;
  const qint64 tail = std::min<qint64>(file.size(), 4096);
  file.seek(file.size() - tail);
  return file.read(tail).contains(QByteArray("PK\x05\x06", 4));
}

inline QStringList leftoverTemporaryFiles(const QString& runDir) {
  QStringList found;
  QDirIterator it(runDir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString name = QFileInfo(it.next()).fileName();
    if (name.startsWith('.') && name.contains(".tmp-")) found << name;
  }
  return found;
}

// The base of a kill-and-resume test class: a scratch folder, sweeplab-cli with a dataset cache
// in it, and the never-killed runs.
class KillResumeFixture {
 protected:
  QTemporaryDir dir_;
  CliRunner cli_;
  std::map<QString, Reference> references_;  // by study name

  QString path(const QString& name) const { return dir_.path() + "/" + name; }

  // The scratch folder, the dataset cache in it and the never-killed run of each study; a
  // failed check here fails the initTestCase that called it.
  void runReferences(std::initializer_list<const Study*> studies) {
    QVERIFY(dir_.isValid());
    cli_.setCacheHome(path("cache"));
    for (const Study* study : studies) {
      runReference(*study);
      if (QTest::currentTestFailed()) return;
    }
  }

  // Starts `sweeplab-cli run` on the study with the write pauses, into outDir.
  void startRun(QProcess& process, const Study& study, const QString& outDir,
                const QString& storePath) {
    cli_.configure(process, dir_.path());
    QProcessEnvironment environment = process.processEnvironment();
    environment.insert("SWEEPLAB_TEST_SLOW_WRITES_MS", kWritePauseMs);
    process.setProcessEnvironment(environment);
    process.setArguments(
        {"run", QString(study.name) + ".yaml", "--out", outDir, "--store", storePath, "--quiet"});
    process.start();
  }

  // The sweep never killed, with the same write pauses, timed from its folder's creation.
  void runReference(const Study& study) {
    QFile file(path(QString(study.name) + ".yaml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(study.yaml);
    file.close();

    const QString outDir = path(QString("reference-%1").arg(study.name));
    QProcess process;
    startRun(process, study, outDir, path(QString("reference-%1.sqlite").arg(study.name)));
    QElapsedTimer sinceFolder;
    while (process.state() != QProcess::NotRunning && !sinceFolder.isValid()) {
      process.waitForFinished(10);
      if (!onlyRunFolder(outDir).isEmpty()) sinceFolder.start();
    }
    QVERIFY(process.waitForFinished(120000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    Reference& reference = references_[study.name];
    reference.seconds_after_folder = sinceFolder.isValid() ? sinceFolder.elapsed() / 1000.0 : 1;
    const QString runDir = onlyRunFolder(outDir);
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QCOMPARE(int(summary.trials.size()), study.trials);
    int pruned = 0;
    for (const TrialSummary& trial : summary.trials) {
      QVERIFY2(hasEnded(trial), trial.label.c_str());
      pruned += trial.status == TrialStatus::Pruned;
      reference.trials[trial.index] = trial;
      reference.metrics[trial.index] = metricsWithoutWallTime(
          runDir + "/" + QString::fromStdString(trial.folder) + "/" + kMetricsFileName);
    }
    qInfo("reference sweep %s: %d trials (%d pruned), %.2f s from its run folder to its end",
          study.name, study.trials, pruned, reference.seconds_after_folder);
  }

  // Everything an ended trial (finished or pruned) promises, in the folder: its summary entry,
  // metrics and checkpoints, complete and readable.
  void checkEndedTrialFiles(const QString& runDir, const TrialSummary& trial) {
    QVERIFY2(std::isfinite(trial.test_acc), trial.label.c_str());
    if (trial.status == TrialStatus::Finished) QCOMPARE(trial.epochs_completed, kEpochs);
    std::vector<MetricPoint> points;
    try {
      points = readTrialMetrics(runDir.toStdString(), trial);
    } catch (const std::exception& error) {
      QFAIL(error.what());
    }
    int epochs = 0;
    for (const MetricPoint& point : points) epochs += point.name == metric::kValAccEpoch;
    QCOMPARE(epochs, trial.epochs_completed);
    const QString folder = runDir + "/" + QString::fromStdString(trial.folder);
    for (const char* checkpoint : {"best.pt", "last.pt"})
      QVERIFY2(isCompleteZip(folder + "/" + checkpoint),
               qPrintable(folder + "/" + checkpoint + " is missing or incomplete"));
  }

  // One trial against the never-killed run's: the values it was given (tpe suggests them), how
  // it ended and at which epoch, its numbers and its metrics.csv.
  void checkTrialMatchesReference(const QString& runDir, const Reference& reference,
                                  const TrialSummary& trial) {
    const TrialSummary& expected = reference.trials.at(trial.index);
    const QByteArray which = QByteArray("trial ") + QByteArray::number(trial.index + 1) + " (" +
                             expected.label.c_str() + ")";
    QVERIFY2(trial.swept == expected.swept,
             qPrintable(which + " was given " + QString::fromStdString(trial.label)));
    QVERIFY2(trial.status == expected.status, qPrintable(which + ": " + trial.message.c_str()));
    QVERIFY2(trial.message == expected.message, qPrintable(which + ": " + trial.message.c_str()));
    QCOMPARE(trial.epochs_completed, expected.epochs_completed);
    QCOMPARE(trial.best_val_acc, expected.best_val_acc);
    QCOMPARE(trial.test_acc, expected.test_acc);
    QCOMPARE(metricsWithoutWallTime(runDir + "/" + QString::fromStdString(trial.folder) + "/" +
                                    kMetricsFileName),
             reference.metrics.at(trial.index));
  }

  // After resume: one experiment, every trial ended as in the reference with its numbers, each
  // trial's points recorded once (none left over from the killed attempt).
  void checkEndedSweep(const Study& study, const QString& runDir, const QString& storePath) {
    const Reference& reference = references_.at(study.name);
    const RunSummary summary = readRunSummary(runDir.toStdString());
    QVERIFY(!summary.finished_at.empty());
    QCOMPARE(int(summary.trials.size()), study.trials);
    for (const TrialSummary& trial : summary.trials) {
      checkTrialMatchesReference(runDir, reference, trial);
      checkEndedTrialFiles(runDir, trial);
      if (QTest::currentTestFailed()) return;
    }
    QCOMPARE(leftoverTemporaryFiles(runDir), QStringList());

    const RunStore store(storePath.toStdString(), false);
    const std::vector<StoredExperiment> experiments = store.experiments();
    QCOMPARE(int(experiments.size()), 1);
    QCOMPARE(experiments[0].status, std::string("finished"));
    const std::vector<StoredTrial> trials = store.trials(experiments[0].id);
    QCOMPARE(int(trials.size()), study.trials);
    for (const StoredTrial& stored : trials) {
      const TrialSummary& expected = reference.trials.at(stored.summary.index);
      QCOMPARE(stored.summary.status, expected.status);
      QCOMPARE(stored.summary.test_acc, expected.test_acc);
      const std::vector<MetricPoint> inStore = store.metricPoints(stored.id);
      const std::vector<MetricPoint> inFolder =
          readTrialMetrics(runDir.toStdString(), stored.summary);
      QCOMPARE(inStore.size(), inFolder.size());
      QVERIFY(store.artifacts(stored.id).size() >= 3);
    }
  }
};

}  // namespace sweeplab::testing
