// Results tables: the exact text of every format for a small run, and the escaping that keeps
// labels and messages intact in Markdown, LaTeX and CSV.
#include <QtTest>

#include "expected_tables.h"
#include "summary_fixture.h"
#include "sweeplab/errors.h"
#include "sweeplab/results_table.h"

using namespace sweeplab;

namespace {

RunSummary summaryWithLabel(const std::string& label, const std::string& message = "") {
  RunSummary summary = testing::twoTrialSummary();
  summary.trials.resize(1);
  summary.trials[0].label = label;
  summary.trials[0].message = message;
  return summary;
}

// The fixture's run as a sweep of `key`, the given value per trial.
RunSummary sweepOf(const std::string& key, const std::vector<std::string>& values) {
  RunSummary summary = testing::twoTrialSummary();
  for (std::size_t i = 0; i < summary.trials.size(); ++i)
    summary.trials[i].swept = {{key, values[i]}};
  return summary;
}

QStringList csvHeader(const RunSummary& summary, bool perClass) {
  TableOptions options;
  options.per_class_recall = perClass;
  const std::string table = formatResultsTable(summary, TableFormat::Csv, options);
  return QString::fromStdString(table.substr(0, table.find('\n'))).split(',');
}

// The first data line of a table (header and rule lines skipped).
std::string lineOf(const std::string& table, int index) {
  std::size_t begin = 0;
  for (int i = 0; i < index; ++i) begin = table.find('\n', begin) + 1;
  return table.substr(begin, table.find('\n', begin) - begin);
}

}  // namespace

