// SWEEPLAB_SOURCE_DIR is a compile definition of this library, so a binary that never got
// installed still finds the files it was built with.
#include "experiment_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

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

}  // namespace sweeplab::ui
