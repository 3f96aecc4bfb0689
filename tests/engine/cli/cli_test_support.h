// What tst_cli and tst_cli_run share: a scratch folder with a dataset cache of its own, the tiny
// two-trial study run once into it by sweeplab-cli, and the run folder that run printed.
#pragma once

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "cli_runner.h"

inline const char* const kTinyExperiment =
    "name: tiny\n"
    "dataset:\n"
    "  source: synthetic-jsc\n"
    "  samples: 2000\n"
    "model: jsc-tiny\n"
    "training:\n"
    "  batch_size: 128\n"
    "  max_epochs: 1\n"
    "  learning_rate: 1e-3\n"
    "sweep:\n"
    "  training.batch_size: [64, 128]\n";

// The base of a CLI test class: runTinyStudy() from its initTestCase.
class TinyRunFixture {
 protected:
  // Writes tiny.yaml into the scratch folder and runs it into first/; a failed check here fails
  // the initTestCase that called it.
  void runTinyStudy() {
    QVERIFY(work_.isValid());
    cli_.setCacheHome(work_.filePath("cache"));
    writeFile(work_.filePath("tiny.yaml"), kTinyExperiment);
    firstRun_ = cli_.run({"run", work_.filePath("tiny.yaml"), "--out", work_.filePath("first")});
    QVERIFY2(firstRun_.exitCode == 0, qPrintable(firstRun_.err));
    firstRunDir_ = runFolderOf(firstRun_);
    QVERIFY2(!firstRunDir_.isEmpty(), qPrintable(firstRun_.out));
  }

  static QString runFolderOf(const CliResult& result) {
    const QRegularExpressionMatch match =
        QRegularExpression("\\nRun folder: (.+)\\n(Run store: .*\\n)?$").match(result.out);
    return match.captured(1);
  }

  static void writeFile(const QString& path, const QString& text) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
  }

  QTemporaryDir work_;
  CliRunner cli_;
  CliResult firstRun_;
  QString firstRunDir_;
};
