// The History tab as a person uses it: past runs listed and filtered; one reopened with its
// form, curves and table; trials of two experiments overlaid; renamed, annotated, deleted with
// its run folder; and a run started in the window lands in the history.
#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <memory>

#include "charts/curve_panel.h"
#include "display_format.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "history/history_panel.h"
#include "main_window.h"
#include "stored_run_fixture.h"
#include "sweep_presenter.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/repeat_statistics.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"
#include "trial_table_model.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;
using test::kEpochs;
using test::kStepPoints;
using test::storeExperiment;

namespace {

// Statuses compared as text: QTest would take sweeplab::toString's static text for its own and
// free it when a comparison fails.
QString statusText(TrialStatus status) {
  return QString::fromLatin1(toString(status));
}

}  // namespace

class tst_history_panel : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString store_;
  long long alpha_ = 0, beta_ = 0;

  std::unique_ptr<MainWindow> window() {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setStoreSetting(store_);
    return w;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    qunsetenv("SWEEPLAB_STORE");
    QVERIFY(dir_.isValid());
    store_ = dir_.filePath("history/runs.sqlite");
    RunStore store(store_.toStdString());
    ExperimentSpec alpha = test::tinyExperiment();
    alpha.name = "alpha";
    alpha_ = storeExperiment(store, alpha, dir_.filePath("runs/alpha"), "2026-01-05T10:00:00Z",
                             TrialStatus::Finished);
    ExperimentSpec beta = test::tinyExperiment();
    beta.name = "beta";
    beta.model.name = "jsc-tiny-x10";
    beta.sweep = {{"training.learning_rate", {"1e-3", "1e-2", "1e-1"}}};
    beta_ = storeExperiment(store, beta, dir_.filePath("runs/beta"), "2026-01-07T10:00:00Z",
                            TrialStatus::Diverged);
  }

  void listsAndFilters() {
    HistoryPanel panel;
    panel.setStorePath(store_);
    QCOMPARE(panel.experimentCount(), 2);
    QCOMPARE(panel.tree()->topLevelItem(0)->text(0), QString("#%1 beta").arg(beta_));  // newest
    QCOMPARE(panel.tree()->topLevelItem(0)->childCount(), 3);
    QCOMPARE(panel.tree()->topLevelItem(1)->text(2), QString("finished"));

    auto* name = panel.findChild<QLineEdit*>("historyName");
    name->setText("ALPH");
    QCOMPARE(panel.experimentCount(), 1);
    QCOMPARE(panel.tree()->topLevelItem(0)->text(0), QString("#%1 alpha").arg(alpha_));
    name->clear();

    panel.findChild<QLineEdit*>("historyModel")->setText("x10");
    QCOMPARE(panel.experimentCount(), 1);
    panel.findChild<QLineEdit*>("historyModel")->clear();

    auto* status = panel.findChild<QComboBox*>("historyStatus");
    status->setCurrentIndex(status->findData("diverged"));
    QCOMPARE(panel.experimentCount(), 1);
    QCOMPARE(panel.tree()->topLevelItem(0)->text(2), QString("incomplete"));
    status->setCurrentIndex(0);

    panel.findChild<QDateEdit*>("historySince")->setDate(QDate(2026, 1, 6));
    QCOMPARE(panel.experimentCount(), 1);
    panel.findChild<QDateEdit*>("historyUntil")->setDate(QDate(2026, 1, 6));
    QCOMPARE(panel.experimentCount(), 0);

    panel.findChild<QLineEdit*>("historyDataset")->setText("no such data");
    QCOMPARE(panel.experimentCount(), 0);
  }

  // Checking an experiment's row checks every trial of it (for Overlay); checking one trial
  // shows the experiment as partly checked. Accuracies read as in the trials table.
  void checkingAnExperimentChecksItsTrials() {
    HistoryPanel panel;
    panel.setStorePath(store_);
    QTreeWidgetItem* beta = panel.tree()->topLevelItem(0);
    QCOMPARE(beta->checkState(0), Qt::Unchecked);
    auto* overlay = panel.findChild<QPushButton*>("historyOverlay");
    QVERIFY(overlay);
    QVERIFY(!overlay->isEnabled());

    beta->setCheckState(0, Qt::Checked);
    QCOMPARE(panel.checkedTrials().size(), size_t(3));
    for (const StoredTrialRef& ref : panel.checkedTrials()) QCOMPARE(ref.first, beta_);
    QVERIFY(overlay->isEnabled());

    beta->child(1)->setCheckState(0, Qt::Unchecked);
    QCOMPARE(beta->checkState(0), Qt::PartiallyChecked);
    QCOMPARE(panel.checkedTrials().size(), size_t(2));

    QTreeWidgetItem* alpha = panel.tree()->topLevelItem(1);
    QVERIFY(alpha->child(1)->text(4).endsWith(" %"));
    QCOMPARE(alpha->child(1)->text(4), formatPercent(0.61));
  }

  // Reopening shows the experiment as it ended: its settings in the form, every stored point
  // in the curves, the summaries in the table, ready for export.
  void reopenShowsFormCurvesAndTable() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(alpha_));
    QCOMPARE(w->form()->spec().name, std::string("alpha"));
    QCOMPARE(w->form()->spec().sweep.at(0).key, std::string("training.batch_size"));
    CurvePanel* curves = w->curves();
    QCOMPARE(curves->seriesCount(0), 2);
    for (int trial = 0; trial < 2; ++trial) {
      QCOMPARE(curves->pointCount(0, trial), kStepPoints);
      QCOMPARE(curves->pointCount(1, trial), kEpochs);
      QCOMPARE(statusText(w->trialTable()->status(trial)), statusText(TrialStatus::Finished));
    }
    QCOMPARE(w->trialTable()->rowCount(), 2);
    QVERIFY(w->presenter()->lastSummary());
    QCOMPARE(w->presenter()->lastSummary()->trials.at(1).test_acc, 0.61);
    QCOMPARE(w->presenter()->lastRunDirectory(), dir_.filePath("runs/alpha"));
  }

  // Trials of two experiments in one chart and one table, each with its run in its label.
  void overlaysTrialsOfTwoExperiments() {
    QSettings().remove("curves/xAxis");  // no person's choice: the window picks the axis
    auto w = window();
    QVERIFY(w->overlayExperiments({alpha_, beta_}));
    // alpha swept the batch size: its trials' steps per epoch differ, so epochs line them up.
    QCOMPARE(w->curves()->xAxis(), XAxisKind::Epoch);
    QCOMPARE(w->history()->checkedTrials().size(), size_t(5));
    QCOMPARE(w->curves()->seriesCount(0), 5);
    QCOMPARE(w->curves()->seriesCount(1), 5);
    QCOMPARE(w->trialTable()->rowCount(), 5);
    for (int trial = 0; trial < 5; ++trial) QCOMPARE(w->curves()->pointCount(1, trial), kEpochs);
    // In the history's order: the newest experiment first.
    QCOMPARE(statusText(w->trialTable()->status(2)), statusText(TrialStatus::Diverged));
    const RunSummary& shown = *w->presenter()->lastSummary();
    QCOMPARE(shown.trials.at(0).label, std::string("run=beta #2, trial=learning_rate=1e-3"));
    QCOMPARE(shown.trials.at(3).label, std::string("run=alpha #1, trial=batch_size=64"));
    // Seed statistics group trials by run and grid point, never across experiments.
    const std::vector<std::pair<std::string, std::string>> alphaPoint{
        {"run", "alpha #1"}, {"training.batch_size", "64"}};
    QCOMPARE(shown.trials.at(3).swept, alphaPoint);
    QVERIFY(!hasSeedRepeats(shown));

    // Only the checked trials: one of each.
    w->history()->setTrialsChecked(alpha_, false);
    w->history()->setTrialsChecked(beta_, false);
    QVERIFY(w->overlayFromHistory({{alpha_, 1}, {beta_, 0}}));
    QCOMPARE(w->curves()->seriesCount(0), 2);
  }

  void renameAnnotateAndDeleteWithFiles() {
    const QString store = dir_.filePath("edit/runs.sqlite");
    long long id = 0;
    {
      RunStore writable(store.toStdString());
      ExperimentSpec spec = test::tinyExperiment();
      id = storeExperiment(writable, spec, dir_.filePath("runs/doomed"), "2026-01-08T10:00:00Z",
                           TrialStatus::Finished);
    }
    HistoryPanel panel;
    panel.setConfirmations(false);
    panel.setStorePath(store);
    QVERIFY(panel.renameExperiment(id, "  kept for the report "));
    QCOMPARE(panel.tree()->topLevelItem(0)->text(0), QString("#%1 kept for the report").arg(id));
    QCOMPARE(panel.selectedExperiment(), id);
    QVERIFY(panel.setNote(id, "lr 1e-3 is the best\nsee figure 2"));
    QCOMPARE(panel.tree()->topLevelItem(0)->text(5), QString("lr 1e-3 is the best see figure 2"));
    QCOMPARE(RunStore(store.toStdString(), false).experiment(id).note,
             std::string("lr 1e-3 is the best\nsee figure 2"));
    QVERIFY(!panel.renameExperiment(id, "   "));  // a name cannot be empty

    QVERIFY(QDir(dir_.filePath("runs/doomed")).exists());
    QVERIFY(panel.deleteExperiment(id));
    QVERIFY(!QDir(dir_.filePath("runs/doomed")).exists());
    QCOMPARE(panel.experimentCount(), 0);
  }

  // A sweep run from the window is recorded and shows in the history when it ends.
  void runInTheWindowLandsInTheHistory() {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setStoreSetting(dir_.filePath("recorded/runs.sqlite"));
    w->setRunsDirectory(dir_.filePath("window-runs"));
    w->form()->setSpec(test::tinyExperiment(2, 2000));
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QVERIFY(finished.wait(180000) || finished.count() == 1);
    QCOMPARE(w->history()->experimentCount(), 1);
    RunStore store(dir_.filePath("recorded/runs.sqlite").toStdString(), false);
    const StoredExperiment e = store.experiments().at(0);
    QCOMPARE(e.status, std::string("finished"));
    QCOMPARE(QString::fromStdString(e.run_dir), w->presenter()->lastRunDirectory());
    const RunSummary stored = store.runSummary(e.id);
    QCOMPARE(runSummaryToJson(stored), runSummaryToJson(*w->presenter()->lastSummary()));
    for (const StoredTrial& trial : store.trials(e.id))
      QCOMPARE(int(store.metricPoints(trial.id).size()),
               int(readTrialMetrics(e.run_dir, trial.summary).size()));
  }
};

QTEST_MAIN(tst_history_panel)
#include "tst_history_panel.moc"
