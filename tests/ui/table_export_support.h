// For tests that compare the tables the window writes with what `sweeplab-cli` prints (they get
// SWEEPLAB_CLI from tests/CMakeLists.txt): the command line's output, a written file, and the
// Export dialog set to write tables only.
#pragma once

#include <QCheckBox>
#include <QDebug>
#include <QFile>
#include <QGroupBox>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include "export_dialog.h"

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

// Ticks every table format and box (by-value tables included) and leaves the figures out, which
// are not what these tests compare; "Per-class recall" keeps the state the test gave it.
inline void exportTablesOnly(ExportDialog& dialog) {
  for (QGroupBox* group : dialog.findChildren<QGroupBox*>()) {
    const bool tables = group->title() != QObject::tr("Figures");
    group->setChecked(tables);
    if (tables)
      for (QCheckBox* check : group->findChildren<QCheckBox*>())
        if (check->text() != QObject::tr("Per-class recall")) check->setChecked(true);
  }
}

}  // namespace sweeplab::ui::test
