// Number formatting shared by the table, the status bar and the form.
#include "display_format.h"

#include <charconv>
#include <cmath>
#include <string>

namespace sweeplab::ui {

QString formatPercent(double fraction) {
  if (std::isnan(fraction)) return {};
  return QString::number(fraction * 100.0, 'f', 2) + QStringLiteral(" %");
}

QString formatNumber(double value, int decimals) {
  if (std::isnan(value)) return {};
  return QString::number(value, 'f', decimals);
}

QString formatDuration(double seconds) {
  if (std::isnan(seconds) || seconds <= 0) return {};
  if (seconds < 60) return QString::number(seconds, 'f', 1) + QStringLiteral(" s");
  const long long total = std::llround(seconds);
  const long long hours = total / 3600, minutes = (total / 60) % 60, secs = total % 60;
  if (hours == 0) return QStringLiteral("%1:%2").arg(minutes).arg(secs, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2:%3")
      .arg(hours)
      .arg(minutes, 2, 10, QLatin1Char('0'))
      .arg(secs, 2, 10, QLatin1Char('0'));
}

QString formatShortest(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return QString::fromLatin1(buffer, static_cast<int>(result.ptr - buffer));
}

bool parseDouble(const QString& text, double* value) {
  const std::string trimmed = text.trimmed().toStdString();
  if (trimmed.empty()) return false;
  const char* begin = trimmed.data();
  const char* end = begin + trimmed.size();
  if (*begin == '+') ++begin;
  double parsed = 0;
  auto result = std::from_chars(begin, end, parsed);
  if (result.ec != std::errc() || result.ptr != end || !std::isfinite(parsed)) return false;
  *value = parsed;
  return true;
}

}  // namespace sweeplab::ui
