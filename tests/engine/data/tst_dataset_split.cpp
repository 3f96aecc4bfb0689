// The split and scaling rules a person compares against MASE/LogicNets: the same rows land in
// test as with sklearn's train_test_split(test_size, random_state), the validation rows are a
// further split of train_val, and the scaler is fitted on train_val only.
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <set>

#include "data_test_files.h"
#include "sweeplab/dataset.h"

using namespace sweeplab;
using IndexList = std::vector<std::int64_t>;
Q_DECLARE_METATYPE(IndexList)

class tst_dataset_split : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  std::shared_ptr<const PreparedDataset> prepareIndexed(int rows, double test_fraction, int seed,
                                                        double val_fraction) {
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path =
        test::writeFile(dir_, QStringLiteral("indexed-%1.csv").arg(rows), test::indexedCsv(rows));
    spec.test_fraction = test_fraction;
    spec.split_seed = seed;
    spec.val_fraction = val_fraction;
    return prepareDataset(spec);
  }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  // Expected prefixes computed with numpy: RandomState(seed).permutation(rows)[:8], which is
  // what sklearn's ShuffleSplit puts first in the test set.
  void testRowsMatchNumpyPermutation_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("seed");
    QTest::addColumn<double>("testFraction");
    QTest::addColumn<int>("testRows");
    QTest::addColumn<IndexList>("firstTestRows");
    QTest::newRow("1000 rows, seed 42")
        << 1000 << 42 << 0.2 << 200 << IndexList{521, 737, 740, 660, 411, 678, 626, 513};
    QTest::newRow("10 rows, seed 0") << 10 << 0 << 0.25 << 3 << IndexList{2, 8, 4};
    QTest::newRow("7 rows, seed 12345") << 7 << 12345 << 0.5 << 4 << IndexList{6, 3, 4, 0};
    QTest::newRow("1001 rows, seed 7, ceil")
        << 1001 << 7 << 0.2 << 201 << IndexList{319, 94, 829, 222, 682, 1000, 384, 916};
  }

  void testRowsMatchNumpyPermutation() {
    QFETCH(int, rows);
    QFETCH(int, seed);
    QFETCH(double, testFraction);
    QFETCH(int, testRows);
    QFETCH(IndexList, firstTestRows);
    const auto data = prepareIndexed(rows, testFraction, seed, 0.0);
    QCOMPARE(data->test.rows(), testRows);
    QCOMPARE(data->train.rows() + data->val.rows(), rows - testRows);
    const IndexList test = test::sourceIndices(*data, data->test);
    QCOMPARE(IndexList(test.begin(), test.begin() + firstTestRows.size()), firstTestRows);
  }

  // numpy: tv = perm42[200:]; q = RandomState(43).permutation(800); val = tv[q[:80]],
  // train = tv[q[80:]].
  void validationIsSplitFromTrainValWithNextSeed() {
    const auto data = prepareIndexed(1000, 0.2, 42, 0.1);
    QCOMPARE(data->test.rows(), 200);
    QCOMPARE(data->val.rows(), 80);
    QCOMPARE(data->train.rows(), 720);
    const IndexList val = test::sourceIndices(*data, data->val);
    const IndexList train = test::sourceIndices(*data, data->train);
    QCOMPARE(IndexList(val.begin(), val.begin() + 10),
             (IndexList{953, 313, 775, 627, 735, 406, 51, 345, 510, 990}));
    QCOMPARE(IndexList(train.begin(), train.begin() + 10),
             (IndexList{100, 574, 212, 443, 347, 530, 842, 194, 31, 874}));

    std::set<std::int64_t> all(val.begin(), val.end());
    all.insert(train.begin(), train.end());
    const IndexList test = test::sourceIndices(*data, data->test);
    all.insert(test.begin(), test.end());
    QCOMPARE(all.size(), std::size_t{1000});  // every row used exactly once
  }

  void scalerIsFittedOnTrainValOnly() {
    const auto data = prepareIndexed(1000, 0.2, 42, 0.1);
    const int features = data->numFeatures();
    for (int f = 0; f < features; ++f) {
      double sum = 0.0, squares = 0.0;
      std::int64_t count = 0;
      for (const Table* table : {&data->train, &data->val}) {
        for (std::int64_t row = 0; row < table->rows(); ++row, ++count) {
          const double value = table->features[row * features + f];
          sum += value;
          squares += value * value;
        }
      }
      const double mean = sum / count;
      QVERIFY2(std::abs(mean) < 1e-5, qPrintable(QString("feature %1 mean %2").arg(f).arg(mean)));
      QVERIFY(std::abs(std::sqrt(squares / count - mean * mean) - 1.0) < 1e-4);  // ddof = 0
    }
    // The index column of train_val has a known mean; the test rows must not have moved it.
    const IndexList test = test::sourceIndices(*data, data->test);
    double test_sum = 0.0;
    for (auto index : test) test_sum += static_cast<double>(index);
    const double train_val_mean = (999.0 * 1000.0 / 2.0 - test_sum) / 800.0;
    QVERIFY(std::abs(data->scaler_mean[0] - train_val_mean) < 1e-9);
  }

  void constantFeatureKeepsScaleOne() {
    std::string text = "flat,x,class\n";
    for (int i = 0; i < 50; ++i)
      text += "3.5," + std::to_string(i) + "," + (i % 2 ? "a" : "b") + "\n";
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = test::writeFile(dir_, "flat.csv", text);
    const auto data = prepareDataset(spec);
    QCOMPARE(data->scaler_scale[0], 1.0);
    QCOMPARE(data->scaler_mean[0], 3.5);
    QCOMPARE(data->train.features[0], 0.0f);
  }

  void badFractionsAndSeedAreRejected_data() {
    QTest::addColumn<double>("testFraction");
    QTest::addColumn<double>("valFraction");
    QTest::addColumn<int>("seed");
    QTest::addColumn<QString>("message");
    QTest::newRow("test 1.0") << 1.0 << 0.1 << 42 << "dataset.test_fraction";
    QTest::newRow("test negative") << -0.1 << 0.1 << 42 << "dataset.test_fraction";
    QTest::newRow("val 1.5") << 0.2 << 1.5 << 42 << "dataset.val_fraction";
    QTest::newRow("negative seed") << 0.2 << 0.1 << -1 << "dataset.split_seed";
  }

  void badFractionsAndSeedAreRejected() {
    QFETCH(double, testFraction);
    QFETCH(double, valFraction);
    QFETCH(int, seed);
    QFETCH(QString, message);
    try {
      prepareIndexed(20, testFraction, seed, valFraction);
      QFAIL("expected an InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains(message), error.what());
    }
  }

  void tooFewRowsForTheSplitIsAnError() {
    try {
      prepareIndexed(2, 0.5, 0, 0.5);
      QFAIL("expected an InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).contains("no training rows"), error.what());
    }
  }
};

QTEST_GUILESS_MAIN(tst_dataset_split)
#include "tst_dataset_split.moc"
