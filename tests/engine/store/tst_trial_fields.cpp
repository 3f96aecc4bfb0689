// The one table of trial fields: every field, set to a value of its own, comes back unchanged
// through the trial JSON, the store's trial columns and (for the fields it shows) the results
// CSV, and the table keeps the names that files, scripts and stores already use.
#include <QTemporaryDir>
#include <QtTest>

#include <set>

#include "results/csv_text.h"
#include "results/trial_fields.h"
#include "sweeplab/results_table.h"
#include "sweeplab/run_store.h"

using namespace sweeplab;

namespace {

using T = TrialSummary;

// A value for each field that no other field has, so a field read into the wrong place shows.
TrialSummary everyFieldSet() {
  TrialSummary trial;
  int n = 0;
  for (const TrialField& field : trialFields()) {
    ++n;
    std::visit(Overloaded{
                   [&](int T::*m) { trial.*m = n; },
                   [&](long long T::*m) { trial.*m = 1000000000000LL + n; },
                   [&](double T::*m) { trial.*m = n + 0.125; },
                   [&](std::string T::*m) { trial.*m = "text, \"" + std::to_string(n) + "\""; },
                   [&](TrialStatus T::*m) { trial.*m = TrialStatus::Diverged; },
                   [&](SweptValues T::*m) {
                     trial.*m = {{"training.batch_size", "64"}};
                   },
                   [&](std::vector<double> T::*m) {
                     trial.*m = {n + 0.5, kNoValue};
                   },
                   [&](std::vector<long long> T::*m) {
                     trial.*m = {n, 7, 9};
                   },
                   [&](std::vector<int> T::*m) { trial.*m = {n}; },
                   [&](TrialWriter T::*m) { trial.*m = {"node3", 4100 + n, "11", "10", "2", "1"}; },
               },
               field.member);
  }
  trial.index = 0;
  trial.folder = "000-batch_size-64";
  return trial;
}

// Field by field, by the table's own key, so a failure names the field.
void compareEveryField(const TrialSummary& read, const TrialSummary& written, const char* via) {
  for (const TrialField& field : trialFields()) {
    const Json a = trialFieldsToJson(read, false)[field.key];
    const Json b = trialFieldsToJson(written, false)[field.key];
    QVERIFY2(a == b, qPrintable(QString("%1 through %2: %3 != %4")
                                    .arg(field.key, via, QString::fromStdString(a.dump()),
                                         QString::fromStdString(b.dump()))));
  }
}

}  // namespace

class tst_trial_fields : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void namesStayAsFilesAndScriptsKnowThem() {
    std::set<std::string> keys, columns;
    for (const TrialField& field : trialFields()) {
      QVERIFY2(keys.insert(field.key).second, field.key);
      QVERIFY2(columns.insert(field.column).second, field.column);
      if (field.csv) QCOMPARE(std::string(field.csv), std::string(field.key));
    }
    for (const char* key :
         {"index", "label", "swept", "status", "best_val_acc", "test_acc", "test_class_recall",
          "wall_seconds", "folder", "started_at", "finished_at", "writer"})
      QVERIFY2(keys.count(key), key);
    QCOMPARE(trialFields().front().column, "trial_index");
  }

  void jsonRoundTrip() {
    const TrialSummary written = everyFieldSet();
    const TrialSummary read = trialSummaryFromJson(trialSummaryToJson(written), "trial.json");
    compareEveryField(read, written, "JSON");
    // The results table's JSON leaves out what only the records keep.
    const Json table = trialSummaryToJson(written, true);
    QVERIFY(!table.contains("started_at") && !table.contains("writer"));
    QVERIFY(table.contains("test_confusion"));
  }

  void storeRoundTrip() {
    QTemporaryDir dir;
    RunStore store(dir.filePath("runs.sqlite").toStdString());
    const long long id = store.addExperiment({"fields", "2026-01-01T00:00:00Z"});
    const TrialSummary written = everyFieldSet();
    store.saveTrial(id, written);
    compareEveryField(store.trials(id).at(0).summary, written, "the store");
    store.saveTrial(id, written);  // an update writes the same columns
    QCOMPARE(store.trials(id).size(), size_t(1));
    compareEveryField(store.trials(id).at(0).summary, written, "a store update");
  }

  void csvRoundTrip() {
    RunSummary run;
    run.trials = {everyFieldSet()};
    const std::string csv = formatResultsTable(run, TableFormat::Csv);
    const std::size_t newline = csv.find('\n');
    const std::vector<std::string> header = splitCsvRecord(csv.substr(0, newline), "header");
    const std::vector<std::string> row =
        splitCsvRecord(csv.substr(newline + 1, csv.find('\n', newline + 1) - newline - 1), "row");
    QCOMPARE(row.size(), header.size());
    int shown = 0;
    for (const TrialField& field : trialFields()) {
      if (!field.csv) continue;
      ++shown;
      const auto column = std::find(header.begin(), header.end(), field.csv);
      QVERIFY2(column != header.end(), field.csv);
      QCOMPARE(row[column - header.begin()], trialFieldCsvValue(field, run.trials[0]));
    }
    QCOMPARE(shown, 27);                                      // the columns scripts read, unchanged
    QCOMPARE(header[2], std::string("training.batch_size"));  // swept keys after the label
    QCOMPARE(row[2], std::string("64"));
  }
};

QTEST_GUILESS_MAIN(tst_trial_fields)
#include "tst_trial_fields.moc"
