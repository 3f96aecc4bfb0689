// Paths are stored absolute so the list survives a change of working directory.
#include "recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace sweeplab::ui {

namespace {
const char* const kKey = "recentFiles";
}

QStringList RecentFiles::list() {
  QStringList existing;
  for (const QString& path : QSettings().value(kKey).toStringList())
    if (QFileInfo::exists(path)) existing << path;
  return existing;
}

void RecentFiles::add(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QStringList files = QSettings().value(kKey).toStringList();
  files.removeAll(absolute);
  files.prepend(absolute);
  while (files.size() > kMaxEntries) files.removeLast();
  QSettings().setValue(kKey, files);
}

void RecentFiles::clear() {
  QSettings().remove(kKey);
}

}  // namespace sweeplab::ui
