// sweeplab-cli and the run store, as processes: two runs writing the same store at once both
// land whole; a run reopened from the store gives the run folder's table and curve points; the
// history lists and filters; a store that cannot be used never costs the run; pruned trials read
// as pruned at their epoch in the history, the tables and the study's best.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"
#include "sweeplab/interop_exports.h"
#include "sweeplab/optimisation_history.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/run_store.h"

using namespace sweeplab;

namespace {

// Small batches and a point every step: thousands of points, written while training goes on.
QString experimentText(const QString& name, const QString& model) {
  return "name: " + name +
         "\n"
         "dataset:\n"
         "  source: synthetic-jsc\n"
         "  samples: 60000\n"
         "model: " +
         model +
         "\n"
         "training:\n"
         "  batch_size: 16\n"
         "  max_epochs: 3\n"
         "  learning_rate: 1e-3\n"
         "  log_every_n_steps: 1\n"
         "repeats: 2\n"
         "sweep:\n"
         "  training.learning_rate: [1e-3, 1e-2]\n";
}

void writeFile(const QString& path, const QString& text) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(text.toUtf8());
}

QString runFolderOf(const CliResult& result) {
  const QRegularExpressionMatch match =
      QRegularExpression("\\nRun folder: (.+)\\n").match(result.out);
  return match.hasMatch() ? match.captured(1) : QString();
}

