// The application icon from the resources, in every size that was rendered.
#pragma once

#include <QIcon>

namespace sweeplab::ui {

QIcon appIcon();

}  // namespace sweeplab::ui
