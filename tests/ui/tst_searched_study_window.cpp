// Searched studies in the window. A tpe study's trials are listed as placeholders ("trial N (not
// suggested yet)") until a worker asks TPE for their values; from the trial's start on, the
// trials table, the curves' legend and the Summary tab show the suggested values, while the sweep
// runs and after it ends. A random search is a search while it runs too: the Summary tab opens
// on its optimisation history and ranks by the study's objective, though its trials' own specs
// no longer say how they were chosen.
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <optional>
#include <set>

#include "charts/curve_panel.h"
#include "engine_bridge.h"
#include "insight/summary_choices.h"
#include "insight/summary_view.h"
#include "main_window.h"
#include "sweeplab/experiment_io.h"
#include "trial_table_model.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

const QString kPlaceholder = QStringLiteral("not suggested yet");

// Four trials, one at a time: TPE suggests each when the one before has ended.
const char* const kStudy =
    "name: tpe_labels\n"
    "dataset:\n  source: synthetic-jsc\n  samples: 1500\n"
    "model:\n  name: mlp\n  hidden: [8]\n"
    "training:\n  batch_size: 256\n  max_epochs: 2\n  log_every_n_steps: 5\n"
    "search:\n  method: tpe\n  trials: 4\n  seed: 3\n"
    "sweep:\n"
    "  training.learning_rate: {log_uniform: [1e-4, 1e-1]}\n"
    "  model.hidden: {choice: [[8], [16]]}\n"
    "parallel_trials: 1\n"
    "device: cpu\n";

QString cell(const TrialTableModel& table, int row, int column, int role = Qt::DisplayRole) {
  return table.data(table.index(row, column), role).toString();
}

// The swept cells of a trial's row, empty strings where no value is shown.
QStringList sweptCells(const TrialTableModel& table, int trial) {
  QStringList cells;
  const int row = table.rowOfTrial(trial);
  for (int column = 1; column <= table.sweptColumnCount(); ++column)
    cells << cell(table, row, column);
  return cells;
}

QString curveLabel(const CurvePanel& curves, int trial) {
  for (const FigureChart& chart : curves.figureData().charts)
    for (const FigureCurve& curve : chart.curves)
      if (curve.trial == trial) return curve.label;
  return {};
}

// The trial as the Summary tab has it now.
std::optional<TrialSummary> liveTrial(const SummaryView& summary, int trial) {
  for (const SummaryRun& run : summary.runs())
    for (const TrialSummary& found : run.summary.trials)
      if (found.index == trial) return found;
  return std::nullopt;
}

}  // namespace