long long storedIdOf(const CliResult& result) {
  const QRegularExpressionMatch match =
      QRegularExpression("\\nRun store: .+ \\(experiment (\\d+)\\)\\n").match(result.out);
  return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

// A random search with ASHA on trials that train in seconds: seed 7's learning rates range from
// 1.8e-4 to 0.077, so ASHA's first rung stops the slowest learners and lets the others complete.
const char* const kPrunedStudy =
    "name: pruned\n"
    "dataset:\n"
    "  source: synthetic-jsc\n"
    "  samples: 3000\n"
    "model: jsc-tiny\n"
    "training:\n"
    "  batch_size: 64\n"
    "  max_epochs: 3\n"
    "search: {method: random, trials: 8, seed: 7}\n"
    "pruning: {method: asha, min_epochs: 1, reduction_factor: 3}\n"
    "sweep:\n"
    "  training.learning_rate: {log_uniform: [1e-4, 1e-1]}\n"
    "  training.batch_size: [32, 64, 128]\n"
    "parallel_trials: 1\n";

// One CSV record's fields (RFC 4180 quoting), for a line without line breaks in its fields.
QStringList csvFields(const QString& line) {
  QStringList fields;
  QString field;
  bool quoted = false;
  for (int i = 0; i < line.size(); ++i) {
    const QChar c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      field += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields << field;
      field.clear();
    } else {
      field += c;
    }
  }
  return fields << field;
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class tst_cli_store : public QObject {
  Q_OBJECT

  QTemporaryDir work_;
  CliRunner cli_;
  QString store_;

  // Every trial of the run folder is in the store with the same summary and the same points.
  void checkStoredRunMatchesFolder(const QString& runDir, long long id) {
    RunStore store(store_.toStdString(), false);
    const RunSummary fromFolder = readRunSummary(runDir.toStdString());
    QCOMPARE(runSummaryToJson(store.runSummary(id)), runSummaryToJson(fromFolder));
    const std::vector<StoredTrial> trials = store.trials(id);
    QCOMPARE(trials.size(), fromFolder.trials.size());
    for (const StoredTrial& trial : trials) {
      const QString folder = runDir + "/" + QString::fromStdString(trial.summary.folder);
      QCOMPARE(QByteArray::fromStdString(metricsToCsv(store.metricPoints(trial.id))),
               readAll(folder + "/" + kMetricsFileName));
      QVERIFY(store.artifacts(trial.id).size() >= 5);
    }
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(work_.isValid());
    cli_.setCacheHome(work_.filePath("cache"));
    store_ = work_.filePath("history/runs.sqlite");
    writeFile(work_.filePath("a.yaml"), experimentText("alpha", "jsc-tiny"));
    writeFile(work_.filePath("b.yaml"), experimentText("beta", "jsc-tiny-x10"));
  }

  // Two processes write the same database at the same time; WAL and the busy timeout make
  // each wait for the other's short transactions instead of failing. The runs are long enough
  // (a few seconds each) to overlap even when one process starts late on a busy machine.
  void twoRunsWriteTheStoreAtOnce() {
    CliProcess first(cli_), second(cli_);
    first.start(
        {"run", work_.filePath("a.yaml"), "--store", store_, "--out", work_.filePath("runs")});
    second.start(
        {"run", work_.filePath("b.yaml"), "--store", store_, "--out", work_.filePath("runs")});
    const CliResult a = first.finish(), b = second.finish();
    QVERIFY2(a.exitCode == 0, qPrintable(a.err));
    QVERIFY2(b.exitCode == 0, qPrintable(b.err));
    // No store warning (a trial's own dead-class warning may appear: lr 1e-2 at batch 16).
    QVERIFY2(!a.err.contains("sweeplab-cli: warning") && !b.err.contains("sweeplab-cli: warning"),
             qPrintable(a.err + b.err));
    const long long idA = storedIdOf(a), idB = storedIdOf(b);
    QVERIFY2(idA > 0 && idB > 0 && idA != idB, qPrintable(a.out + b.out));

    checkStoredRunMatchesFolder(runFolderOf(a), idA);
    checkStoredRunMatchesFolder(runFolderOf(b), idB);
    RunStore store(store_.toStdString(), false);
    QCOMPARE(store.experiment(idA).status, std::string("finished"));
    QCOMPARE(store.experiment(idB).status, std::string("finished"));
    QVERIFY(store.metricPoints(store.trials(idA).at(0).id).size() > 5000);
    // The two trained at the same time, so their writes did interleave.
    const auto span = [&](long long id) {
      const std::vector<StoredTrial> trials = store.trials(id);
      const StoredTrial& last = trials.back();
      return std::make_pair(trials.front().started_unix,
                            last.started_unix + last.summary.wall_seconds);
    };
    const auto [startA, endA] = span(idA);
    const auto [startB, endB] = span(idB);
    QVERIFY2(std::max(startA, startB) < std::min(endA, endB), "the two runs did not overlap");
  }

  // `table ID` reads the store and prints what `table RUNDIR` prints from the files.
  void tableOfAStoredRunEqualsTheRunFolders_data() {
    QTest::addColumn<QString>("format");
    for (const char* format : {"md", "md-transposed", "csv", "latex", "json", "repeats-csv"})
      QTest::newRow(format) << format;
  }
  void tableOfAStoredRunEqualsTheRunFolders() {
    QFETCH(QString, format);
    RunStore store(store_.toStdString(), false);
    HistoryFilter alpha;
    alpha.name = "alpha";
    const std::vector<StoredExperiment> found = store.experiments(alpha);
    QVERIFY2(!found.empty(), "the run alpha is not in the store");
    const StoredExperiment e = found.front();
    const CliResult fromStore =
        cli_.run({"table", QString::number(e.id), "--store", store_, "--format", format});
    const CliResult fromFolder =
        cli_.run({"table", QString::fromStdString(e.run_dir), "--format", format});
    QVERIFY2(fromStore.exitCode == 0, qPrintable(fromStore.err));
    QCOMPARE(fromStore.out, fromFolder.out);
    if (format == "md") QVERIFY(fromStore.out.contains("Welch's t-test"));  // repeats: 2
  }

  // Each trial's curves also come as TensorBoard CSV downloads with absolute wall times.
  void tensorBoardCsvsHoldTheCurves() {
    RunStore store(store_.toStdString(), false);
    const std::vector<StoredExperiment> experiments = store.experiments();
    QVERIFY2(!experiments.empty(), "the store holds no run");
    const std::vector<StoredTrial> trials = store.trials(experiments.front().id);
    QVERIFY2(trials.size() > 1, "the first stored run has fewer than two trials");
    const StoredExperiment e = experiments.front();
    const StoredTrial trial = trials[1];
    const QString folder = QString::fromStdString(e.run_dir + "/" + trial.summary.folder + "/" +
                                                  kTensorBoardCsvFolder);
    const QString file =
        QString::fromStdString(tensorBoardCsvFileName(trial.summary.folder, "val_acc_epoch"));
    const QStringList lines =
        QString::fromUtf8(readAll(folder + "/" + file)).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QString("Wall time,Step,Value"));
    std::vector<MetricPoint> val;
    for (const MetricPoint& p : store.metricPoints(trial.id))
      if (p.name == "val_acc_epoch") val.push_back(p);
    QCOMPARE(lines.size() - 1, int(val.size()));
    for (size_t i = 0; i < val.size(); ++i) {
      const QStringList fields = lines[int(i) + 1].split(',');
      QCOMPARE(fields.value(1).toLongLong(), val[i].step);
      QCOMPARE(float(fields.value(2).toDouble()), float(val[i].value));
      // Within a second of the trial's start as the store recorded it.
      QVERIFY(std::fabs(fields.value(0).toDouble() - trial.started_unix - val[i].wall_seconds) <
              1.0);
    }
  }

  void historyListsAndFilters() {
    const CliResult all = cli_.run({"history", "--store", store_});
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    QVERIFY(all.out.startsWith("ID  Started (UTC)"));
    QVERIFY(
        all.out.contains(QRegularExpression("\\n\\d+ +\\S+ \\S+ +alpha +finished +4 +jsc-tiny ")));
    QVERIFY(all.out.contains(
        QRegularExpression("\\n\\d+ +\\S+ \\S+ +beta +finished +4 +jsc-tiny-x10 ")));

    const CliResult byModel = cli_.run({"history", "--store", store_, "--model", "X10"});
    QCOMPARE(byModel.out.count('\n'), 2);
    QVERIFY(byModel.out.contains(" beta "));

    const CliResult trials =
        cli_.run({"history", "--store", store_, "--trials", "--name", "alpha"});
    QCOMPARE(trials.out.count('\n'), 5);
    QVERIFY(trials.out.contains(
        QRegularExpression("\\n\\d+ +4 +learning_rate=1e-2 seed=1 +jsc-tiny +finished ")));

    const CliResult none = cli_.run({"history", "--store", store_, "--status", "diverged"});
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.out.startsWith("no experiments in "));

    const CliResult badDate = cli_.run({"history", "--store", store_, "--since", "yesterday"});
    QCOMPARE(badDate.exitCode, 2);
    QVERIFY(badDate.err.contains("--since: 'yesterday' is not a date"));
  }

  // The XDG data folder is the default home of the store; --store none writes none.
  void defaultLocationAndTurningItOff() {
    CliRunner runner;
    runner.setCacheHome(work_.filePath("cache"));
    runner.setDataHome(work_.filePath("xdg"));
    const CliResult off = runner.run({"run", work_.filePath("a.yaml"), "--quiet", "--store", "none",
                                      "--set", "repeats=1", "--out", work_.filePath("runs")});
    QCOMPARE(off.exitCode, 0);
    QVERIFY(!off.out.contains("Run store:"));
    QVERIFY(!QFile::exists(work_.filePath("xdg/sweeplab/runs.sqlite")));
    const CliResult on = runner.run({"run", work_.filePath("a.yaml"), "--quiet", "--set",
                                     "repeats=1", "--out", work_.filePath("runs")});
    QCOMPARE(on.exitCode, 0);
    QVERIFY2(on.out.contains("Run store: " + work_.filePath("xdg/sweeplab/runs.sqlite") +
                             " (experiment 1)\n"),
             qPrintable(on.out));
  }

  // A store that cannot be opened gives one warning; the run and its folder are complete.
  void unusableStoreWarnsAndTheRunGoesOn() {
    writeFile(work_.filePath("a-file"), "not a folder");
    const CliResult result =
        cli_.run({"run", work_.filePath("a.yaml"), "--quiet", "--set", "repeats=1", "--store",
                  work_.filePath("a-file/runs.sqlite"), "--out", work_.filePath("runs")});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.errLines().size(), 1);
    QVERIFY2(result.err.startsWith("sweeplab-cli: warning: run store not used: "),
             qPrintable(result.err));
    QVERIFY(QFile::exists(runFolderOf(result) + "/summary.json"));
    QVERIFY(!result.out.contains("Run store:"));

    const CliResult table = cli_.run({"table", "1", "--store", work_.filePath("nowhere.sqlite")});
    QCOMPARE(table.exitCode, 2);
    QVERIFY(table.err.contains("no run store here"));
  }

  // A study whose pruner stopped trials ends as finished (exit 0); the history's trials, the
  // Markdown table and the CSV say each pruned trial's epoch, and only a completed trial can be
  // the study's best (docs/insight.md).
  void prunedTrialsInHistoryAndTables() {
    writeFile(work_.filePath("pruned.yaml"), kPrunedStudy);
    const QString store = work_.filePath("pruned.sqlite");
    const CliResult run = cli_.run({"run", work_.filePath("pruned.yaml"), "--quiet", "--store",
                                    store, "--out", work_.filePath("runs")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const RunSummary summary = readRunSummary(runFolderOf(run).toStdString());
    std::vector<TrialSummary> pruned;
    for (const TrialSummary& trial : summary.trials)
      if (trial.status == TrialStatus::Pruned) pruned.push_back(trial);
    QVERIFY2(pruned.size() >= 2 && pruned.size() < summary.trials.size(),
             "the study should prune some trials and complete others");

    const CliResult experiments = cli_.run({"history", "--store", store});
    QVERIFY2(experiments.out.contains(QRegularExpression("\\n1 +\\S+ \\S+ +pruned +finished +8 ")),
             qPrintable(experiments.out));
    const CliResult trials = cli_.run({"history", "--store", store, "--trials"});
    const CliResult onlyPruned =
        cli_.run({"history", "--store", store, "--trials", "--status", "pruned"});
    QCOMPARE(onlyPruned.out.count('\n'), 1 + int(pruned.size()));
    const CliResult markdown = cli_.run({"table", runFolderOf(run)});
    const QStringList csv = cli_.run({"table", runFolderOf(run), "--format", "csv"})
                                .out.split('\n', Qt::SkipEmptyParts);
    const QStringList header = csvFields(csv.value(0));
    for (const TrialSummary& trial : pruned) {
      const QString label = QRegularExpression::escape(QString::fromStdString(trial.label));
      const QString status = QString("pruned at epoch %1").arg(trial.epochs_completed);
      const QRegularExpression listed(
          QString("\\n1 +%1 +%2 +jsc-tiny +%3 ").arg(trial.index + 1).arg(label, status));
      QVERIFY2(trials.out.contains(listed), qPrintable(trials.out));
      QVERIFY2(onlyPruned.out.contains(listed), qPrintable(onlyPruned.out));
      QVERIFY2(markdown.out.contains(QRegularExpression("\\n\\| " + label + " +\\| " + status +
                                                        " +\\| jsc-tiny +\\| +\\d+ \\| +" +
                                                        QString::number(trial.epochs_completed))),
               qPrintable(markdown.out));
      const QStringList row = csvFields(csv.value(trial.index + 1));
      QCOMPARE(row.value(header.indexOf("status")), QString("pruned"));
      QCOMPARE(row.value(header.indexOf("epochs_completed")).toInt(), trial.epochs_completed);
      QVERIFY2(row.value(header.indexOf("message")).startsWith(status + " (rung "),
               qPrintable(csv.value(trial.index + 1)));
    }

    const OptimisationHistory history = optimisationHistory(summary, {"best_val_acc", true, true});
    QCOMPARE(history.pruned, int(pruned.size()));
    double bestCompleted = -1;
    for (const TrialSummary& trial : summary.trials)
      if (trial.status == TrialStatus::Finished)
        bestCompleted = std::max(bestCompleted, trial.best_val_acc);
    QCOMPARE(summary.trials.at(size_t(history.best_trial)).status, TrialStatus::Finished);
    QCOMPARE(history.best_value, bestCompleted);
  }
};

QTEST_GUILESS_MAIN(tst_cli_store)
#include "tst_cli_store.moc"
