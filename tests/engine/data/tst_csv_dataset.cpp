// CSV data as people hold JSC (the OpenML hls4ml_lhc_jets_hlf export) and their own tables:
// which columns become features and label, how classes are numbered, and what the error says
// when a file is wrong.
#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include "data_test_files.h"
#include "sweeplab/dataset.h"

using namespace sweeplab;

namespace {

// The OpenML column layout, with string classes.
std::string openMlCsv() {
  std::string text;
  for (const auto& name : jscFeatureNames()) text += name + ",";
  text += "class\n";
  const char* classes[] = {"g", "q", "t", "w", "z", "t", "q", "g", "w", "z"};
  for (int row = 0; row < 10; ++row) {
    for (int f = 0; f < 16; ++f) text += std::to_string(row * 0.5 + f * 0.25 - 1.0) + ",";
    text += std::string(classes[row]) + "\n";
  }
  return text;
}

}  // namespace

class tst_csv_dataset : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  DatasetSpec csvSpec(const QString& name, const std::string& content) {
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = test::writeFile(dir_, name, content);
    spec.test_fraction = 0.2;
    spec.val_fraction = 0.0;
    return spec;
  }

  QString errorOf(const DatasetSpec& spec, const DatasetLoadOptions& options = {}) {
    try {
      prepareDataset(spec, options);
    } catch (const InputError& error) {
      return QString::fromStdString(error.what());
    }
    return QStringLiteral("(no error)");
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void openMlLayoutGivesSixteenFeaturesAndAlphabeticalClasses() {
    const auto data = prepareDataset(csvSpec("openml.csv", openMlCsv()));
    QCOMPARE(data->feature_names, jscFeatureNames());
    QCOMPARE(data->class_names, (std::vector<std::string>{"g", "q", "t", "w", "z"}));
    QCOMPARE(data->source_rows, 10);
    QCOMPARE(data->train.rows() + data->val.rows() + data->test.rows(), 10);
    // Row 2 is class "t", position 2 in alphabetical order; find it by its first feature (0.0).
    bool found = false;
    for (const Table* table : {&data->train, &data->test}) {
      for (std::int64_t row = 0; row < table->rows(); ++row) {
        if (std::abs(test::unscaled(*data, *table, row, 0) - 0.0) < 1e-6) {
          QCOMPARE(table->labels[row], 2);
          found = true;
        }
      }
    }
    QVERIFY(found);
  }

  void integerClassesAreOrderedByValue() {
    std::string text = "a,b,label\n";
    const int labels[] = {10, 2, 1, 2, 10, 1, 1, 2};
    for (int row = 0; row < 8; ++row) {
      text += std::to_string(row) + "," + std::to_string(row * row) + "," +
              std::to_string(labels[row]) + "\n";
    }
    const auto data = prepareDataset(csvSpec("ints.csv", text));
    QCOMPARE(data->class_names, (std::vector<std::string>{"1", "2", "10"}));  // not "1","10","2"
    QCOMPARE(data->numFeatures(), 2);  // no "class" column: the last column is the label
    for (const Table* table : {&data->train, &data->test}) {
      for (std::int64_t row = 0; row < table->rows(); ++row) {
        const auto index = std::llround(test::unscaled(*data, *table, row, 0));
        const int expected = labels[index] == 1 ? 0 : labels[index] == 2 ? 1 : 2;
        QCOMPARE(table->labels[row], expected);
      }
    }
  }

  void chosenLabelAndFeatureColumns() {
    const std::string text =
        "id,kind,x,y,z\n1,cat,0.5,7,1\n2,dog,1.5,8,2\n3,cat,2.5,9,3\n4,dog,3.5,10,4\n5,cat,4.5,11,"
        "5\n";
    DatasetSpec spec = csvSpec("columns.csv", text);
    spec.label_column = "kind";
    spec.feature_columns = {"y", "x"};
    const auto data = prepareDataset(spec);
    QCOMPARE(data->feature_names, (std::vector<std::string>{"y", "x"}));
    QCOMPARE(data->class_names, (std::vector<std::string>{"cat", "dog"}));
    QCOMPARE(std::llround(test::unscaled(*data, data->train, 0, 0)) - 6,
             std::llround(test::unscaled(*data, data->train, 0, 1) + 0.5));
  }

  void quotedFieldsCrlfAndBlankLines() {
    const std::string text =
        "\xEF\xBB\xBF\"first, feature\",\"second\",class\r\n"
        "\"1.5\",2,\"a \"\"quoted\"\" class\"\r\n"
        "\r\n"
        " 2.5 ,+3e0,b\r\n"
        "3.5,4,b\r\n";
    DatasetSpec spec = csvSpec("quoted.csv", text);
    spec.test_fraction = 0.0;
    const auto data = prepareDataset(spec);
    QCOMPARE(data->feature_names, (std::vector<std::string>{"first, feature", "second"}));
    QCOMPARE(data->class_names, (std::vector<std::string>{"a \"quoted\" class", "b"}));
    QCOMPARE(data->source_rows, 3);
  }

  void exactDuplicatesAreDroppedFeaturesAndLabel() {
    const std::string text = "x,y,class\n1,2,a\n1,2,a\n1,2,b\n3,4,a\n1,2,a\n-0,4,b\n0,4,b\n5,6,b\n";
    DatasetSpec spec = csvSpec("dupes.csv", text);
    spec.test_fraction = 0.0;
    const auto data = prepareDataset(spec);
    QCOMPARE(data->source_rows, 8);
    QCOMPARE(data->duplicates_dropped, 3);  // two repeats of (1,2,a) and 0 == -0
    QCOMPARE(data->train.rows(), 5);
    QVERIFY(QString::fromStdString(data->description).contains("3 duplicates dropped"));
  }

  void relativePathResolvesAgainstBaseDir() {
    test::writeFile(dir_, "relative.csv", "x,class\n1,a\n2,b\n3,a\n4,b\n5,a\n");
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = "relative.csv";
    DatasetLoadOptions options;
    options.base_dir = dir_.path().toStdString();
    QCOMPARE(prepareDataset(spec, options)->source_rows, 5);
  }

  void badFilesNameTheProblem_data() {
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("labelColumn");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("non-numeric cell") << "x,y,class\n1,2,a\n3,oops,b\n"
                                      << "" << QStringList{"bad.csv:3", "column 'y'", "'oops'"};
    QTest::newRow("empty cell") << "x,y,class\n1,2,a\n3,,b\n"
                                << "" << QStringList{"bad.csv:3", "column 'y'", "not a number"};
    QTest::newRow("ragged row") << "x,y,class\n1,2,a\n3,4\n"
                                << "" << QStringList{"bad.csv:3", "2 fields", "header has 3"};
    QTest::newRow("empty file") << ""
                                << "" << QStringList{"bad.csv", "empty", "header"};
    QTest::newRow("header only") << "x,y,class\n"
                                 << "" << QStringList{"no data rows"};
    QTest::newRow("nan and inf") << "x,y,class\n1,2,a\n3,nan,b\n4,5,a\ninf,-inf,b\n"
                                 << ""
                                 << QStringList{"bad.csv: 3 value(s)", "NaN or infinite",
                                                "line 3, column 'y'"};
    QTest::newRow("single class") << "x,class\n1,g\n2,g\n"
                                  << "" << QStringList{"single class 'g'", "'class'"};
    QTest::newRow("missing label column")
        << "x,y\n1,2\n"
        << "target" << QStringList{"'target' not found", "'x', 'y'"};
    QTest::newRow("unclosed quote") << "x,class\n1,\"a\n2,b\n"
                                    << "" << QStringList{"bad.csv:2", "never closed"};
    QTest::newRow("empty label") << "x,class\n1,a\n2,\n"
                                 << "" << QStringList{"bad.csv:3", "label is empty"};
  }

  void badFilesNameTheProblem() {
    QFETCH(QString, content);
    QFETCH(QString, labelColumn);
    QFETCH(QStringList, expected);
    DatasetSpec spec = csvSpec("bad.csv", content.toStdString());
    spec.label_column = labelColumn.toStdString();
    const QString message = errorOf(spec);
    for (const QString& part : expected) {
      QVERIFY2(message.contains(part), qPrintable(message + "  (expected: " + part + ")"));
    }
  }

  void missingFeatureColumnsAreListed() {
    DatasetSpec spec = csvSpec("features.csv", "x,y,class\n1,2,a\n3,4,b\n");
    spec.feature_columns = {"x", "mass", "pt"};
    const QString message = errorOf(spec);
    QVERIFY2(message.contains("'mass', 'pt' not found"), qPrintable(message));
  }

  void missingPathAndFolderAreErrors() {
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = dir_.filePath("nowhere.csv").toStdString();
    QVERIFY(errorOf(spec).contains("nowhere.csv: data file not found"));
    spec.path = dir_.path().toStdString();
    QVERIFY(errorOf(spec).contains("is a folder"));
    spec.path.clear();
    QVERIFY(errorOf(spec).contains("dataset.path"));
  }
};

QTEST_GUILESS_MAIN(tst_csv_dataset)
#include "tst_csv_dataset.moc"
