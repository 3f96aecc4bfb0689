// Shrinks a PNG to a given width, keeping its aspect ratio: scale_png IN.png OUT.png WIDTH
// Exported figures are 300 dpi; the copy kept in the docs only needs to read well on screen.
#include <QGuiApplication>
#include <QImage>
#include <cstdio>

int main(int argc, char** argv) {
  QGuiApplication app(argc, argv);
  if (argc != 4) {
    std::fprintf(stderr, "usage: scale_png IN.png OUT.png WIDTH\n");
    return 2;
  }
  const QImage image(QString::fromLocal8Bit(argv[1]));
  const int width = QByteArray(argv[3]).toInt();
  if (image.isNull() || width <= 0) {
    std::fprintf(stderr, "scale_png: cannot read %s, or WIDTH is not a positive number\n", argv[1]);
    return 2;
  }
  // No alpha channel: a figure is opaque, and the PNG is smaller without one.
  const QImage scaled =
      image.scaledToWidth(width, Qt::SmoothTransformation).convertToFormat(QImage::Format_RGB888);
  return scaled.save(QString::fromLocal8Bit(argv[2]), "PNG", 9) ? 0 : 1;
}
