// Caption texts. A swept key reads as its plural noun ("different models"), not as a key name
// with "values" after it, which a reader of a paper has to decode.
#include "charts/figure_captions.h"

#include <QStringList>
#include <map>

namespace sweeplab::ui {
namespace {

// Plural nouns of the keys people sweep; any other key reads as "KEY values".
QString pluralNoun(const std::string& key) {
  static const std::map<std::string, const char*> kNouns = {
      {"model", "models"},
      {"model.name", "models"},
      {"model.hidden", "hidden layer widths"},
      {"model.activation", "activations"},
      {"model.dropout", "dropout rates"},
      {"model.batch_norm", "batch norm settings"},
      {"training.batch_size", "batch sizes"},
      {"training.learning_rate", "learning rates"},
      {"training.max_epochs", "epoch counts"},
      {"training.optimizer", "optimizers"},
      {"training.weight_decay", "weight decays"},
      {"training.momentum", "momentum values"},
      {"training.scheduler.type", "learning-rate schedules"},
      {"training.seed", "seeds"},
  };
  if (const auto found = kNouns.find(key); found != kNouns.end())
    return QString::fromLatin1(found->second);
  const QString text = QString::fromStdString(key);
  return text.mid(text.lastIndexOf(QLatin1Char('.')) + 1) + QStringLiteral(" values");
}

QString lastPart(const std::string& key) {
  const QString text = QString::fromStdString(key);
  return text.mid(text.lastIndexOf(QLatin1Char('.')) + 1);
}

}  // namespace

QString sweptKeysPhrase(const sweeplab::RunSummary& summary) {
  QStringList nouns;
  for (const sweeplab::TrialSummary& trial : summary.trials)
    for (const auto& [key, value] : trial.swept)
      if (!nouns.contains(pluralNoun(key))) nouns << pluralNoun(key);
  if (nouns.size() <= 1) return nouns.value(0);
  const QString last = nouns.takeLast();
  return nouns.join(QStringLiteral(", ")) + QStringLiteral(" and ") + last;
}

QString figureName(const FigureData& figure) {
  QStringList titles;
  for (const FigureChart& chart : figure.charts) titles << chart.title;
  // "Training accuracy" and "Validation accuracy" share their metric: name it once.
  if (titles.size() == 2) {
    const QString first = titles[0].section(QLatin1Char(' '), 0, 0);
    const QString metric = titles[0].section(QLatin1Char(' '), 1);
    if (!metric.isEmpty() && titles[1].section(QLatin1Char(' '), 1) == metric)
      return first + QStringLiteral(" and ") + titles[1].section(QLatin1Char(' '), 0, 0).toLower() +
             QLatin1Char(' ') + metric;
  }
  return titles.join(QStringLiteral(" and "));
}

QString automaticCaption(const sweeplab::RunSummary& summary, const QString& name) {
  const QString phrase = sweptKeysPhrase(summary);
  QString caption = phrase.isEmpty() ? name + QStringLiteral(" per trial")
                                     : name + QStringLiteral(" for different ") + phrase;
  const QString experiment = QString::fromStdString(summary.experiment_name);
  bool repeatsKey = false;
  for (const sweeplab::TrialSummary& trial : summary.trials)
    for (const auto& [key, value] : trial.swept) repeatsKey |= lastPart(key) == experiment;
  if (!experiment.isEmpty() && !repeatsKey) caption += QStringLiteral(" (%1)").arg(experiment);
  return caption;
}

QString captionForFigure(const QString& caption, const QString& name, bool severalFigures) {
  if (caption.isEmpty() || !severalFigures || name.isEmpty()) return caption;
  return caption + QStringLiteral(" — ") + name;
}

QString numberedCaption(const QString& text, int number) {
  if (number <= 0) return text;
  return text.isEmpty() ? QStringLiteral("Figure %1").arg(number)
                        : QStringLiteral("Figure %1: %2").arg(number).arg(text);
}

}  // namespace sweeplab::ui
