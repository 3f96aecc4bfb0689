// Ready value lists for swept keys: powers of two for batch sizes, decades for learning rates,
// the catalog's models, every choice of a choice key.
#pragma once

#include <QString>
#include <QStringList>
#include <vector>

namespace sweeplab::ui {

struct SweepPreset {
  QString name;  // menu text
  QStringList values;
};

std::vector<SweepPreset> sweepPresetsFor(const QString& key);
// Swept keys offered in the editor (the key table's sweepable keys, file order).
QStringList sweepableKeys();

}  // namespace sweeplab::ui
