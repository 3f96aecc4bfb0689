// Runs sweeplab-cli on every case of the bad-input catalogue: exit status 2, exactly the one
// error line the catalogue promises (file, place, remedy), nothing on stdout, no crash, no
// temporary file left behind and no summary.json that is not whole. Also checks that
// docs/errors.md is the catalogue as it stands (SWEEPLAB_UPDATE_DOCS=1 rewrites it).
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <sys/resource.h>

#include "bad_input_cases.h"
#include "errors_page.h"

using namespace sweeplab::test;

namespace {

struct Outcome {
  bool crashed = true;
  int exitCode = -1;
  QString out;
  QString err;
};

Outcome runCli(const QString& workDir, const QString& cacheHome, const QStringList& args,
               qint64 fileSizeLimit) {
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.insert("XDG_CACHE_HOME", cacheHome);
  // Each case's message is the run folder's; an unusable run store only adds a warning, which
  // tst_cli_store covers.
  environment.insert("SWEEPLAB_STORE", "none");
  process.setProcessEnvironment(environment);
  process.setWorkingDirectory(workDir);
  if (fileSizeLimit > 0) {
    // What a full disk does to a writer, without filling a disk: writes past the limit fail
    // with EFBIG. SIGXFSZ would kill the process instead; ignored, it stays ignored over exec.
    process.setChildProcessModifier([fileSizeLimit] {
      const rlimit limit{rlim_t(fileSizeLimit), rlim_t(fileSizeLimit)};
      ::setrlimit(RLIMIT_FSIZE, &limit);
      ::signal(SIGXFSZ, SIG_IGN);
    });
  }
  process.start(QStringLiteral(SWEEPLAB_CLI), args);
  process.waitForFinished(120000);
  Outcome outcome;
  outcome.crashed =
      process.state() != QProcess::NotRunning || process.exitStatus() != QProcess::NormalExit;
  outcome.exitCode = outcome.crashed ? -1 : process.exitCode();
  outcome.out = QString::fromUtf8(process.readAllStandardOutput());
  outcome.err = QString::fromUtf8(process.readAllStandardError());
  return outcome;
}

// Run folders carry the time they were made; the catalogue writes them runs/NAME-DATE.
QString withoutDates(QString text) {
  return text.replace(QRegularExpression("-\\d{8}-\\d{6}(-\\d+)?"), "-DATE");
}

QStringList filesBelow(const QString& folder) {
  QStringList files;
  QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
  while (it.hasNext()) files << it.next();
  return files;
}

// So the temporary folder can be removed when the test does not run as root.
void restorePermissions(const QString& folder) {
  QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                  QDirIterator::Subdirectories);
  while (it.hasNext())
    QFile::setPermissions(it.next(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

// Root (or CAP_DAC_OVERRIDE) reads and writes whatever the permission bits say.
bool permissionsBind(const QString& folder) {
  const QString probe = folder + "/.permission-probe";
  QFile file(probe);
  if (!file.open(QIODevice::WriteOnly)) return true;
  file.close();
  QFile::setPermissions(probe, QFile::WriteOwner);
  QFile again(probe);
  const bool readable = again.open(QIODevice::ReadOnly);
  again.close();
  QFile::setPermissions(probe, QFile::ReadOwner | QFile::WriteOwner);
  QFile::remove(probe);
  return !readable;
}

}  // namespace

class tst_bad_input : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { QVERIFY(cache_.isValid()); }

  void catalogueCoversEveryArea() {
    const std::vector<BadInputCase>& table = badInputCases();
    QVERIFY(table.size() >= 25);
    QSet<QString> names, areas;
    for (const BadInputCase& item : table) {
      QVERIFY2(!names.contains(item.name), qPrintable(item.name));
      names.insert(item.name);
      areas.insert(item.area);
      QVERIFY2(!item.message.isEmpty(), qPrintable(item.name));
    }
    QCOMPARE(areas.size(), 6);  // experiment, CSV, HDF5, paths, checkpoints, full disk
  }

  void answersWithExitTwoAndOneLine_data() {
    QTest::addColumn<int>("index");
    const std::vector<BadInputCase>& table = badInputCases();
    for (std::size_t i = 0; i < table.size(); ++i)
      QTest::newRow(qPrintable(table[i].name)) << static_cast<int>(i);
  }
  void answersWithExitTwoAndOneLine() {
    QFETCH(int, index);
    const BadInputCase& item = badInputCases()[index];
    QTemporaryDir work;
    QVERIFY(work.isValid());
    if (item.needs_permission_checks && !permissionsBind(work.path()))
      QSKIP("running with root rights: permission bits do not block reads or writes here");
    if (item.prepare) item.prepare(CaseFolder(work.path()));

    const Outcome outcome = runCli(work.path(), cache_.path(), item.args, item.file_size_limit);
    restorePermissions(work.path());

    QVERIFY2(!outcome.crashed, qPrintable(outcome.err));
    QVERIFY2(outcome.exitCode == 2,
             qPrintable(QString("exit %1: %2").arg(outcome.exitCode).arg(outcome.err)));
    QCOMPARE(outcome.out, QString());
    const QStringList lines = outcome.err.split('\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 1, qPrintable(outcome.err));
    QCOMPARE(withoutDates(lines.front()), "sweeplab-cli: error: " + item.message);

    const QStringList files = filesBelow(work.path());
    QStringList summaries;
    for (const QString& file : files) {
      QVERIFY2(!file.contains(".tmp"), qPrintable("left behind: " + file));
      if (file.endsWith("/summary.json")) summaries << file;
    }
    for (const QString& path : summaries) {
      QFile file(path);
      QVERIFY(file.open(QIODevice::ReadOnly));
      QJsonParseError error;
      const QJsonDocument summary = QJsonDocument::fromJson(file.readAll(), &error);
      QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(path + " is not whole"));
      QVERIFY(summary["trials"].isArray());
      if (item.leaves_summary) {
        const QJsonArray trials = summary["trials"].toArray();
        if (trials.size() > 1) {
          // The sweep really was cut short: some trials done, some never started.
          QVERIFY(trials.first()["status"].toString() == "finished");
          QVERIFY(trials.last()["status"].toString() == "queued");
        } else {
          // Its only trial failed, and says why, so that resume can train it again.
          QCOMPARE(trials.first()["status"].toString(), QString("failed"));
          QVERIFY(trials.first()["message"].toString().contains("cannot write"));
        }
      }
    }
    QCOMPARE(summaries.size(), item.leaves_summary ? 1 : 0);
    if (item.file_size_limit == 0) {
      const QStringList runs =
          QDir(work.filePath("runs")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries);
      QVERIFY2(runs.isEmpty(), qPrintable("a run folder was made: " + runs.join(", ")));
    }
  }

  void pageListsEveryCase() {
    const QString path = QStringLiteral(SWEEPLAB_SOURCE_DIR) + "/docs/errors.md";
    const QByteArray expected = errorsPage(badInputCases()).toUtf8();
    if (qEnvironmentVariableIsSet("SWEEPLAB_UPDATE_DOCS")) {
      QFile out(path);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(expected);
    }
    QFile page(path);
    QVERIFY2(page.open(QIODevice::ReadOnly), qPrintable(path));
    QVERIFY2(page.readAll() == expected,
             "docs/errors.md differs from the catalogue in tests/engine/errors/bad_input_cases.h;"
             " rewrite it with SWEEPLAB_UPDATE_DOCS=1 ctest -R tst_bad_input");
  }

 private:
  QTemporaryDir cache_;
};

QTEST_GUILESS_MAIN(tst_bad_input)
#include "tst_bad_input.moc"
