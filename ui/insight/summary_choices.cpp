// Which views a run's Summary offers, their names and titles.
#include "insight/summary_choices.h"

#include <QCoreApplication>

#include "insight/summary_axes.h"

namespace sweeplab::ui {
namespace {

QString text(const char* source) {
  return QCoreApplication::translate("SummaryView", source);
}

QString titleOf(const std::string& key) {
  return QString::fromStdString(keyTitle(key));
}

}  // namespace

std::vector<SummaryChoice> summaryChoices(const RunSummary& summary, bool history) {
  std::vector<std::string> names;
  for (const SweptKey& key : sweptKeys(summary)) names.push_back(key.key);
  std::vector<SummaryChoice> offered;
  for (const std::string& key : names) offered.push_back({SummaryKind::Slice, key});
  if (names.size() == 2) offered.push_back({SummaryKind::Heatmap, ""});
  if (names.size() >= 2 || (!names.empty() && !isFullGrid(summary)))
    offered.push_back({SummaryKind::Parallel, ""});
  if (names.size() >= 2) offered.push_back({SummaryKind::Importance, ""});
  if (history && !names.empty()) offered.push_back({SummaryKind::History, ""});
  return offered;
}

SummaryChoice defaultSummaryChoice(const RunSummary& summary, bool historyFirst) {
  const std::vector<SweptKey> keys = sweptKeys(summary);
  if (keys.empty()) return {};
  if (historyFirst) return {SummaryKind::History, ""};
  if (keys.size() == 1) return {SummaryKind::Slice, keys.front().key};
  if (keys.size() == 2 && isFullGrid(summary)) return {SummaryKind::Heatmap, ""};
  return {SummaryKind::Parallel, ""};
}

QString summaryChoiceName(const SummaryChoice& choice, const RunSummary& summary) {
  const std::vector<SweptKey> keys = sweptKeys(summary);
  switch (choice.kind) {
    case SummaryKind::Slice:
      return text("Against %1").arg(titleOf(choice.key));
    case SummaryKind::Heatmap:
      return keys.size() == 2
                 ? text("Heatmap: %1 × %2").arg(titleOf(keys[0].key), titleOf(keys[1].key))
                 : text("Heatmap");
    case SummaryKind::Parallel:
      return text("Parallel coordinates");
    case SummaryKind::Importance:
      return text("Importance of each key");
    case SummaryKind::History:
      return text("Optimisation history");
  }
  return {};
}

QString summaryFigureTitle(const SummaryChoice& choice, InsightResult result,
                           const RunSummary& summary, bool heatmapSwapped) {
  const QString name = QString::fromStdString(insightResultName(result));
  const QString shown = name.left(1).toUpper() + name.mid(1);
  switch (choice.kind) {
    case SummaryKind::Slice:
      return text("%1 against %2").arg(shown, titleOf(choice.key));
    case SummaryKind::Heatmap: {
      const std::vector<SweptKey> keys = sweptKeys(summary);
      if (keys.size() < 2) return shown;
      const std::string& x = heatmapSwapped ? keys[1].key : keys[0].key;
      const std::string& y = heatmapSwapped ? keys[0].key : keys[1].key;
      return text("%1 by %2 and %3").arg(shown, titleOf(x), titleOf(y));
    }
    case SummaryKind::Parallel:
      return text("%1 of every trial").arg(shown);
    case SummaryKind::Importance:
      return text("Importance of each swept key for the %1").arg(name);
    case SummaryKind::History:
      return text("Optimisation history");
  }
  return {};
}

QString historyFigureTitle(const StudyObjective& objective) {
  return text("Optimisation history of the %1 (%2)")
      .arg(QString::fromStdString(objectiveMetricName(objective.metric)),
           objective.maximize ? text("maximize") : text("minimize"));
}

}  // namespace sweeplab::ui
