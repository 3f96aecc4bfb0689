// Okabe-Ito based trial palette.
#include "charts/trial_palette.h"

#include <array>

namespace sweeplab::ui {
namespace {

// Okabe & Ito (2008), reordered so the first trials get the strongest contrasts on white.
// Their yellow is replaced by a darker gold: pure yellow is unreadable as a thin line on white.
constexpr std::array<QRgb, 8> kBaseColors = {
    0x0072B2,  // blue
    0xE69F00,  // orange
    0x009E73,  // bluish green
    0xD55E00,  // vermillion
    0xCC79A7,  // reddish purple
    0x56B4E9,  // sky blue
    0xB8A000,  // dark gold
    0x000000,  // black
};

}  // namespace

int trialPaletteSize() {
  return static_cast<int>(kBaseColors.size());
}

QColor trialColor(int trialIndex) {
  const int size = trialPaletteSize();
  const int index = trialIndex < 0 ? -trialIndex : trialIndex;
  QColor base = QColor::fromRgb(kBaseColors[static_cast<size_t>(index % size)]);
  switch ((index / size) % 3) {
    case 1:
      return base == Qt::black ? QColor(0x66, 0x66, 0x66) : base.darker(150);
    case 2:
      return base == Qt::black ? QColor(0x99, 0x99, 0x99) : base.lighter(135);
    default:
      return base;
  }
}

}  // namespace sweeplab::ui
