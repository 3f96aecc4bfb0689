// Writes figures as PNG, SVG or PDF; the file appears complete or not at all.
#include "charts/figure_export.h"

#include <QApplication>
#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageWriter>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace sweeplab::ui {
namespace {

constexpr double kLogicalDpi = 96.0;  // the unit paintFigure draws in
constexpr int kMinPixels = 100, kMaxPixels = 20000;
constexpr int kMinDpi = 36, kMaxDpi = 2400;

bool fail(QString* error, const QString& message) {
  if (error) *error = message;
  return false;
}

QString figureTitle(const FigureData& figure, const FigureOptions& options) {
  if (!options.caption.isEmpty()) return options.caption;
  QStringList titles;
  for (const FigureChart& chart : figure.charts) titles << chart.title;
  return titles.join(QStringLiteral(" / "));
}

// Refers to figure and options: used only while they live.
PaintedFigure curvesFigure(const FigureData& figure, const FigureOptions& options) {
  return {figureLogicalSize(options), figureTitle(figure, options),
          QStringLiteral("Sweeplab learning curves"),
          [&figure, &options](QPainter& painter) { paintFigure(painter, figure, options); }};
}

QByteArray renderPng(const PaintedFigure& figure, const QSize& pixels, int dpi, QString* error) {
  QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  const int dotsPerMeter = static_cast<int>(std::lround(dpi / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  const QSizeF logical = figure.logicalSize;
  {
    QPainter painter(&image);
    painter.scale(pixels.width() / logical.width(), pixels.height() / logical.height());
    figure.paint(painter);
  }
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "png");
  writer.setText(QStringLiteral("Title"), figure.title);
  if (!writer.write(image.convertToFormat(QImage::Format_RGB32))) {
    *error = writer.errorString();
    return {};
  }
  return bytes;
}

QByteArray renderSvg(const PaintedFigure& figure, QString* error) {
  const QSizeF logical = figure.logicalSize;
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setResolution(static_cast<int>(kLogicalDpi));
  generator.setSize(logical.toSize());
  generator.setViewBox(QRectF(QPointF(0, 0), logical));
  generator.setTitle(figure.title);
  generator.setDescription(figure.description);
  QPainter painter;
  if (!painter.begin(&generator)) {
    *error = QStringLiteral("the SVG generator did not start");
    return {};
  }
  figure.paint(painter);
  painter.end();
  return bytes;
}

QByteArray renderPdf(const PaintedFigure& figure, int dpi, QString* error) {
  const QSizeF logical = figure.logicalSize;
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  {
    QPdfWriter writer(&buffer);
    writer.setResolution(dpi);
    const QSizeF points = logical * (72.0 / kLogicalDpi);
    writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setCreator(QStringLiteral("Sweeplab"));
    writer.setTitle(figure.title);
    QPainter painter;
    if (!painter.begin(&writer)) {
      *error = QStringLiteral("the PDF writer did not start");
      return {};
    }
    painter.scale(writer.width() / logical.width(), writer.height() / logical.height());
    figure.paint(painter);
    painter.end();
  }
  return bytes;
}

// What a person can get wrong in an export request, checked before anything is drawn.
bool acceptable(const QString& path, const QSize& size, int dpi, QString* error) {
  if (!figureFormatForPath(path)) {
    return fail(error, QStringLiteral("%1: unknown figure format '.%2'; use .png, .svg or .pdf")
                           .arg(path, QFileInfo(path).suffix()));
  }
  if (size.width() < kMinPixels || size.height() < kMinPixels || size.width() > kMaxPixels ||
      size.height() > kMaxPixels) {
    return fail(error, QStringLiteral("%1: figure size %2x%3 pixels is outside %4..%5 per side")
                           .arg(path)
                           .arg(size.width())
                           .arg(size.height())
                           .arg(kMinPixels)
                           .arg(kMaxPixels));
  }
  if (dpi < kMinDpi || dpi > kMaxDpi) {
    return fail(error, QStringLiteral("%1: dpi %2 is outside %3..%4")
                           .arg(path)
                           .arg(dpi)
                           .arg(kMinDpi)
                           .arg(kMaxDpi));
  }
  // Charts are graphics widgets: they need a widget application, even on the offscreen platform.
  if (!qobject_cast<QApplication*>(QCoreApplication::instance())) {
    return fail(error, QStringLiteral("%1: figure export needs a running QApplication").arg(path));
  }
  return true;
}

bool writePainted(const PaintedFigure& figure, const QSize& pixels, int dpi, const QString& path,
                  QString* error) {
  QString renderError;
  QByteArray bytes;
  switch (*figureFormatForPath(path)) {
    case FigureFormat::Png:
      bytes = renderPng(figure, pixels, dpi, &renderError);
      break;
    case FigureFormat::Svg:
      bytes = renderSvg(figure, &renderError);
      break;
    case FigureFormat::Pdf:
      bytes = renderPdf(figure, dpi, &renderError);
      break;
  }
  if (bytes.isEmpty()) {
    return fail(error,
                QStringLiteral("%1: could not render the figure: %2").arg(path, renderError));
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    return fail(error, QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
  }
  return true;
}

}  // namespace

std::optional<FigureFormat> figureFormatForPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return FigureFormat::Png;
  if (suffix == QLatin1String("svg")) return FigureFormat::Svg;
  if (suffix == QLatin1String("pdf")) return FigureFormat::Pdf;
  return std::nullopt;
}

QByteArray renderFigurePng(const FigureData& figure, const FigureOptions& options, QString* error) {
  return renderPaintedFigurePng(curvesFigure(figure, options), options.pixelSize, options.dpi,
                                error);
}

QByteArray renderPaintedFigurePng(const PaintedFigure& figure, const QSize& pixelSize, int dpi,
                                  QString* error) {
  QString why;
  QByteArray bytes = renderPng(figure, pixelSize, dpi, &why);
  if (bytes.isEmpty() && error) *error = why;
  return bytes;
}

bool exportFigure(const FigureData& figure, const FigureOptions& options, const QString& path,
                  QString* error) {
  if (!acceptable(path, options.pixelSize, options.dpi, error)) return false;
  return writePainted(curvesFigure(figure, options), options.pixelSize, options.dpi, path, error);
}

bool exportPaintedFigure(const PaintedFigure& figure, const QSize& pixelSize, int dpi,
                         const QString& path, QString* error) {
  if (!acceptable(path, pixelSize, dpi, error)) return false;
  return writePainted(figure, pixelSize, dpi, path, error);
}

}  // namespace sweeplab::ui
