// Resources of a static library must be initialised explicitly: the linker would otherwise
// drop the object that registers them.
#include "app_icon.h"

#include <QFile>

static void initSweeplabResources() {
  Q_INIT_RESOURCE(sweeplab);
}

namespace sweeplab::ui {

QIcon appIcon() {
  static const bool initialised = (initSweeplabResources(), true);
  Q_UNUSED(initialised);
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64, 128, 256}) {
    const QString png = QStringLiteral(":/sweeplab/icons/sweeplab-%1.png").arg(size);
    if (QFile::exists(png)) icon.addFile(png, QSize(size, size));
  }
  if (icon.isNull()) icon.addFile(QStringLiteral(":/sweeplab/icons/sweeplab.svg"));
  return icon;
}

}  // namespace sweeplab::ui
