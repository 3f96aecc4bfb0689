// SWEEPLAB_SOURCE_DIR is a compile definition of this library, so a binary that never got
// installed still finds the files it was built with.
#include "experiment_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>

namespace sweeplab::ui {

QStringList experimentsDirCandidates() {
  QStringList candidates;
  const QString fromEnvironment = qEnvironmentVariable("SWEEPLAB_EXPERIMENTS_DIR");
  if (!fromEnvironment.isEmpty()) candidates << fromEnvironment;
  if (QCoreApplication::instance())
    candidates << QDir(QCoreApplication::applicationDirPath())
                      .absoluteFilePath(QStringLiteral("../share/sweeplab/experiments"));
#ifdef SWEEPLAB_SOURCE_DIR
  candidates << QStringLiteral(SWEEPLAB_SOURCE_DIR "/experiments");
#endif
  for (QString& candidate : candidates) candidate = QDir::cleanPath(candidate);
  return candidates;
}

QString findExperimentsDir() {
  for (const QString& candidate : experimentsDirCandidates())
    if (QFileInfo(candidate).isDir()) return candidate;
  return {};
}

QString defaultExperimentFile() {
  const QString dir = findExperimentsDir();
  if (dir.isEmpty()) return {};
  const QString file = QDir(dir).absoluteFilePath(QStringLiteral("batch_size.yaml"));
  return QFileInfo::exists(file) ? file : QString();
}

bool isProtectedStudy(const QString& path) {
  const QFileInfo file(path);
  if (!file.exists()) return false;
  const QString shipped = findExperimentsDir();
  if (!shipped.isEmpty() &&
      QFileInfo(file.absolutePath()).canonicalFilePath() == QFileInfo(shipped).canonicalFilePath())
    return true;
  // The owner's permission bits too: a file marked read-only stays so even for a user who may
  // write anything (root).
  return !file.isWritable() || !(file.permissions() & QFileDevice::WriteOwner);
}

QString userStudiesDir() {
  const QString chosen = QSettings().value(QStringLiteral("studies/directory")).toString();
  if (!chosen.isEmpty()) return chosen;
  return QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
      .absoluteFilePath(QStringLiteral("Sweeplab experiments"));
}

void setUserStudiesDir(const QString& directory) {
  QSettings().setValue(QStringLiteral("studies/directory"), directory);
}

QString studyFileName(const QString& studyName) {
  QString name = studyName.trimmed();
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
  while (name.startsWith('.') || name.startsWith('_')) name.remove(0, 1);
  if (name.isEmpty()) name = QStringLiteral("experiment");
  return name + QStringLiteral(".yaml");
}

}  // namespace sweeplab::ui
