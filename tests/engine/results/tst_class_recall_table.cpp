// Per-class recall in the results tables: every number printed is the trial's recorded test
// recall and equals a recount from its confusion matrix; the option is off by default, so the
// tables without it stay exactly as they were; dead classes get a line under the Markdown table.
#include <QStringList>
#include <QtTest>
#include <cmath>

#include "expected_tables.h"
#include "summary_fixture.h"
#include "sweeplab/class_diagnostics.h"
#include "sweeplab/class_results.h"
#include "sweeplab/results_table.h"

using namespace sweeplab;

namespace {

const std::vector<std::string> kJscClasses = {"g", "q", "w", "z", "t"};

// Recall as the trainer records it: right predictions of a class over its rows.
std::vector<double> recallOf(const std::vector<long long>& confusion, int classes) {
  std::vector<double> recall;
  for (int row = 0; row < classes; ++row) {
    long long total = 0;
    for (int c = 0; c < classes; ++c) total += confusion[row * classes + c];
    recall.push_back(total > 0 ? double(confusion[row * classes + row]) / total : kNoValue);
  }
  return recall;
}

// The two-trial fixture with per-class results: the first trial never predicts z (a dead
// class), the second has no test rows of t.
RunSummary perClassSummary() {
  RunSummary summary = testing::twoTrialSummary();
  summary.class_names = kJscClasses;
  summary.trials[0].test_confusion = {900, 40,  30,  0, 30,  //
                                      61,  700, 203, 0, 41,  //
                                      20,  157, 812, 0, 33,  //
                                      10,  30,  900, 0, 60,  //
                                      25,  35,  15,  0, 925};
  summary.trials[0].dead_classes = {3};
  summary.trials[1].test_confusion = {950, 20,  10,  15,  5,   //
                                      37,  811, 121, 43,  17,  //
                                      10,  100, 850, 30,  10,  //
                                      5,   20,  60,  900, 15,  //
                                      0,   0,   0,   0,   0};
  for (TrialSummary& trial : summary.trials)
    trial.test_class_recall = recallOf(trial.test_confusion, 5);
  return summary;
}

QStringList cellsOf(const QString& line) {
  QStringList cells = line.split('|');
  cells = cells.mid(1, cells.size() - 2);
  for (QString& cell : cells) cell = cell.trimmed();
  return cells;
}

QString fixed(double value, int decimals) {
  return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("-");
}

}  // namespace

