// The About box: versions of Sweeplab and LibTorch, whether CUDA is there, which BLAS runs.
#pragma once

#include <QString>

class QWidget;

namespace sweeplab::ui {

QString aboutText();  // rich text, also for tests
void showAboutDialog(QWidget* parent);

}  // namespace sweeplab::ui
