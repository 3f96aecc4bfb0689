// The presets are the value lists the JSC studies use, plus generic ones per key type.
#include "form/sweep_presets.h"

#include "sweeplab/experiment_keys.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab::ui {

namespace {
QStringList powersOfTwo(int from, int to) {
  QStringList values;
  for (int value = from; value <= to; value *= 2) values << QString::number(value);
  return values;
}

QStringList decades(int fromExponent, int toExponent) {
  QStringList values;
  for (int exponent = fromExponent; exponent <= toExponent; ++exponent)
    values << QStringLiteral("1e%1").arg(exponent);
  return values;
}
}  // namespace

std::vector<SweepPreset> sweepPresetsFor(const QString& key) {
  std::vector<SweepPreset> presets;
  if (key.endsWith(QLatin1String("batch_size"))) {
    presets.push_back({QStringLiteral("Powers of two, 32 to 512"), powersOfTwo(32, 512)});
    presets.push_back({QStringLiteral("Powers of two, 16 to 1024"), powersOfTwo(16, 1024)});
  } else if (key.endsWith(QLatin1String("learning_rate")) || key.endsWith(QLatin1String("lr"))) {
    presets.push_back({QStringLiteral("Decades, 1e-5 to 1e-1"), decades(-5, -1)});
    presets.push_back({QStringLiteral("Decades, 1e-6 to 1e-2"), decades(-6, -2)});
    presets.push_back(
        {QStringLiteral("Half decades, 1e-4 to 1e-2"), {"1e-4", "3e-4", "1e-3", "3e-3", "1e-2"}});
  } else if (key.endsWith(QLatin1String("weight_decay"))) {
    presets.push_back(
        {QStringLiteral("0 and decades 1e-5 to 1e-2"), QStringList{"0"} + decades(-5, -2)});
  } else if (key.endsWith(QLatin1String("max_epochs"))) {
    presets.push_back({QStringLiteral("10, 20, 50, 100"), {"10", "20", "50", "100"}});
  } else if (key.endsWith(QLatin1String("seed"))) {
    presets.push_back({QStringLiteral("Seeds 0 to 4"), {"0", "1", "2", "3", "4"}});
  } else if (key == QLatin1String("model") || key == QLatin1String("model.name")) {
    presets.push_back({QStringLiteral("jsc-tiny vs jsc-tiny-x10"), {"jsc-tiny", "jsc-tiny-x10"}});
    QStringList all;
    for (const std::string& name : catalogModelNames()) all << QString::fromStdString(name);
    presets.push_back({QStringLiteral("Every catalog model"), all});
  }
  if (const KeyInfo* info = findExperimentKey(key.toStdString()); info && !info->choices.empty()) {
    QStringList all;
    for (const std::string& choice : info->choices) all << QString::fromStdString(choice);
    presets.push_back({QStringLiteral("Every choice"), all});
  }
  return presets;
}

namespace {
QString canonicalKey(const QString& key) {
  return key == QLatin1String("model") ? QStringLiteral("model.name") : key;
}
}  // namespace

QString nextKeyToSweep(const QStringList& swept) {
  QStringList taken;
  for (const QString& key : swept) taken << canonicalKey(key);
  QStringList candidates = {"training.learning_rate", "training.batch_size",   "model.name",
                            "training.max_epochs",    "training.weight_decay", "training.optimizer",
                            "training.seed",          "model.dropout"};
  candidates += sweepableKeys();
  for (const QString& key : candidates)
    if (!taken.contains(canonicalKey(key))) return key;
  return candidates.front();  // everything is swept: the duplicate is then marked
}

QStringList startingValues(const QString& key) {
  const QString name = canonicalKey(key);
  if (name == QLatin1String("training.learning_rate")) return decades(-4, -2);
  if (name == QLatin1String("training.batch_size")) return {"64", "128", "256"};
  if (name == QLatin1String("model.name")) return {"jsc-tiny", "jsc-tiny-x10"};
  if (name == QLatin1String("training.max_epochs")) return {"10", "20", "50"};
  if (name == QLatin1String("training.weight_decay")) return {"0", "1e-4", "1e-3"};
  if (name == QLatin1String("training.seed")) return {"0", "1", "2"};
  if (name == QLatin1String("model.dropout")) return {"0", "0.1", "0.2"};
  if (name == QLatin1String("training.momentum")) return {"0", "0.9"};
  const KeyInfo* info = findExperimentKey(name.toStdString());
  if (!info) return {};
  if (info->type == "boolean") return {"true", "false"};
  QStringList choices;
  for (const std::string& choice : info->choices) choices << QString::fromStdString(choice);
  return choices;
}

QStringList sweepableKeys() {
  QStringList keys;
  for (const KeyInfo& info : experimentKeys())
    if (info.sweepable) keys << QString::fromStdString(info.key);
  return keys;
}

}  // namespace sweeplab::ui
