// Recently opened or saved experiment files, newest first, kept in QSettings.
#pragma once

#include <QString>
#include <QStringList>

namespace sweeplab::ui {

class RecentFiles {
 public:
  static constexpr int kMaxEntries = 10;
  static QStringList list();  // files that still exist
  static void add(const QString& path);
  static void clear();
};

}  // namespace sweeplab::ui
