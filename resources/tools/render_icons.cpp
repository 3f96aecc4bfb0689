// Renders the SVG app icon into square PNGs: render_icons SVG OUTDIR SIZE...
// Writes OUTDIR/sweeplab-SIZE.png. Needs no display (offscreen QGuiApplication).
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM", "offscreen");
  QGuiApplication app(argc, argv);
  if (argc < 4) {
    std::fprintf(stderr, "usage: render_icons SVG OUTDIR SIZE...\n");
    return 2;
  }
  QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
  if (!renderer.isValid()) {
    std::fprintf(stderr, "%s: not a readable SVG file\n", argv[1]);
    return 1;
  }
  for (int i = 3; i < argc; ++i) {
    const int size = QByteArray(argv[i]).toInt();
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter);
    painter.end();
    const QString path =
        QStringLiteral("%1/sweeplab-%2.png").arg(QString::fromLocal8Bit(argv[2])).arg(size);
    if (!image.save(path)) {
      std::fprintf(stderr, "%s: cannot write\n", qPrintable(path));
      return 1;
    }
  }
  return 0;
}
