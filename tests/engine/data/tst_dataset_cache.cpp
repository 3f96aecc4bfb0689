// The prepared-data cache: a second load of the same file and options comes from disk and is
// identical; anything else (other content, other options, a damaged cache file) is rebuilt.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "data_test_files.h"
#include "sweeplab/dataset.h"

using namespace sweeplab;

namespace {

std::string jetsCsv(int rows, int offset = 0) {
  std::string text = "a,b,c,class\n";
  for (int i = 0; i < rows; ++i) {
    const int v = i + offset;
    text += std::to_string(v) + "," + std::to_string(v % 7) + ".5," + std::to_string(v * v % 13) +
            "," + "gqwzt"[v % 5] + "\n";
  }
  return text;
}

bool sameTable(const Table& a, const Table& b) {
  return a.features == b.features && a.labels == b.labels;
}

bool sameData(const PreparedDataset& a, const PreparedDataset& b) {
  return a.feature_names == b.feature_names && a.class_names == b.class_names &&
         sameTable(a.train, b.train) && sameTable(a.val, b.val) && sameTable(a.test, b.test) &&
         a.scaler_mean == b.scaler_mean && a.scaler_scale == b.scaler_scale &&
         a.source_rows == b.source_rows && a.duplicates_dropped == b.duplicates_dropped &&
         a.fingerprint == b.fingerprint;
}

}  // namespace

class tst_dataset_cache : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString cache_dir_;
  QStringList messages_;

  DatasetLoadOptions options() {
    DatasetLoadOptions load;
    load.cache_dir = cache_dir_.toStdString();
    load.status = [this](const std::string& message) {
      messages_ << QString::fromStdString(message);
    };
    return load;
  }

  bool lastLoadUsedCache() const { return messages_.filter("from the cache").size() > 0; }

  DatasetSpec csvSpec(const std::string& content) {
    DatasetSpec spec;
    spec.source = DatasetSource::Csv;
    spec.path = test::writeFile(dir_, "jets.csv", content);
    return spec;
  }

  QStringList cacheFiles() const { return QDir(cache_dir_).entryList(QDir::Files); }

 private Q_SLOTS:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void init() {
    cache_dir_ = dir_.filePath("cache");
    QDir(cache_dir_).removeRecursively();
    messages_.clear();
  }

  void secondLoadComesFromCacheAndIsEqual() {
    const DatasetSpec spec = csvSpec(jetsCsv(400));
    const auto first = prepareDataset(spec, options());
    QVERIFY(!lastLoadUsedCache());
    QCOMPARE(cacheFiles().size(), 1);
    QCOMPARE(cacheFiles().front(), QString::fromStdString(first->fingerprint) + ".dataset");
    QCOMPARE(first->fingerprint.size(), std::size_t{16});

    messages_.clear();
    const auto second = prepareDataset(spec, options());
    QVERIFY2(lastLoadUsedCache(), qPrintable(messages_.join(" | ")));
    QVERIFY(sameData(*first, *second));
    QCOMPARE(second->description, first->description);
  }

  void damagedCacheFileIsIgnoredAndRebuilt_data() {
    QTest::addColumn<QString>("damage");
    QTest::newRow("flipped byte") << "flip";
    QTest::newRow("truncated") << "truncate";
    QTest::newRow("empty") << "empty";
    QTest::newRow("other magic") << "magic";
  }

  void damagedCacheFileIsIgnoredAndRebuilt() {
    QFETCH(QString, damage);
    const DatasetSpec spec = csvSpec(jetsCsv(400));
    const auto first = prepareDataset(spec, options());
    QFile cache(QDir(cache_dir_).filePath(cacheFiles().front()));
    QVERIFY(cache.open(QIODevice::ReadWrite));
    QByteArray bytes = cache.readAll();
    if (damage == "flip")
      bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x40);
    if (damage == "truncate") bytes.chop(100);
    if (damage == "empty") bytes.clear();
    if (damage == "magic") bytes[0] = 'X';
    cache.resize(0);
    cache.seek(0);
    cache.write(bytes);
    cache.close();

    messages_.clear();
    const auto second = prepareDataset(spec, options());
    QVERIFY(!lastLoadUsedCache());
    QVERIFY(sameData(*first, *second));
    messages_.clear();
    prepareDataset(spec, options());
    QVERIFY2(lastLoadUsedCache(), "the damaged file should have been replaced");
    QCOMPARE(cacheFiles().size(), 1);  // no temporary files left behind
  }

  void changedContentOrOptionsMissTheCache() {
    DatasetSpec spec = csvSpec(jetsCsv(400));
    const auto original = prepareDataset(spec, options());

    spec.split_seed = 7;
    const auto reseeded = prepareDataset(spec, options());
    QVERIFY(reseeded->fingerprint != original->fingerprint);
    QVERIFY(!sameTable(reseeded->test, original->test));

    spec.split_seed = 42;
    spec.path = test::writeFile(dir_, "jets.csv", jetsCsv(400, 1));
    messages_.clear();
    const auto edited = prepareDataset(spec, options());
    QVERIFY(!lastLoadUsedCache());
    QVERIFY(edited->fingerprint != original->fingerprint);
    QCOMPARE(cacheFiles().size(), 3);
  }

  void unwritableCacheStillLoads() {
    const std::string blocker = test::writeFile(dir_, "not-a-folder", "x");
    cache_dir_ = QString::fromStdString(blocker) + "/cache";
    const auto data = prepareDataset(csvSpec(jetsCsv(50)), options());
    QCOMPARE(data->source_rows, 50);
    QVERIFY2(messages_.filter("Could not write the dataset cache").size() == 1,
             qPrintable(messages_.join(" | ")));
  }

  void syntheticDataIsCachedToo() {
    DatasetSpec spec;
    spec.samples = 3000;
    const auto first = prepareDataset(spec, options());
    messages_.clear();
    const auto second = prepareDataset(spec, options());
    QVERIFY(lastLoadUsedCache());
    QVERIFY(sameData(*first, *second));
  }

  void defaultCacheDirFollowsXdgThenHome() {
    const QByteArray xdg = qgetenv("XDG_CACHE_HOME");
    const QByteArray home = qgetenv("HOME");
    qputenv("XDG_CACHE_HOME", "/tmp/xdg-cache");
    QCOMPARE(QString::fromStdString(defaultCacheDir()), QStringLiteral("/tmp/xdg-cache/sweeplab"));
    qunsetenv("XDG_CACHE_HOME");
    qputenv("HOME", "/home/someone");
    QCOMPARE(QString::fromStdString(defaultCacheDir()),
             QStringLiteral("/home/someone/.cache/sweeplab"));
    xdg.isNull() ? qunsetenv("XDG_CACHE_HOME") : qputenv("XDG_CACHE_HOME", xdg);
    qputenv("HOME", home);
  }
};

QTEST_GUILESS_MAIN(tst_dataset_cache)
#include "tst_dataset_cache.moc"
