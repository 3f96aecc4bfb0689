// The store recorder: it fills the run store from observer calls (every point, each trial's
// config and start, the final summary), marks a sweep that never finished interrupted, and
// warns and steps aside when the store cannot be opened.
#include <QFile>
#include <QtTest>

#include "store_test_support.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"
#include "sweeplab/store_recorder.h"
#include "sweeplab/trial.h"

using namespace sweeplab;

namespace {

ExperimentSpec sweepSpec() {
  ExperimentSpec spec;
  spec.name = "recorded";
  spec.sweep = {{"training.batch_size", {"64", "128"}}};
  return spec;
}

}  // namespace

class tst_store_recorder : public QObject, private FreshStorePaths {
  Q_OBJECT

 private Q_SLOTS:
  // The recorder turns observer calls into rows: every point, each trial's config and start,
  // the final summary. Points are written in batches, not one transaction each.
  void recorderWritesASweep() {
    const std::string path = freshPath();
    const ExperimentSpec spec = sweepSpec();
    SweepInfo info;
    info.trials = expandTrials(spec);
    info.device = "CPU";
    info.dataset = "synthetic-jsc";
    std::vector<std::string> warnings;
    StoreRecorder recorder(
        path, spec, [&](const std::string& w) { warnings.push_back(w); }, 100);
    recorder.sweepStarted(info);
    RunSummary run;
    run.experiment_name = spec.name;
    run.started_at = "2026-01-01T00:00:00Z";
    run.device = "CPU";
    run.writer_host = currentHost();
    run.writer_pid = currentProcessId();
    run.finished_at = "2026-01-01T00:05:00Z";
    for (const TrialSpec& trial : info.trials) {
      recorder.trialStarted(trial.index);
      const std::vector<MetricPoint> points = pointsOf(250, trial.index);
      for (size_t i = 0; i < points.size(); i += 3)
        recorder.metricPoints(
            trial.index, {points.begin() + i, points.begin() + std::min(points.size(), i + 3)});
      TrialSummary done;
      done.index = trial.index;
      done.label = trial.label();
      done.swept = trial.swept;
      done.model = "jsc-tiny";
      done.status = TrialStatus::Finished;
      done.test_acc = 0.7 + trial.index * 0.01;
      done.folder = trial.folderName();
      recorder.trialFinished(trial.index, done);
      run.trials.push_back(done);
    }
    recorder.sweepFinished(run);
    const long long id = recorder.finish();
    QVERIFY2(warnings.empty(), warnings.empty() ? "" : warnings.front().c_str());
    QVERIFY(id > 0);

    RunStore store(path);
    const StoredExperiment e = store.experiment(id);
    QCOMPARE(e.status, std::string("finished"));
    QCOMPARE(e.name, std::string("recorded"));
    QCOMPARE(e.config_yaml, saveExperimentYaml(spec));
    const std::vector<StoredTrial> trials = store.trials(id);
    QCOMPARE(trials.size(), size_t(2));
    for (const StoredTrial& trial : trials) {
      QCOMPARE(metricsToCsv(store.metricPoints(trial.id)),
               metricsToCsv(pointsOf(250, trial.summary.index)));
      QCOMPARE(trial.config_yaml, saveExperimentYaml(info.trials[trial.summary.index].spec));
      QVERIFY(trial.started_unix > 1.6e9);
      QCOMPARE(trial.started_at.size(), size_t(20));
    }
    // The store adds what the recorder saw itself: when each trial started and who trained it.
    RunSummary stored = store.runSummary(id);
    for (TrialSummary& trial : stored.trials) {
      QCOMPARE(trial.writer.pid, currentProcessId());
      QCOMPARE(trial.started_at.size(), size_t(20));
      trial.started_at.clear();
      trial.writer = TrialWriter{};
    }
    QCOMPARE(runSummaryToJson(stored), runSummaryToJson(run));
  }

  void recorderMarksAnUnfinishedSweepInterrupted() {
    const std::string path = freshPath();
    const ExperimentSpec spec = sweepSpec();
    SweepInfo info;
    info.trials = expandTrials(spec);
    long long id = 0;
    {
      StoreRecorder recorder(path, spec, nullptr);
      recorder.sweepStarted(info);
      recorder.trialStarted(0);
      recorder.metricPoints(0, pointsOf(5, 0));
      id = recorder.finish();  // the runner threw: no trialFinished, no sweepFinished
    }
    RunStore store(path);
    QCOMPARE(store.experiment(id).status, std::string("interrupted"));
    QCOMPARE(statusText(store.trials(id).at(0).summary.status),
             statusText(TrialStatus::Interrupted));
    QCOMPARE(store.metricPoints(store.trials(id).at(0).id).size(), size_t(5));
  }

  // A store that cannot be opened costs a warning, never the run.
  void recorderWarnsWhenTheStoreCannotBeOpened() {
    const QString blocker = dir_.filePath("a-file");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const std::string path = (blocker + "/runs.sqlite").toStdString();
    std::vector<std::string> warnings;
    StoreRecorder recorder(path, sweepSpec(), [&](const std::string& w) { warnings.push_back(w); });
    SweepInfo info;
    info.trials = expandTrials(sweepSpec());
    recorder.sweepStarted(info);
    recorder.trialStarted(0);
    recorder.metricPoints(0, pointsOf(3, 0));
    recorder.trialFinished(0, TrialSummary{});
    recorder.sweepFinished(RunSummary{});
    QCOMPARE(recorder.finish(), 0LL);
    QCOMPARE(warnings.size(), size_t(1));
    QVERIFY2(QString::fromStdString(warnings[0]).contains(blocker), warnings[0].c_str());
    QVERIFY(QString::fromStdString(warnings[0]).contains("the run folder keeps every result"));
  }
};

QTEST_GUILESS_MAIN(tst_store_recorder)
#include "tst_store_recorder.moc"
