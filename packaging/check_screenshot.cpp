// Fails unless a screenshot shows something: an empty Xvfb screen is one flat colour, a window
// with widgets and anti-aliased text has many. Usage: check_screenshot SHOT.png
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <cstdio>

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  if (argc != 2) {
    std::fprintf(stderr, "usage: check_screenshot SHOT.png\n");
    return 2;
  }
  const QImage image =
      QImage(QString::fromLocal8Bit(argv[1])).convertToFormat(QImage::Format_RGB32);
  if (image.isNull()) {
    std::fprintf(stderr, "%s: not a readable image\n", argv[1]);
    return 2;
  }
  QHash<QRgb, qint64> counts;
  for (int y = 0; y < image.height(); ++y) {
    const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x) ++counts[line[x]];
  }
  qint64 mostCommon = 0;
  for (const qint64 count : counts) mostCommon = std::max(mostCommon, count);
  const double pixels = double(image.width()) * image.height();
  const double flatShare = mostCommon / pixels;
  std::printf("%s: %dx%d, %lld colours, the most common covers %.0f%%\n", argv[1], image.width(),
              image.height(), static_cast<long long>(counts.size()), 100 * flatShare);
  // Thresholds far from both cases: a blank screen has 1 colour, the window hundreds.
  const bool showsSomething = counts.size() >= 64 && flatShare < 0.9;
  if (!showsSomething) std::fprintf(stderr, "%s: looks blank\n", argv[1]);
  return showsSomething ? 0 : 1;
}
