// The trial palette. The Okabe-Ito set alone has eight colours, and the shades that extended it
// to ten trials made pairs (blue and dark blue, orange and gold) that a reader cannot tell apart.
#include "charts/trial_palette.h"

#include <array>

namespace sweeplab::ui {
namespace {

// Chosen from Okabe-Ito, Tableau and Paul Tol's sets for the largest smallest distance between
// any two (42.8 in CIELAB) with no colour lighter than L* 70, which a thin line on white needs;
// tests/ui/tst_trial_palette.cpp measures it.
constexpr std::array<QRgb, 10> kBaseColors = {
    0x0072B2,  // blue
    0xFF7F0E,  // orange
    0x2CA02C,  // green
    0xE15759,  // red
    0xE377C2,  // pink
    0x9C755F,  // brown
    0x332288,  // indigo
    0x44AA99,  // teal
    0xB8A000,  // dark gold
    0x000000,  // black
};

constexpr std::array<Qt::PenStyle, 5> kLineStyles = {Qt::SolidLine, Qt::DashLine, Qt::DotLine,
                                                     Qt::DashDotLine, Qt::DashDotDotLine};

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

Qt::PenStyle gridLineStyle(int index) {
  const int count = gridLineStyleCount();
  return kLineStyles[static_cast<size_t>(((index % count) + count) % count)];
}

int gridLineStyleCount() {
  return static_cast<int>(kLineStyles.size());
}

}  // namespace sweeplab::ui
