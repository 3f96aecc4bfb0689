// summary.json: everything written is read back unchanged, and broken files give messages that
// say which file and which field is wrong.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

#include "summary_fixture.h"
#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;

namespace {

// NaN never equals itself, so compare "both missing" explicitly.
bool sameValue(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

void writeText(const QString& path, const std::string& text) {
  std::ofstream(path.toStdString()) << text;
}

}  // namespace

class tst_summary_json : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void roundTripKeepsEveryField() {
    const RunSummary written = testing::twoTrialSummary();
    const RunSummary read = runSummaryFromJson(runSummaryToJson(written), "summary.json");

    QCOMPARE(read.experiment_name, written.experiment_name);
    QCOMPARE(read.experiment_file, written.experiment_file);
    QCOMPARE(read.started_at, written.started_at);
    QCOMPARE(read.device, written.device);
    QCOMPARE(read.dataset, written.dataset);
    QCOMPARE(read.dataset_fingerprint, written.dataset_fingerprint);
    QCOMPARE(read.sweeplab_version, written.sweeplab_version);
    QCOMPARE(read.libtorch_version, written.libtorch_version);
    QCOMPARE(read.cpu_model, written.cpu_model);
    QCOMPARE(read.cpu_threads, written.cpu_threads);
    QCOMPARE(read.parallel_trials, written.parallel_trials);
    QCOMPARE(read.threads_per_trial, written.threads_per_trial);
    QCOMPARE(read.dataset_source, written.dataset_source);
    QCOMPARE(read.dataset_content_hash, written.dataset_content_hash);
    QCOMPARE(read.train_rows, written.train_rows);
    QCOMPARE(read.val_rows, written.val_rows);
    QCOMPARE(read.test_rows, written.test_rows);
    QCOMPARE(read.trials.size(), written.trials.size());
    for (std::size_t i = 0; i < written.trials.size(); ++i) {
      const TrialSummary& a = written.trials[i];
      const TrialSummary& b = read.trials[i];
      QCOMPARE(b.index, a.index);
      QCOMPARE(b.label, a.label);
      QVERIFY(b.swept == a.swept);
      QCOMPARE(b.repeat, a.repeat);
      QCOMPARE(b.seed, a.seed);
      QCOMPARE(b.model, a.model);
      QCOMPARE(b.status, a.status);
      QCOMPARE(b.message, a.message);
      for (auto field :
           {&TrialSummary::train_acc, &TrialSummary::train_loss, &TrialSummary::val_acc,
            &TrialSummary::val_loss, &TrialSummary::best_val_acc, &TrialSummary::best_val_loss,
            &TrialSummary::test_acc, &TrialSummary::test_loss, &TrialSummary::test_acc_micro,
            &TrialSummary::wall_seconds}) {
        QVERIFY2(sameValue(b.*field, a.*field), a.label.c_str());
      }
      QCOMPARE(b.best_epoch, a.best_epoch);
      QCOMPARE(b.tested_checkpoint, a.tested_checkpoint);
      QCOMPARE(b.trainable_parameters, a.trainable_parameters);
      QCOMPARE(b.train_rows, a.train_rows);
      QCOMPARE(b.val_rows, a.val_rows);
      QCOMPARE(b.test_rows, a.test_rows);
      QCOMPARE(b.device, a.device);
      QCOMPARE(b.epochs_completed, a.epochs_completed);
      QCOMPARE(b.steps, a.steps);
      QCOMPARE(b.folder, a.folder);
    }
  }

