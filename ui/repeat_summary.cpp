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

}  // namespace

QString repeatSummaryText(const RunSummary& summary) {
  if (!hasSeedRepeats(summary)) return {};
  const std::vector<GridPointStatistics> points = repeatStatistics(summary);
  QStringList means;
  for (const GridPointStatistics& p : points) {
    means << QObject::tr("%1 %2 (%3 of %4 seeds)")
                 .arg(escaped(p.label), meanStd(p.test_acc))
                 .arg(p.finished)
                 .arg(p.trials.size());
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

}  // namespace sweeplab::ui