class tst_searched_study_window : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
  }

  // The bridge hands the suggestion over just before the trial's start, with its values.
  void bridgeDeliversEachSuggestionBeforeItsStart() {
    EngineBridge bridge;
    std::vector<QString> events;
    connect(&bridge, &EngineBridge::trialSuggested, this, [&](const TrialSpec& trial) {
      QVERIFY(!trial.swept.empty());
      QVERIFY(!QString::fromStdString(trial.label()).contains(kPlaceholder));
      events.push_back(QString("suggested %1").arg(trial.index));
    });
    connect(&bridge, &EngineBridge::trialStarted, this,
            [&](int trial) { events.push_back(QString("start %1").arg(trial)); });
    QSignalSpy finished(&bridge, &EngineBridge::sweepFinished);
    RunOptions options;
    options.out_dir = dir_.filePath("bridge").toStdString();
    options.cache_dir.clear();
    bridge.start(loadExperimentText(kStudy, "tpe_labels.yaml"), options);
    QVERIFY(finished.wait(120000));
    const std::vector<QString> expected = {"suggested 0", "start 0", "suggested 1", "start 1",
                                           "suggested 2", "start 2", "suggested 3", "start 3"};
    QCOMPARE(events, expected);
  }

  void randomSearchOpensOnItsHistoryWhileItRuns() {
    QString text = kStudy;
    text.replace("method: tpe", "method: random")
        .replace("trials: 4", "trials: 3")
        .replace("  seed: 3\n", "  seed: 3\n  objective:\n    metric: best_val_loss\n");
    const QString path = dir_.filePath("random_history.yaml");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.close();
    MainWindow w;
    w.setConfirmations(false);
    w.setRunsDirectory(dir_.filePath("runs"));
    QVERIFY(w.openFile(path));
    int checked = 0;
    connect(w.bridge(), &EngineBridge::trialFinished, this, [&](const TrialSummary&) {
      const std::optional<StudyObjective> objective = w.summary()->objective();
      QVERIFY(objective && objective->searched);
      QCOMPARE(objective->metric, std::string("best_val_loss"));
      QVERIFY(!objective->maximize);
      QCOMPARE(w.summary()->choice().kind, SummaryKind::History);
      ++checked;
    });
    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w.startRun());
    QVERIFY(finished.wait(120000));
    QCOMPARE(checked, 3);
    QCOMPARE(w.summary()->history().history.points.size(), size_t(3));
  }

  // In the window: placeholders at the start, the values from each trial's start on.
  void windowShowsSuggestedValuesFromEachTrialsStart() {
    const QString path = dir_.filePath("tpe_labels.yaml");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(kStudy);
    file.close();
    MainWindow w;
    w.setConfirmations(false);
    w.setRunsDirectory(dir_.filePath("runs"));
    QVERIFY(w.openFile(path));
    const TrialTableModel& table = *w.trialTable();
    const CurvePanel& curves = *w.curves();

    std::set<int> checked_while_running;
    connect(w.bridge(), &EngineBridge::trialStarted, this, [&](int trial) {
      // Every view has taken the suggestion by the time the trial's start arrives.
      const QStringList cells = sweptCells(table, trial);
      QVERIFY2(!cells.contains(QString()), qPrintable(cells.join(" | ")));
      const QString tip = cell(table, table.rowOfTrial(trial), 0, Qt::ToolTipRole);
      QVERIFY2(!tip.contains(kPlaceholder), qPrintable(tip));
      QVERIFY(tip.contains("learning_rate="));
      const QString legend = curveLabel(curves, trial);
      QVERIFY2(legend.contains("learning_rate=") && !legend.contains(kPlaceholder),
               qPrintable(legend));
      const std::optional<TrialSummary> live = liveTrial(*w.summary(), trial);
      QVERIFY(live);
      QCOMPARE(live->swept.size(), size_t(2));
      // A trial not started yet still waits for its values.
      if (trial + 1 < table.rowCount()) {
        QVERIFY(sweptCells(table, trial + 1).join("").isEmpty());
        QVERIFY(cell(table, trial + 1, 0, Qt::ToolTipRole).contains(kPlaceholder));
      }
      checked_while_running.insert(trial);
    });
    QSignalSpy finished(w.bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w.startRun());

    // The study's keys are columns from the start; no trial has values yet.
    QCOMPARE(table.rowCount(), 4);
    QCOMPARE(table.sweptColumnCount(), 2);
    QCOMPARE(table.headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(),
             QString("learning_rate"));
    QCOMPARE(table.headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), QString("hidden"));
    QVERIFY(sweptCells(table, 0).join("").isEmpty());
    QVERIFY(cell(table, 0, 0, Qt::ToolTipRole).contains(kPlaceholder));
    // Trials without values are not seed repeats of one point: each has its own line and colour.
    QVERIFY(!curves.hasRepeatBands());
    QVERIFY(table.data(table.index(0, 0), Qt::DecorationRole) !=
            table.data(table.index(1, 0), Qt::DecorationRole));

    QVERIFY(finished.wait(120000));
    QCOMPARE(checked_while_running, (std::set<int>{0, 1, 2, 3}));
    const RunSummary summary = finished.first().first().value<RunSummary>();
    for (const TrialSummary& trial : summary.trials) {
      QCOMPARE(trial.status, TrialStatus::Finished);
      const QStringList cells = sweptCells(table, trial.index);
      QCOMPARE(cells.size(), 2);
      QCOMPARE(cells[0], QString::fromStdString(roundedDrawnValue(trial.swept.at(0).second)));
      QCOMPARE(cells[1], QString::fromStdString(trial.swept.at(1).second));
      const QString legend = curveLabel(curves, trial.index);
      QCOMPARE(legend, QString::fromStdString(trial.label));
      QVERIFY(
          !cell(table, table.rowOfTrial(trial.index), 0, Qt::ToolTipRole).contains(kPlaceholder));
    }
    test::saveScreenshot(&w, "tpe-live-labels");
  }
};

QTEST_MAIN(tst_searched_study_window)
#include "tst_searched_study_window.moc"
