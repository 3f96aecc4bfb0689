// Ready value lists for swept keys: powers of two for batch sizes, decades for learning rates,
// the catalog's models, every choice of a choice key; and what a new sweep row starts with.
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
// The key a new sweep row starts with: the first key studies sweep most (learning rate, batch
// size, model, epochs, ...) that is not swept yet, else any sweepable key not swept yet.
QString nextKeyToSweep(const QStringList& swept);
// The values a new row for the key starts with, a short list around the usual value (learning
// rate 1e-4, 1e-3, 1e-2; batch size 64, 128, 256); empty when no list suits every study.
QStringList startingValues(const QString& key);

}  // namespace sweeplab::ui
