// Where sweeplab-cli finds the ready experiments, as --version reports it: the environment
// variable first, then share/sweeplab/experiments next to the binary's own folder (how an
// installed or relocated copy finds them), then the source tree it was built from.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"

namespace {

QString reportedFolder(const QString& program, const QString& environmentValue = {}) {
  QProcess process;
  QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
  environment.remove("SWEEPLAB_EXPERIMENTS_DIR");
  if (!environmentValue.isEmpty()) environment.insert("SWEEPLAB_EXPERIMENTS_DIR", environmentValue);
  process.setProcessEnvironment(environment);
  process.start(program, {"--version"});
  if (!process.waitForFinished(60000) || process.exitCode() != 0) return "(failed)";
  const QString prefix = QStringLiteral("Example experiments: ");
  for (const QString& line : QString::fromUtf8(process.readAllStandardOutput()).split('\n'))
    if (line.startsWith(prefix)) return line.mid(prefix.size());
  return "(no line)";
}

}  // namespace

class tst_cli_experiments_folder : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void buildTreeBinaryUsesTheSourceTree() {
    QCOMPARE(reportedFolder(SWEEPLAB_CLI), QDir::cleanPath(SWEEPLAB_SOURCE_DIR "/experiments"));
  }

  void environmentVariableComesFirst() {
    QTemporaryDir dir;
    QCOMPARE(reportedFolder(SWEEPLAB_CLI, dir.path()), QDir::cleanPath(dir.path()));
  }

  void missingEnvironmentFolderFallsBack() {
    QCOMPARE(reportedFolder(SWEEPLAB_CLI, "/nonexistent/sweeplab/experiments"),
             QDir::cleanPath(SWEEPLAB_SOURCE_DIR "/experiments"));
  }

  // A copy in PREFIX/bin finds PREFIX/share/sweeplab/experiments, wherever PREFIX is, before
  // the source tree it was built from.
  void copiedBinaryLooksNextToItself() {
    QTemporaryDir prefix;
    QVERIFY(QDir(prefix.path()).mkpath("bin"));
    QVERIFY(QDir(prefix.path()).mkpath("share/sweeplab/experiments"));
    const QString copy = prefix.filePath("bin/sweeplab-cli");
    QVERIFY(QFile::copy(SWEEPLAB_CLI, copy));
    QVERIFY(QFile::setPermissions(copy, QFile::permissions(SWEEPLAB_CLI)));
    const QString canonicalPrefix = QDir(prefix.path()).canonicalPath();
    QCOMPARE(reportedFolder(copy), canonicalPrefix + "/share/sweeplab/experiments");
  }
};

QTEST_MAIN(tst_cli_experiments_folder)
#include "tst_cli_experiments_folder.moc"