class tst_results_table : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyFormatGivesTheExpectedText_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("md") << "md" << testing::kMarkdown;
    QTest::newRow("md-transposed") << "md-transposed" << testing::kMarkdownTransposed;
    QTest::newRow("csv") << "csv" << testing::kCsv;
    QTest::newRow("latex") << "latex" << testing::kLatex;
    QTest::newRow("json") << "json" << testing::kJson;
  }
  void everyFormatGivesTheExpectedText() {
    QFETCH(QString, format);
    QFETCH(QString, expected);
    const std::string table =
        formatResultsTable(testing::twoTrialSummary(), tableFormatFromString(format.toStdString()));
    QCOMPARE(QString::fromStdString(table), expected);
  }

  void csvHeaderNamesEachColumnOnce_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("perClass");
    // "model" is what a model sweep in a file writes; it names the standard model column too.
    QTest::newRow("model") << "model"
                           << "model.name" << false;
    QTest::newRow("model.name") << "model.name"
                                << "model.name" << false;
    QTest::newRow("batch size") << "training.batch_size"
                                << "training.batch_size" << false;
    QTest::newRow("model, per class") << "model"
                                      << "model.name" << true;
  }
  void csvHeaderNamesEachColumnOnce() {
    QFETCH(QString, key);
    QFETCH(QString, column);
    QFETCH(bool, perClass);
    const QStringList header = csvHeader(sweepOf(key.toStdString(), {"64", "128"}), perClass);
    for (const QString& name : header) QVERIFY2(header.count(name) == 1, qPrintable(name));
    QCOMPARE(header.indexOf(column), 2);  // right after index and label, as before
    QCOMPARE(header.count("model"), 1);
  }

  void unknownFormatNamesTheChoices() {
    try {
      tableFormatFromString("xlsx");
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QCOMPARE(QString(error.what()),
               "unknown table format 'xlsx' (allowed: md, md-transposed, csv, latex, json, "
               "repeats-csv)");
    }
  }

  void latexEscapesSpecialCharacters_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("escaped");
    QTest::newRow("underscore") << "batch_size=64"
                                << R"(batch\_size=64)";
    QTest::newRow("percent") << "drop=50%"
                             << R"(drop=50\%)";
    QTest::newRow("ampersand") << "a&b"
                               << R"(a\&b)";
    QTest::newRow("hash") << "#3"
                          << R"(\#3)";
    QTest::newRow("dollar") << "$x$"
                            << R"(\$x\$)";
    QTest::newRow("braces") << "{a}"
                            << R"(\{a\})";
    QTest::newRow("tilde") << "~1"
                           << R"(\textasciitilde{}1)";
    QTest::newRow("caret") << "2^8"
                           << R"(2\textasciicircum{}8)";
    QTest::newRow("backslash") << R"(a\b)"
                               << R"(a\textbackslash{}b)";
  }
  void latexEscapesSpecialCharacters() {
    QFETCH(QString, label);
    QFETCH(QString, escaped);
    const std::string table =
        formatResultsTable(summaryWithLabel(label.toStdString()), TableFormat::Latex);
    QCOMPARE(QString::fromStdString(lineOf(table, 4)),
             escaped +
                 " & finished & jsc-tiny & 117 & 20 & 0.7123 & 0.7101 & 0.7166 & 0.8465 & "
                 "10m05s \\\\");
  }

  void csvQuotesFieldsThatNeedIt_data() {
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("rowStart");
    QTest::newRow("comma") << "lr=0.001, model=jsc-s"
                           << ""
                           << R"(0,"lr=0.001, model=jsc-s",jsc-tiny,0,0,jsc-tiny,finished,,)";
    QTest::newRow("quotes") << "say \"hi\""
                            << ""
                            << R"(0,"say ""hi""",jsc-tiny,0,0,jsc-tiny,finished,,)";
    QTest::newRow("line break in message")
        << "plain"
        << "two\nlines"
        << "0,plain,jsc-tiny,0,0,jsc-tiny,finished,\"two\nlines\",";
  }
  void csvQuotesFieldsThatNeedIt() {
    QFETCH(QString, label);
    QFETCH(QString, message);
    QFETCH(QString, rowStart);
    const std::string table = formatResultsTable(
        summaryWithLabel(label.toStdString(), message.toStdString()), TableFormat::Csv);
    const std::string row = table.substr(table.find('\n') + 1);
    QVERIFY2(QString::fromStdString(row).startsWith(rowStart), row.c_str());
  }

  void markdownEscapesPipesInLabels() {
    const std::string table = formatResultsTable(summaryWithLabel("a|b"), TableFormat::Markdown);
    QVERIFY2(lineOf(table, 2).rfind("| a\\|b ", 0) == 0, table.c_str());
  }

  void trialThatNeverRanShowsDashes() {
    RunSummary summary;
    TrialSummary queued;
    queued.label = "batch_size=512";
    queued.status = TrialStatus::Stopped;
    summary.trials = {queued};
    QCOMPARE(lineOf(formatResultsTable(summary, TableFormat::Latex), 4),
             std::string("batch\\_size=512 & stopped & - & - & 0 & - & - & - & - & - \\\\"));
  }

  // A pruned trial's values are its pruning epoch's: Markdown, LaTeX and the Table 1 layout say
  // which epoch; CSV and JSON keep the plain status word for programs.
  void prunedTrialsSayTheirEpoch() {
    RunSummary summary = testing::twoTrialSummary();
    summary.trials[1].status = TrialStatus::Pruned;
    summary.trials[1].epochs_completed = 3;
    for (TableFormat format :
         {TableFormat::Markdown, TableFormat::Latex, TableFormat::MarkdownTransposed}) {
      const std::string table = formatResultsTable(summary, format);
      QVERIFY2(table.find("pruned at epoch 3") != std::string::npos, table.c_str());
    }
    const std::string csv = formatResultsTable(summary, TableFormat::Csv);
    QVERIFY2(csv.find("pruned at epoch") == std::string::npos, csv.c_str());
    QVERIFY2(csv.find(",pruned,") != std::string::npos, csv.c_str());
  }

  void emptyRunGivesHeaderOnly() {
    RunSummary summary;
    QCOMPARE(formatResultsTable(summary, TableFormat::Json), std::string("[]\n"));
    const std::string markdown = formatResultsTable(summary, TableFormat::Markdown);
    QCOMPARE(std::count(markdown.begin(), markdown.end(), '\n'), 2L);
  }
};

QTEST_GUILESS_MAIN(tst_results_table)
#include "tst_results_table.moc"
