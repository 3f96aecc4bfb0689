// The window sends the quick demo to a real Slurm (tests/support/slurm_fixture.h) and follows
// it as it follows a local sweep: the status column shows Slurm's states, the curves grow from
// the run folder the array tasks write, every row finishes, and the History lists the run.
#include <QAction>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <set>

#include "charts/curve_panel.h"
#include "engine_bridge.h"
#include "history/history_panel.h"
#include "main_window.h"
#include "slurm_fixture.h"
#include "sweep_presenter.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"
#include "trial_table_model.h"

using namespace sweeplab;
using namespace sweeplab::ui;
using sweeplab::test_support::SlurmCluster;

class tst_cluster_window : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  std::unique_ptr<SlurmCluster> cluster_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
    cluster_ = std::make_unique<SlurmCluster>();
    SWEEPLAB_REQUIRE_SLURM_CLUSTER(*cluster_);
    // The test binary has no sweeplab-cli beside it; the tasks run the one just built.
    qputenv("SWEEPLAB_CLI_PROGRAM", SWEEPLAB_CLI);
  }

  void theQuickDemoRunsOnSlurmAndGrowsLiveInTheWindow() {
    MainWindow w;
    w.setConfirmations(false);
    w.setRunsDirectory(dir_.filePath("runs"));
    w.setStoreSetting(dir_.filePath("history.sqlite"));
    QVERIFY(w.openFile(longerDemo()));
    QVERIFY(w.action("submit")->isEnabled());

    std::set<QString> shown;  // every status text the table showed
    auto* table = w.trialTable();
    connect(table, &QAbstractItemModel::dataChanged, this, [&] {
      for (int row = 0; row < table->rowCount(); ++row)
        shown.insert(
            table->index(row, table->columnOf(TrialTableModel::Column::Status)).data().toString());
    });
    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    QSignalSpy failed(w.bridge(), &EngineBridge::error);
    QSignalSpy points(w.bridge(), &EngineBridge::metricsArrived);
    SlurmSettings settings;
    settings.array_parallelism = 2;
    QVERIFY(w.submitToCluster(settings));
    QVERIFY(w.bridge()->isFollowingCluster());
    QVERIFY(w.action("stop")->isEnabled());
    QVERIFY2(finished.wait(180000) || finished.count() == 1,
             failed.isEmpty() ? "no end in 3 minutes" : qPrintable(failed.at(0).at(0).toString()));

    // Slurm's own states showed while the array ran; the records' at the end.
    QVERIFY2(shown.count(QStringLiteral("pending")),
             qPrintable(QStringList(shown.begin(), shown.end()).join(", ")));
    bool sawNode = false;
    for (const QString& text : shown)
      sawNode = sawNode || text.startsWith(QStringLiteral("running on "));
    QVERIFY2(sawNode, qPrintable(QStringList(shown.begin(), shown.end()).join(", ")));
    // The curves grew in several steps (epochs written as the tasks trained), not at once.
    QVERIFY2(points.count() >= 4, qPrintable(QString::number(points.count())));
    for (int trial = 0; trial < 4; ++trial) {
      QCOMPARE(table->status(trial), TrialStatus::Finished);
      QVERIFY(w.curves()->pointCount(0, trial) > 0);
    }
    const QString runDir = w.presenter()->lastRunDirectory();
    QVERIFY(QFile::exists(runDir + QStringLiteral("/slurm/submissions.json")));

    // The History lists the cluster run, finished.
    w.history()->refresh();
    const RunStore* store = w.history()->store();
    QVERIFY(store);
    const long long id = store->experimentForRunDir(QDir(runDir).absolutePath().toStdString());
    QVERIFY(id > 0);
    QCOMPARE(store->experiment(id).status, std::string("finished"));
    QCOMPARE(store->trials(id).size(), size_t(4));
  }

  void stopCancelsAndResumeResubmits() {
    MainWindow w;
    w.setConfirmations(false);
    w.setRunsDirectory(dir_.filePath("runs-stopped"));
    w.setStoreSetting(dir_.filePath("history.sqlite"));
    QVERIFY(w.openFile(longerDemo()));
    QSignalSpy started(w.bridge(), &EngineBridge::trialStarted);
    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    SlurmSettings settings;
    settings.array_parallelism = 1;  // trials 2 to 4 wait while trial 1 trains
    QVERIFY(w.submitToCluster(settings));
    QVERIFY(started.wait(60000));
    w.stopRun();  // scancel of the run's job
    QVERIFY(finished.wait(120000) || finished.count() == 1);
    QCOMPARE(w.trialTable()->status(3), TrialStatus::Stopped);
    const QString runDir = w.presenter()->lastRunDirectory();
    const RunSummary stopped = readRunSummary(runDir.toStdString());
    for (const TrialSummary& trial : stopped.trials)
      QVERIFY2(trial.status == TrialStatus::Finished || trial.message.rfind("cancelled", 0) == 0,
               trial.message.c_str());

    QVERIFY(w.action("resume")->isEnabled());
    finished.clear();
    w.action("resume")->trigger();
    QVERIFY(w.bridge()->isFollowingCluster());
    QVERIFY(finished.wait(180000) || finished.count() == 1);
    for (int trial = 0; trial < 4; ++trial)
      QCOMPARE(w.trialTable()->status(trial), TrialStatus::Finished);
  }

  void cleanupTestCase() { cluster_.reset(); }

 private:
  // The quick demo with trials of a few seconds, so that the polls catch them training.
  QString longerDemo() {
    QFile demo(QStringLiteral(SWEEPLAB_SOURCE_DIR "/experiments/quick_demo.yaml"));
    if (!demo.open(QIODevice::ReadOnly)) return {};
    QString text = QString::fromUtf8(demo.readAll());
    text.replace(QStringLiteral("samples: 100000"), QStringLiteral("samples: 300000"));
    text.replace(QStringLiteral("max_epochs: 10"), QStringLiteral("max_epochs: 60"));
    QFile longer(dir_.filePath("cluster_demo.yaml"));
    if (!longer.open(QIODevice::WriteOnly)) return {};
    longer.write(text.toUtf8());
    return longer.fileName();
  }
};

QTEST_MAIN(tst_cluster_window)
#include "tst_cluster_window.moc"
