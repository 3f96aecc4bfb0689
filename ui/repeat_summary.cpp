#include "repeat_summary.h"

#include <QObject>
#include <QStringList>
#include <cmath>

#include "sweeplab/repeat_statistics.h"

namespace sweeplab::ui {
namespace {

QString number(double value, int decimals = 4) {
  return std::isfinite(value) ? QString::number(value, 'f', decimals) : QStringLiteral("-");
}

QString meanStd(const MeanStd& value) {
  if (value.n < 2) return number(value.mean);
  return QStringLiteral("%1 ± %2").arg(number(value.mean), number(value.std));
}

QString escaped(const std::string& text) {
  return QString::fromStdString(text).toHtmlEscaped();
}

QString others(int count) {
  return count == 1 ? QObject::tr("1 other") : QObject::tr("%1 others").arg(count);
}

QString seedsOf(const GridPointStatistics& p) {
  return QObject::tr("%1 of %2 seeds").arg(p.finished).arg(p.trials.size());
}

// Every grid point's mean and every comparison with the best: the whole story, a paragraph
// when many values are swept.
QString fullText(const std::vector<GridPointStatistics>& points) {
  QStringList means;
  for (const GridPointStatistics& p : points) {
    means << QObject::tr("%1 %2 (%3)").arg(escaped(p.label), meanStd(p.test_acc), seedsOf(p));
  }
  QString text =
      QObject::tr("<b>Seed repeats</b>, test accuracy: %1.").arg(means.join(QStringLiteral(" · ")));
  QStringList tests;
  for (const RepeatComparison& c : compareWithBest(points)) {
    const WelchTest& w = c.test;
    const QString pair = QStringLiteral("%1 vs %2")
                             .arg(escaped(points[c.better].label), escaped(points[c.other].label));
    if (!w.valid) {
      tests << QObject::tr("%1: needs two finished seeds on each side").arg(pair);
      continue;
    }
    const QString verdict =
        w.significant() ? QObject::tr("beyond seed noise") : QObject::tr("within seed noise");
    tests << QObject::tr("%1: %2%3, Welch p = %4, %5")
                 .arg(pair, w.difference >= 0 ? QStringLiteral("+") : QString(),
                      number(w.difference), number(w.p_value), verdict);
  }
  if (!tests.isEmpty()) text += QStringLiteral(" ") + tests.join(QStringLiteral("; ")) + ".";
  return text;
}

// One line however many values are swept: the best grid point, which others are within seed
// noise of it by name, and how many are beyond it.
QString shortText(const std::vector<GridPointStatistics>& points) {
  const std::vector<RepeatComparison> comparisons = compareWithBest(points);
  if (comparisons.empty()) return fullText(points);
  const GridPointStatistics& best = points[comparisons.front().better];
  QStringList within;
  int beyond = 0, undecided = 0;
  for (const RepeatComparison& c : comparisons) {
    if (!c.test.valid)
      ++undecided;
    else if (c.test.significant())
      ++beyond;
    else
      within << escaped(points[c.other].label);
  }
  QString text = QObject::tr("<b>Seed repeats</b>, test accuracy: best %1 %2 (%3)")
                     .arg(escaped(best.label), meanStd(best.test_acc), seedsOf(best));
  if (!within.isEmpty())
    text += QObject::tr("; within seed noise of it: %1").arg(within.join(QStringLiteral(", ")));
  if (beyond > 0) text += QObject::tr("; beyond seed noise: %1").arg(others(beyond));
  if (undecided > 0) text += QObject::tr("; %1 without two finished seeds").arg(others(undecided));
  return text + QObject::tr(". Every grid point and test: hover here.");
}

// Up to this many grid points, the line says everything; beyond, it says the gist.
constexpr size_t kPointsInFull = 3;

}  // namespace

RepeatSummary repeatSummary(const RunSummary& summary) {
  if (!hasSeedRepeats(summary)) return {};
  const std::vector<GridPointStatistics> points = repeatStatistics(summary);
  if (points.size() <= kPointsInFull) return {fullText(points), {}};
  return {shortText(points), fullText(points)};
}

}  // namespace sweeplab::ui