  // Run folders written before the machine and data facts were recorded still open.
  void summaryWithoutEnvironmentFieldsStillReads() {
    const RunSummary read = runSummaryFromJson(
        R"({"format_version": 1, "experiment_name": "old", "device": "CPU",
            "dataset_fingerprint": "abc", "trials": []})",
        "old/summary.json");
    QCOMPARE(read.experiment_name, std::string("old"));
    QCOMPARE(read.dataset_fingerprint, std::string("abc"));
    QVERIFY(read.cpu_model.empty());
    QCOMPARE(read.cpu_threads, 0);
    QVERIFY(read.dataset_content_hash.empty());
    QCOMPARE(read.train_rows, 0LL);
  }

  void missingValuesAreNullAndSweptKeysKeepTheirOrder() {
    RunSummary summary = testing::twoTrialSummary();
    summary.trials[0].swept = {{"training.max_epochs", "50"}, {"training.batch_size", "256"}};
    const std::string json = runSummaryToJson(summary);
    QVERIFY(json.find("\"val_acc\": null") != std::string::npos);
    QVERIFY(json.find("\"format_version\": 1") != std::string::npos);
    QVERIFY(json.find(": nan") == std::string::npos && json.find(": NaN") == std::string::npos);
    QVERIFY(json.find("\n  \"trials\"") != std::string::npos);  // pretty-printed
    const RunSummary read = runSummaryFromJson(json, "summary.json");
    QCOMPARE(read.trials[0].swept.front().first, std::string("training.max_epochs"));
  }

  void everyStatusRoundTrips_data() {
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("queued") << int(TrialStatus::Queued) << "queued";
    QTest::newRow("running") << int(TrialStatus::Running) << "running";
    QTest::newRow("finished") << int(TrialStatus::Finished) << "finished";
    QTest::newRow("stopped") << int(TrialStatus::Stopped) << "stopped";
    QTest::newRow("diverged") << int(TrialStatus::Diverged) << "diverged";
    QTest::newRow("failed") << int(TrialStatus::Failed) << "failed";
    QTest::newRow("interrupted") << int(TrialStatus::Interrupted) << "interrupted";
  }
  void everyStatusRoundTrips() {
    QFETCH(int, status);
    QFETCH(QString, name);
    QCOMPARE(QString(toString(TrialStatus(status))), name);
    QCOMPARE(int(trialStatusFromString(name.toStdString())), status);
  }

  void unknownStatusNamesTheChoices() {
    try {
      trialStatusFromString("done");
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY(QString(error.what()).contains("'done'"));
      QVERIFY(QString(error.what()).contains("finished"));
    }
  }

  void brokenJsonNamesFileAndField_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << "{\"trials\": ["
                            << "run/summary.json: not valid JSON";
    QTest::newRow("wrong type") << R"({"trials": [{"test_acc": "high"}]})"
                                << "run/summary.json: trials[0].test_acc: expected a number";
    QTest::newRow("bad status") << R"({"trials": [{}, {"status": "done"}]})"
                                << "run/summary.json: trials[1].status: unknown trial status";
    QTest::newRow("trials not a list") << R"({"trials": 3})"
                                       << "run/summary.json: trials: expected a list";
    QTest::newRow("newer format") << R"({"format_version": 7})"
                                  << "run/summary.json: format_version: 7 is newer";
  }
  void brokenJsonNamesFileAndField() {
    QFETCH(QString, json);
    QFETCH(QString, expected);
    try {
      runSummaryFromJson(json.toStdString(), "run/summary.json");
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).startsWith(expected), error.what());
    }
  }

  void writeAndReadRunFolder() {
    QTemporaryDir dir;
    const RunSummary written = testing::twoTrialSummary();
    writeRunSummary(dir.path().toStdString(), written);
    QVERIFY(QFile::exists(dir.filePath("summary.json")));
    const RunSummary read = readRunSummary(dir.path().toStdString());
    QCOMPARE(read.trials.size(), std::size_t(2));
    QCOMPARE(read.trials[1].message, written.trials[1].message);
  }

  void readingAFolderWithoutSummarySaysSo() {
    QTemporaryDir dir;
    const std::string runDir = dir.path().toStdString();
    try {
      readRunSummary(runDir);
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QCOMPARE(std::string(error.what()),
               runDir + ": no summary.json (is this a Sweeplab run folder?)");
    }
  }

  void readingAMissingFolderSaysSo() {
    QTemporaryDir dir;
    const std::string missing = dir.filePath("nope").toStdString();
    try {
      readRunSummary(missing);
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QCOMPARE(std::string(error.what()), missing + ": no such folder");
    }
  }

  void readingACorruptFileNamesIt() {
    QTemporaryDir dir;
    writeText(dir.filePath("summary.json"), "not json");
    try {
      readRunSummary(dir.path().toStdString());
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).startsWith(dir.filePath("summary.json") + ": not valid JSON"),
               error.what());
    }
  }
};

QTEST_GUILESS_MAIN(tst_summary_json)
#include "tst_summary_json.moc"
