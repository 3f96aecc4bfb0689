// The "by value" tables the window writes (the Export dialog's box and the report folder's
// tables/) are exactly what `sweeplab-cli table RUNDIR --by KEY` prints, for a learning-rate x
// batch-size grid with two seeds per point: one row per value of a key, mean ± std over the
// seeds and the other key's values.
#include <QCheckBox>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "export_dialog.h"
#include "per_class_fixture.h"
#include "results_export.h"
#include "table_export_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// 2 batch sizes x 3 learning rates x 2 seeds, every result different, one trial failed (it has
// no result and must not count).
RunSummary gridWithSeeds() {
  ExperimentSpec spec = test::tinyExperiment(4);
  spec.name = "grid";
  spec.repeats = 2;
  spec.sweep = {{"training.batch_size", {"64", "256"}},
                {"training.learning_rate", {"1e-4", "1e-3", "1e-2"}}};
  RunSummary run;
  run.experiment_name = "grid";
  run.started_at = "2026-12-01T10:00:00Z";
  run.device = "CPU";
  run.class_names = test::kJscClasses;
  for (const TrialSpec& trial : expandTrials(spec)) {
    const bool failed = trial.index == 5;
    TrialSummary summary =
        trialSummaryHeader(trial, failed ? TrialStatus::Failed : TrialStatus::Finished);
    if (!failed) {
      summary.test_acc = 0.6 + 0.01 * trial.index;
      summary.test_loss = 1.0 - 0.02 * trial.index;
      summary.val_acc = summary.best_val_acc = 0.59 + 0.011 * trial.index;
      summary.epochs_completed = 4;
      summary.wall_seconds = 3 + trial.index;
    }
    run.trials.push_back(summary);
  }
  return run;
}

}  // namespace

class tst_by_value_export : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString run_dir_;

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QVERIFY(dir_.isValid());
    run_dir_ = dir_.filePath("run");
    test::writePerClassRunFolder(run_dir_, gridWithSeeds());
  }

  void dialogWritesWhatTheCommandLinePrints_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("suffix");
    for (const char* key : {"batch_size", "learning_rate"}) {
      QTest::newRow(QByteArray(key).append(" md").constData()) << key << "md"
                                                               << ".md";
      QTest::newRow(QByteArray(key).append(" csv").constData()) << key << "csv"
                                                                << ".csv";
      QTest::newRow(QByteArray(key).append(" latex").constData()) << key << "latex"
                                                                  << ".tex";
    }
  }
  void dialogWritesWhatTheCommandLinePrints() {
    QFETCH(QString, key);
    QFETCH(QString, format);
    QFETCH(QString, suffix);
    ExportDialog dialog(nullptr);
    QVERIFY(dialog.loadRunFolder(run_dir_));
    const QString out = dir_.filePath("export");
    dialog.setOutputDirectory(out);
    test::exportTablesOnly(dialog);
    const QStringList written = dialog.exportFiles();
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    const QString file = QDir(out).filePath("grid-by-" + key + suffix);
    QVERIFY2(written.contains(file), qPrintable(written.join('\n')));
    // No by-value layout for the transposed table or JSON.
    QVERIFY(!QFile::exists(QDir(out).filePath("grid-by-" + key + "-transposed.md")));
    QVERIFY(!QFile::exists(QDir(out).filePath("grid-by-" + key + ".json")));

    const QString printed = test::cliOutput({"table", run_dir_, "--by", key, "--format", format});
    QCOMPARE(test::readText(file), printed);
    // A row per value of the key, each over the seeds and the other key's values.
    if (format == "csv")
      QCOMPARE(printed.trimmed().split('\n').size(), 1 + (key == "batch_size" ? 2 : 3));
  }

  // Unticked, the box writes nothing more than the plain tables.
  void withoutTheBoxNoByValueTables() {
    ExportDialog dialog(nullptr);
    QVERIFY(dialog.loadRunFolder(run_dir_));
    const QString out = dir_.filePath("plain");
    dialog.setOutputDirectory(out);
    for (QCheckBox* check : dialog.findChildren<QCheckBox*>())
      if (check->text().startsWith(QObject::tr("By value"))) check->setChecked(false);
    dialog.exportFiles();
    QVERIFY2(dialog.lastError().isEmpty(), qPrintable(dialog.lastError()));
    QVERIFY(QDir(out).entryList({"*-by-*"}, QDir::Files).isEmpty());
  }
};

QTEST_MAIN(tst_by_value_export)
#include "tst_by_value_export.moc"