class tst_class_recall_table : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void markdownRecallColumnsEqualRecordedAndRecountedRecall() {
    const RunSummary summary = perClassSummary();
    TableOptions options;
    options.per_class_recall = true;
    const QStringList lines =
        QString::fromStdString(formatResultsTable(summary, TableFormat::Markdown, options))
            .split('\n');
    const QStringList header = cellsOf(lines[0]);
    const int first = header.indexOf("recall g");
    QCOMPARE(first, header.indexOf("Test loss") + 1);
    for (int c = 0; c < 5; ++c)
      QCOMPARE(header[first + c], QString::fromStdString("recall " + kJscClasses[c]));
    QCOMPARE(header.last(), QString("Wall time"));
    for (int t = 0; t < 2; ++t) {
      const TrialSummary& trial = summary.trials[t];
      const QStringList row = cellsOf(lines[2 + t]);
      for (int c = 0; c < 5; ++c) {
        QCOMPARE(row[first + c], fixed(trial.test_class_recall[c], 4));
        QCOMPARE(row[first + c], fixed(recallFromConfusion(trial, 5, c), 4));
      }
    }
    // The dead class reads 0; a class without test rows has no recall.
    QCOMPARE(cellsOf(lines[2])[first + 3], QString("0.0000"));
    QCOMPARE(cellsOf(lines[3])[first + 4], QString("-"));
  }

  void csvRecallFieldsComeLastAtFullPrecision() {
    const RunSummary summary = perClassSummary();
    TableOptions options;
    options.per_class_recall = true;
    const QStringList lines =
        QString::fromStdString(formatResultsTable(summary, TableFormat::Csv, options))
            .split('\n', Qt::SkipEmptyParts);
    const QStringList plainHeader = QString(testing::kCsv).split('\n').first().split(',');
    const QStringList header = lines[0].split(',');
    QCOMPARE(header.mid(0, plainHeader.size()), plainHeader);
    QCOMPARE(header.mid(plainHeader.size()),
             (QStringList{"test_recall_g", "test_recall_q", "test_recall_w", "test_recall_z",
                          "test_recall_t"}));
    const QStringList first = lines[1].split(',');
    for (int c = 0; c < 5; ++c) {
      const double printed = first[plainHeader.size() + c].toDouble();
      QVERIFY(std::abs(printed - summary.trials[0].test_class_recall[c]) < 1e-8);
      QVERIFY(std::abs(printed - recallFromConfusion(summary.trials[0], 5, c)) < 1e-8);
    }
    QCOMPARE(lines[2].split(',').last(), QString());  // no test rows of t: no recall
  }

  void transposedAndLatexTablesShowTheSameRecall() {
    const RunSummary summary = perClassSummary();
    TableOptions options;
    options.per_class_recall = true;
    const QStringList transposed =
        QString::fromStdString(
            formatResultsTable(summary, TableFormat::MarkdownTransposed, options))
            .split('\n');
    QCOMPARE(cellsOf(transposed[3])[0], QString("test loss"));
    for (int c = 0; c < 5; ++c) {
      const QStringList row = cellsOf(transposed[4 + c]);
      QCOMPARE(row[0], QString::fromStdString("recall " + kJscClasses[c]));
      for (int t = 0; t < 2; ++t)
        QCOMPARE(row[1 + t], fixed(recallFromConfusion(summary.trials[t], 5, c), 6));
    }
    const QString latex =
        QString::fromStdString(formatResultsTable(summary, TableFormat::Latex, options));
    QVERIFY2(latex.startsWith("\\begin{tabular}{lllrrrrrrrrrrrr}\n"), qPrintable(latex));
    QVERIFY2(latex.contains("& Test loss & recall g & recall q & recall w & recall z & recall t "
                            "& Wall time \\\\"),
             qPrintable(latex));
    QVERIFY2(latex.contains("& 0.8465 & " + fixed(summary.trials[0].test_class_recall[0], 4)),
             qPrintable(latex));
  }

  // Per-class data in the summary change nothing unless asked for (dead classes aside).
  void defaultTablesStayAsTheyWere_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("expected");
    QTest::newRow("md") << "md" << testing::kMarkdown;
    QTest::newRow("md-transposed") << "md-transposed" << testing::kMarkdownTransposed;
    QTest::newRow("csv") << "csv" << testing::kCsv;
    QTest::newRow("latex") << "latex" << testing::kLatex;
  }
  void defaultTablesStayAsTheyWere() {
    QFETCH(QString, format);
    QFETCH(QString, expected);
    RunSummary summary = perClassSummary();
    for (TrialSummary& trial : summary.trials) trial.dead_classes.clear();
    const TableFormat table = tableFormatFromString(format.toStdString());
    QCOMPARE(QString::fromStdString(formatResultsTable(summary, table)), expected);
    QCOMPARE(QString::fromStdString(formatResultsTable(summary, table, TableOptions{})), expected);
  }

  void deadClassGetsALineUnderTheMarkdownTable() {
    const RunSummary summary = perClassSummary();
    const std::string warning = deadClassWarning(summary.trials[0], summary.class_names);
    QVERIFY(QString::fromStdString(warning).startsWith("Class z is almost never predicted"));
    const std::string expected = std::string(testing::kMarkdown) + "\nDead classes:\n\n" +
                                 "- model=jsc-tiny: " + warning + "\n";
    QCOMPARE(formatResultsTable(summary, TableFormat::Markdown), expected);
    TableOptions options;
    options.per_class_recall = true;
    const std::string withRecall = formatResultsTable(summary, TableFormat::Markdown, options);
    QVERIFY(withRecall.find("\n- model=jsc-tiny: " + warning + "\n") != std::string::npos);
    QVERIFY(withRecall.find("model=jsc-tiny-x10: ") == std::string::npos);
    // The machine-readable tables carry the diagnostic as data, not as a sentence.
    for (TableFormat format : {TableFormat::Csv, TableFormat::Latex, TableFormat::Json})
      QVERIFY(formatResultsTable(summary, format).find("almost never") == std::string::npos);
  }

  void runWithoutPerClassResultsSaysSo() {
    const RunSummary summary = testing::twoTrialSummary();  // as written before they existed
    QVERIFY(runClassNames(summary).empty());
    TableOptions options;
    options.per_class_recall = true;
    const std::string markdown = formatResultsTable(summary, TableFormat::Markdown, options);
    QCOMPARE(markdown, std::string(testing::kMarkdown) +
                           "\nPer-class recall: not recorded in this run (written before "
                           "Sweeplab recorded it).\n");
    QCOMPARE(QString::fromStdString(formatResultsTable(summary, TableFormat::Csv, options)),
             QString(testing::kCsv));
  }

  void unnamedClassesAreNumbered() {
    RunSummary summary = perClassSummary();
    summary.class_names.clear();
    QCOMPARE(runClassNames(summary),
             (std::vector<std::string>{"class 0", "class 1", "class 2", "class 3", "class 4"}));
    TableOptions options;
    options.per_class_recall = true;
    const std::string csv = formatResultsTable(summary, TableFormat::Csv, options);
    QVERIFY(csv.find(",test_recall_class_0,") != std::string::npos);
  }

  void bestTestedTrialHasTheHighestTestAccuracyAndAMatrix() {
    RunSummary summary = perClassSummary();
    QCOMPARE(bestTestedTrial(summary), 1);  // 0.7267 against 0.7166
    summary.trials[1].test_confusion.clear();
    QCOMPARE(bestTestedTrial(summary), 0);
    summary.trials[0].test_confusion.clear();
    QCOMPARE(bestTestedTrial(summary), -1);
  }
};

QTEST_MAIN(tst_class_recall_table)
#include "tst_class_recall_table.moc"
