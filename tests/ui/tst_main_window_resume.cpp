// Resume in the window: a run whose process died part-way (its folder says so), reopened from
// the history, offers Resume; Resume trains only the trials that did not end, with the seeds
// they had, so the sweep ends with the numbers of a sweep that was never interrupted.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <set>

#include "ended_process.h"
#include "engine_bridge.h"
#include "history/history_panel.h"
#include "main_window.h"
#include "sweep_presenter.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"
#include "trial_table_model.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// Rewrites a finished run folder as a killed process leaves it: trial 1 was training (its
// record says running, by a process that has ended), trial 2 had not started (no folder).
void makeLookKilled(const QString& runDir) {
  const std::string dir = runDir.toStdString();
  RunSummary run = readRunRecord(dir);
  run.writer_host = currentHost();
  run.writer_pid = sweeplab::test_support::endedProcessId();
  writeRunRecord(dir, run);
  TrialSummary training = run.trials.at(1);
  training.status = TrialStatus::Running;
  training.writer.host = run.writer_host;
  training.writer.pid = run.writer_pid;
  writeTrialRecord(dir, training);
  QFile::remove(runDir + "/" + QString::fromStdString(training.folder) + "/" + kMetricsFileName);
  QDir(runDir + "/" + QString::fromStdString(run.trials[2].folder)).removeRecursively();
}

// The store as a process killed after the folder's last trial record but before the store's
// write leaves it: the last trial still running there, by a process that has ended.
void makeStoreFallBehind(const std::string& storePath, long long id) {
  RunStore store(storePath, false);
  RunSummary behind = store.runSummary(id);
  TrialSummary& last = behind.trials.back();
  last.status = TrialStatus::Running;
  last.writer.host = currentHost();
  last.writer.pid = sweeplab::test_support::endedProcessId();
  store.recordRun(id, behind, "running");
}

}  // namespace

class tst_main_window_resume : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
  }

  void resumeTrainsOnlyTheTrialsThatDidNotEnd() {
    ExperimentSpec spec = test::tinyExperiment(2);
    spec.name = "resume_in_window";
    spec.sweep = {{"training.batch_size", {"64", "128", "256"}}};
    const QString path = dir_.filePath("resume.yaml");
    saveExperimentFile(spec, path.toStdString());

    MainWindow w;
    w.setConfirmations(false);
    w.setRunsDirectory(dir_.filePath("runs"));
    w.setStoreSetting(dir_.filePath("history.sqlite"));
    QVERIFY(w.openFile(path));
    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w.startRun());
    QVERIFY(finished.wait(120000));
    const QString runDir = w.presenter()->lastRunDirectory();
    QVERIFY(!runDir.isEmpty());
    QVERIFY2(!w.action("resume")->isEnabled(), "every trial finished: nothing to resume");
    const RunSummary uninterrupted = readRunSummary(runDir.toStdString());

    makeLookKilled(runDir);
    QCOMPARE(readRunSummary(runDir.toStdString()).trials[1].status, TrialStatus::Interrupted);

    // The person opens the run from the history the next morning.
    w.history()->refresh();
    const RunStore* store = w.history()->store();
    QVERIFY(store);
    const long long id = store->experimentForRunDir(QDir(runDir).absolutePath().toStdString());
    QVERIFY(id > 0);
    QVERIFY(w.reopenFromHistory(id));
    QVERIFY(w.action("resume")->isEnabled());
    QCOMPARE(w.action("resume")->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));

    QSignalSpy started(w.bridge(), &EngineBridge::trialStarted);
    finished.clear();
    w.action("resume")->trigger();
    QVERIFY(w.bridge()->isRunning() || !finished.isEmpty());
    QCOMPARE(w.trialTable()->status(0), TrialStatus::Finished);  // kept, shown from the folder
    QVERIFY(finished.wait(120000) || finished.count() == 1);

    std::set<int> trained;
    for (const QList<QVariant>& call : started) trained.insert(call.at(0).toInt());
    QCOMPARE(trained, (std::set<int>{1, 2}));
    const RunSummary resumed = readRunSummary(runDir.toStdString());
    QVERIFY(!resumed.finished_at.empty());
    QCOMPARE(resumed.trials.size(), uninterrupted.trials.size());
    for (size_t i = 0; i < resumed.trials.size(); ++i) {
      QCOMPARE(resumed.trials[i].status, TrialStatus::Finished);
      QCOMPARE(resumed.trials[i].seed, uninterrupted.trials[i].seed);
      QCOMPARE(resumed.trials[i].test_acc, uninterrupted.trials[i].test_acc);
      QCOMPARE(w.trialTable()->status(static_cast<int>(i)), TrialStatus::Finished);
    }
    QVERIFY(!w.action("resume")->isEnabled());
    // The store's experiment is the same one, now finished.
    w.history()->refresh();
    QCOMPARE(w.history()->store()->experiment(id).status, std::string("finished"));

    // Killed after the folder recorded the end but before the store did: the store reads
    // interrupted; Resume indexes the folder first, so the store catches up and nothing trains.
    // The History tab's Resume button reopens it and resumes in one click.
    makeStoreFallBehind(dir_.filePath("history.sqlite").toStdString(), id);
    w.history()->refresh();
    w.history()->selectExperiment(id);
    auto* resumeButton = w.history()->findChild<QPushButton*>("historyResume");
    QVERIFY(resumeButton);
    QVERIFY2(resumeButton->isEnabled(), "the store reads interrupted");
    started.clear();
    finished.clear();
    resumeButton->click();
    QVERIFY(!w.bridge()->isRunning());
    QCOMPARE(started.count(), 0);
    w.history()->refresh();
    QCOMPARE(w.history()->store()->experiment(id).status, std::string("finished"));
    QVERIFY(!w.action("resume")->isEnabled());
    w.history()->selectExperiment(id);
    QVERIFY2(!resumeButton->isEnabled(), "every trial finished and the store says so");
  }

  void resumeWithoutARunSaysSo() {
    MainWindow w;
    w.setConfirmations(false);
    QVERIFY(!w.action("resume")->isEnabled());
    QVERIFY(!w.resumeRun());
    QVERIFY(!w.bridge()->isRunning());
  }
};

QTEST_MAIN(tst_main_window_resume)
#include "tst_main_window_resume.moc"
