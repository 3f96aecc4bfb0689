// writeFileAtomically: the new content replaces the old in one step, nothing is left behind,
// and a write that cannot happen says which path and why.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "sweeplab/errors.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;

namespace {

std::string readText(const QString& path) {
  std::ifstream file(path.toStdString());
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

class tst_atomic_write : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void writesNewFileAndLeavesNoTemporary() {
    QTemporaryDir dir;
    const QString path = dir.filePath("summary.json");
    writeFileAtomically(path.toStdString(), "first\n");
    QCOMPARE(readText(path), std::string("first\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"summary.json"});
  }

  void replacesExistingContent() {
    QTemporaryDir dir;
    const QString path = dir.filePath("metrics.csv");
    writeFileAtomically(path.toStdString(), std::string(100000, 'x'));
    writeFileAtomically(path.toStdString(), "short");
    QCOMPARE(readText(path), std::string("short"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"metrics.csv"});
  }

  void failingWriteNamesPathAndReason_data() {
    QTest::addColumn<QString>("relativePath");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing folder") << "no/such/folder/summary.json"
                                    << "No such file or directory";
    QTest::newRow("folder is a file") << "plain-file/summary.json"
                                      << "Not a directory";
  }
  void failingWriteNamesPathAndReason() {
    QFETCH(QString, relativePath);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    std::ofstream(dir.filePath("plain-file").toStdString()) << "x";
    const std::string path = dir.filePath(relativePath).toStdString();
    try {
      writeFileAtomically(path, "content");
      QFAIL("expected InputError");
    } catch (const InputError& error) {
      QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(path) + ": "), error.what());
      QVERIFY2(QString(error.what()).contains(reason), error.what());
    }
  }

  void readOnlyFolderIsReportedAndKeepsOldContent() {
    if (::geteuid() == 0) QSKIP("root may write into read-only folders");
    QTemporaryDir dir;
    const QString path = dir.filePath("summary.json");
    writeFileAtomically(path.toStdString(), "old");
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);
    bool threw = false;
    try {
      writeFileAtomically(path.toStdString(), "new");
    } catch (const InputError& error) {
      threw = QString(error.what()).contains("Permission denied") &&
              QString(error.what()).startsWith(path);
    }
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY(threw);
    QCOMPARE(readText(path), std::string("old"));
  }
};

QTEST_GUILESS_MAIN(tst_atomic_write)
#include "tst_atomic_write.moc"
