// The hls4ml JSC HDF5 original: fields found by name whatever their order and numeric type,
// one-hot labels turned into g=0, q=1, w=2, z=3, t=4, and errors that name file, dataset, field
// and row.
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "data_test_files.h"
#include "hdf5_test_writer.h"
#include "sweeplab/dataset.h"

using namespace sweeplab;
using test::FieldType;
using test::Hdf5Field;

namespace {

constexpr int kRows = 20;

// Row r: feature k is r + k / 100 (rows 18 and 19 repeat rows 3 and 4), class r % 5.
int sourceRow(int row) {
  return row >= 18 ? row - 15 : row;
}

// The JSC fields in a shuffled order, with assorted types and unrelated extra fields.
std::vector<Hdf5Field> jscFields() {
  std::vector<Hdf5Field> fields;
  const auto& names = jscFeatureNames();
  for (int k = 0; k < 16; ++k) {
    fields.push_back({names[k], k % 2 ? FieldType::Float32 : FieldType::Float64,
                      [k](int row) { return sourceRow(row) + k / 100.0; }});
  }
  const char* labels[] = {"j_g", "j_q", "j_w", "j_z", "j_t"};
  for (int c = 0; c < 5; ++c) {
    fields.push_back({labels[c], c % 2 ? FieldType::Int8 : FieldType::Float32,
                      [c](int row) { return sourceRow(row) % 5 == c ? 1.0 : 0.0; }});
  }
  fields.push_back({"j_pt", FieldType::Float64, [](int row) { return 1000.0 + row; }});
  fields.push_back({"j_index", FieldType::Int64, [](int row) { return row; }});
  fields.push_back({"j_tag", FieldType::String8, nullptr});
  // A fixed shuffle, so the test does not depend on where the fields are.
  std::vector<Hdf5Field> shuffled;
  for (std::size_t i = 0; i < fields.size(); ++i)
    shuffled.push_back(fields[(i * 7 + 3) % fields.size()]);
  return shuffled;
}

std::vector<Hdf5Field> without(std::vector<Hdf5Field> fields,
                               const std::vector<std::string>& names) {
  fields.erase(std::remove_if(fields.begin(), fields.end(),
                              [&](const Hdf5Field& field) {
                                return std::find(names.begin(), names.end(), field.name) !=
                                       names.end();
                              }),
               fields.end());
  return fields;
}

}  // namespace

class tst_jsc_hdf5_dataset : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  DatasetSpec writeSpec(const QString& name, const std::vector<Hdf5Field>& fields, int rows = kRows,
                        const std::string& dataset = "t_allpar_new") {
    DatasetSpec spec;
    spec.source = DatasetSource::JscHdf5;
    spec.path = dir_.filePath(name).toStdString();
    spec.test_fraction = 0.25;
    spec.val_fraction = 0.0;
    if (!test::writeCompoundHdf5(spec.path, dataset, fields, rows)) spec.path += ".not-written";
    return spec;
  }

  QString errorOf(const DatasetSpec& spec) {
    try {
      prepareDataset(spec);
    } catch (const InputError& error) {
      return QString::fromStdString(error.what());
    }
    return QStringLiteral("(no error)");
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void readsFieldsByNameAndLabelsInHdf5Order() {
    const DatasetSpec spec = writeSpec("jets.h5", jscFields());
    const auto data = prepareDataset(spec);
    QCOMPARE(data->feature_names, jscFeatureNames());
    QCOMPARE(data->class_names, (std::vector<std::string>{"g", "q", "w", "z", "t"}));
    QCOMPARE(data->source_rows, kRows);
    QCOMPARE(data->duplicates_dropped, 2);
    QCOMPARE(data->test.rows(), 5);  // ceil(0.25 * 18)
    QCOMPARE(data->train.rows(), 13);
    for (const Table* table : {&data->train, &data->test}) {
      for (std::int64_t row = 0; row < table->rows(); ++row) {
        const double first = test::unscaled(*data, *table, row, 0);
        const auto source = std::llround(first);
        QCOMPARE(table->labels[row], source % 5);
        for (int k = 0; k < 16; ++k) {
          QVERIFY(std::abs(test::unscaled(*data, *table, row, k) - (source + k / 100.0)) < 1e-4);
        }
      }
    }
  }

  void badFilesNameFileDatasetFieldAndRow_data() {
    QTest::addColumn<int>("problem");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("missing fields")
        << 0 << QStringList{"missing.h5", "'t_allpar_new'", "'j_mass_mmdt'",
                            "'j_t'",      "fields present", "'j_pt'"};
    QTest::newRow("string field") << 1 << QStringList{"'j_q' is a string field", "number"};
    QTest::newRow("zero rows") << 2 << QStringList{"'t_allpar_new'", "no rows"};
    QTest::newRow("two classes in a row")
        << 3 << QStringList{"row 7", "exactly one class", "j_q=1"};
    QTest::newRow("no class in a row") << 4 << QStringList{"row 14", "exactly one class"};
    QTest::newRow("missing dataset") << 5 << QStringList{"'t_allpar_new' not found"};
    QTest::newRow("nan feature") << 6 << QStringList{"1 feature value(s)", "row 9"};
  }

  void badFilesNameFileDatasetFieldAndRow() {
    QFETCH(int, problem);
    QFETCH(QStringList, expected);
    std::vector<Hdf5Field> fields = jscFields();
    int rows = kRows;
    std::string dataset = "t_allpar_new";
    QString name = "broken.h5";
    const auto change = [&fields](const std::string& field, std::function<double(int)> value,
                                  FieldType type) {
      for (auto& f : fields) {
        if (f.name == field) f = Hdf5Field{field, type, std::move(value)};
      }
    };
    switch (problem) {
      case 0:
        fields = without(fields, {"j_mass_mmdt", "j_t"});
        name = "missing.h5";
        break;
      case 1:
        change("j_q", nullptr, FieldType::String8);
        break;
      case 2:
        rows = 0;
        break;
      case 3:
        change(
            "j_q", [](int row) { return row == 7 || row % 5 == 1 ? 1.0 : 0.0; },
            FieldType::Float64);
        break;
      case 4:
        change(
            "j_t", [](int row) { return row % 5 == 4 && row != 14 ? 1.0 : 0.0; }, FieldType::Int8);
        break;
      case 5:
        dataset = "other";
        break;
      case 6:
        change(
            "j_c2_b1_mmdt", [](int row) { return row == 9 ? std::nan("") : row; },
            FieldType::Float64);
        break;
    }
    const QString message = errorOf(writeSpec(name, fields, rows, dataset));
    for (const QString& part : expected) {
      QVERIFY2(message.contains(part), qPrintable(message + "  (expected: " + part + ")"));
    }
  }

  void textFileIsNotHdf5() {
    DatasetSpec spec;
    spec.source = DatasetSource::JscHdf5;
    spec.path = test::writeFile(dir_, "jets.z", "j_zlogz,class\n1,g\n");
    const QString message = errorOf(spec);
    QVERIFY2(message.contains("jets.z: not an HDF5 file"), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(tst_jsc_hdf5_dataset)
#include "tst_jsc_hdf5_dataset.moc"
