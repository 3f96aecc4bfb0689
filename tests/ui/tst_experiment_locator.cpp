// Finding the ready experiments: the environment variable wins, then the installed share
// folder, then the source tree; the left-hand list shows what the chosen folder holds.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "experiment_browser.h"
#include "experiment_locator.h"

using namespace sweeplab::ui;

class tst_experiment_locator : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void cleanup() { qunsetenv("SWEEPLAB_EXPERIMENTS_DIR"); }

  void environmentVariableComesFirst() {
    QTemporaryDir dir;
    qputenv("SWEEPLAB_EXPERIMENTS_DIR", dir.path().toLocal8Bit());
    QCOMPARE(experimentsDirCandidates().first(), QDir::cleanPath(dir.path()));
    QCOMPARE(findExperimentsDir(), QDir::cleanPath(dir.path()));
    QVERIFY(defaultExperimentFile().isEmpty());  // no batch_size.yaml there
  }

  void missingFolderFallsBackToTheSourceTree() {
    qputenv("SWEEPLAB_EXPERIMENTS_DIR", "/nonexistent/sweeplab/experiments");
    QCOMPARE(findExperimentsDir(), QDir::cleanPath(SWEEPLAB_SOURCE_DIR "/experiments"));
    QVERIFY(defaultExperimentFile().endsWith("/experiments/batch_size.yaml"));
    QVERIFY(experimentsDirCandidates().contains(QDir::cleanPath(
        QCoreApplication::applicationDirPath() + "/../share/sweeplab/experiments")));
  }

  void browserListsTheFolder() {
    QTemporaryDir dir;
    for (const char* name : {"b.yaml", "a.yml", "notes.txt"}) {
      QFile file(dir.filePath(name));
      QVERIFY(file.open(QIODevice::WriteOnly));
    }
    qputenv("SWEEPLAB_EXPERIMENTS_DIR", dir.path().toLocal8Bit());
    ExperimentBrowser browser;
    const QStringList expected = {dir.filePath("a.yml"), dir.filePath("b.yaml")};
    QCOMPARE(browser.experimentFiles(), expected);
  }
};

QTEST_MAIN(tst_experiment_locator)
#include "tst_experiment_locator.moc"
