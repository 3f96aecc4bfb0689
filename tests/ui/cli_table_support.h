// What `sweeplab-cli` prints, for tests that compare the window's files with the command line's
// (they get SWEEPLAB_CLI from tests/CMakeLists.txt).
#pragma once

#include <QDebug>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace sweeplab::ui::test {

// The standard output of `sweeplab-cli ARGS`, or a marker that never equals a table when it
// fails (its error goes to the test log).
inline QString cliOutput(const QStringList& args) {
  QProcess process;
  process.start(QStringLiteral(SWEEPLAB_CLI), args);
  if (!process.waitForFinished(60000) || process.exitCode() != 0) {
    qWarning() << process.readAllStandardError();
    return QStringLiteral("(sweeplab-cli failed)");
  }
  return QString::fromUtf8(process.readAllStandardOutput());
}

inline QString readText(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace sweeplab::ui::test
