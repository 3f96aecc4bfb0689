// Grid styling of trials from their labels or swept values.
#include "charts/trial_styles.h"

#include <QRegularExpression>
#include <algorithm>

#include "charts/trial_palette.h"

namespace sweeplab::ui {
namespace {

// Splits at ", " outside brackets: a swept list value ("hidden=[64, 32]") holds commas too.
QStringList topLevelParts(const QString& text) {
  QStringList parts;
  int depth = 0, start = 0;
  for (int i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c == QLatin1Char('[')) ++depth;
    if (c == QLatin1Char(']')) depth = std::max(0, depth - 1);
    if (depth == 0 && text.mid(i, 2) == QLatin1String(", ")) {
      parts << text.mid(start, i - start);
      start = i + 2;
    }
  }
  parts << text.mid(start);
  return parts;
}

QString valueOf(const LabelParts& parts, const QString& key) {
  for (const auto& [k, v] : parts.swept)
    if (k == key) return v;
  return {};
}

// "training.batch_size" reads as "batch_size", as in the trials' labels.
QString shortKey(const std::string& key) {
  if (key == "model" || key == "model.name") return QStringLiteral("model");
  const QString text = QString::fromStdString(key);
  return text.mid(text.lastIndexOf(QLatin1Char('.')) + 1);
}

TrialStyles stylesOf(const std::vector<LabelParts>& trials) {
  TrialStyles styles;
  if (trials.empty()) return styles;
  // Every label must name the same keys in the same order; anything else is shown as written.
  QStringList keys;
  for (const auto& [key, value] : trials.front().swept) keys << key;
  std::vector<QStringList> values(static_cast<size_t>(keys.size()));
  for (const LabelParts& parts : trials) {
    if (!parts.parsed || static_cast<int>(parts.swept.size()) != keys.size()) return styles;
    for (int k = 0; k < keys.size(); ++k) {
      if (parts.swept[static_cast<size_t>(k)].first != keys[k]) return styles;
      QStringList& seen = values[static_cast<size_t>(k)];
      if (!seen.contains(parts.swept[static_cast<size_t>(k)].second))
        seen << parts.swept[static_cast<size_t>(k)].second;
    }
  }
  std::vector<int> varying;
  for (int k = 0; k < keys.size(); ++k) {
    if (values[static_cast<size_t>(k)].size() < 2) continue;
    styles.varyingKeys << keys[k];
    varying.push_back(k);
  }
  if (varying.size() != 2) return styles;
  int colorAt = varying[0], styleAt = varying[1];
  if (values[static_cast<size_t>(styleAt)].size() > values[static_cast<size_t>(colorAt)].size())
    std::swap(colorAt, styleAt);
  const auto fits = [&](int c, int s) {
    return values[static_cast<size_t>(c)].size() <= trialPaletteSize() &&
           values[static_cast<size_t>(s)].size() <= gridLineStyleCount();
  };
  if (!fits(colorAt, styleAt)) {
    if (!fits(styleAt, colorAt)) return styles;
    std::swap(colorAt, styleAt);
  }
  styles.grid = true;
  styles.colorKey = keys[colorAt];
  styles.styleKey = keys[styleAt];
  styles.colorValues = values[static_cast<size_t>(colorAt)];
  styles.styleValues = values[static_cast<size_t>(styleAt)];
  for (const LabelParts& parts : trials) {
    styles.colorIndices.push_back(static_cast<int>(
        styles.colorValues.indexOf(parts.swept[static_cast<size_t>(colorAt)].second)));
    styles.styleIndices.push_back(static_cast<int>(
        styles.styleValues.indexOf(parts.swept[static_cast<size_t>(styleAt)].second)));
  }
  return styles;
}

}  // namespace

LabelParts labelParts(const QString& label) {
  static const QRegularExpression keyPattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*$"));
  LabelParts result;
  QString text = label;
  // The repeat's seed follows the swept values after a space, outside any list value.
  const int seed = text.lastIndexOf(QLatin1String(" seed="));
  if (seed > 0 && text.indexOf(QLatin1Char(']'), seed) < 0) {
    result.suffix = text.mid(seed);
    text = text.left(seed);
  }
  for (const QString& part : topLevelParts(text)) {
    const int equals = part.indexOf(QLatin1Char('='));
    if (equals <= 0 || !keyPattern.match(part.left(equals)).hasMatch()) return LabelParts{};
    result.swept.emplace_back(part.left(equals), part.mid(equals + 1));
  }
  result.parsed = true;
  return result;
}

TrialStyles trialStyles(const QStringList& labels) {
  std::vector<LabelParts> trials;
  for (const QString& label : labels) trials.push_back(labelParts(label));
  return stylesOf(trials);
}

TrialStyles trialStyles(
    const std::vector<std::vector<std::pair<std::string, std::string>>>& swept) {
  std::vector<LabelParts> trials;
  for (const auto& values : swept) {
    LabelParts parts;
    parts.parsed = true;
    for (const auto& [key, value] : values)
      parts.swept.emplace_back(shortKey(key), QString::fromStdString(value));
    trials.push_back(parts);
  }
  return stylesOf(trials);
}

int TrialStyles::colorIndex(const QString& label) const {
  return grid ? static_cast<int>(colorValues.indexOf(valueOf(labelParts(label), colorKey))) : -1;
}

int TrialStyles::styleIndex(const QString& label) const {
  return grid ? static_cast<int>(styleValues.indexOf(valueOf(labelParts(label), styleKey))) : -1;
}

QColor TrialStyles::color(const QString& label) const {
  const int index = colorIndex(label);
  return index < 0 ? QColor() : trialColor(index);
}

Qt::PenStyle TrialStyles::lineStyle(const QString& label) const {
  const int index = styleIndex(label);
  return index < 0 ? Qt::SolidLine : gridLineStyle(index);
}

QString TrialStyles::legendText(const QString& label) const {
  const LabelParts parts = labelParts(label);
  if (!parts.parsed || varyingKeys.isEmpty()) return label;
  QStringList shown;
  for (const auto& [key, value] : parts.swept)
    if (varyingKeys.contains(key)) shown << key + QLatin1Char('=') + value;
  return shown.join(QStringLiteral(", ")) + parts.suffix;
}

}  // namespace sweeplab::ui
