// Publication figures (PNG, SVG, PDF) from FigureData, without any window: white background,
// fonts sized for the output, one shared legend, optional caption, no interactive chrome.
#pragma once

#include <QByteArray>
#include <QSizeF>
#include <QString>
#include <functional>
#include <optional>

#include "charts/figure_data.h"

class QPainter;

namespace sweeplab::ui {

enum class FigureFormat { Png, Svg, Pdf };

// From the file name's suffix (case-insensitive); nullopt for anything else.
std::optional<FigureFormat> figureFormatForPath(const QString& path);

// Writes the figure to path in the format its suffix names. Needs a QApplication (any
// platform, "offscreen" included). On failure returns false and says why in *error.
bool exportFigure(const FigureData& figure, const FigureOptions& options, const QString& path,
                  QString* error);

// The PNG bytes exportFigure would write, for embedding a figure in another document.
QByteArray renderFigurePng(const FigureData& figure, const FigureOptions& options, QString* error);

// The figure's size in 96-dpi pixels, caption band included: the coordinate system
// paintFigure draws in. The PNG is options.pixelSize exactly; a caption takes its band from
// the figure's height.
QSizeF figureLogicalSize(const FigureOptions& options);

// Paints the figure into [0, 0, figureLogicalSize] of the painter's coordinate system.
void paintFigure(QPainter& painter, const FigureData& figure, const FigureOptions& options);

// Any figure drawn by a function into [0, 0, logicalSize] (96-dpi pixels): how figures other
// than curves (the confusion matrix) reach the same PNG, SVG and PDF writers, checks included.
struct PaintedFigure {
  QSizeF logicalSize;
  QString title;        // the PNG's Title text, the SVG's and the PDF's title
  QString description;  // the SVG's description
  std::function<void(QPainter&)> paint;
};

// Writes the figure to path in the format its suffix names: a PNG of pixelSize tagged with
// dpi, an SVG or a PDF of the logical size. Same errors as exportFigure.
bool exportPaintedFigure(const PaintedFigure& figure, const QSize& pixelSize, int dpi,
                         const QString& path, QString* error);
QByteArray renderPaintedFigurePng(const PaintedFigure& figure, const QSize& pixelSize, int dpi,
                                  QString* error);

}  // namespace sweeplab::ui
