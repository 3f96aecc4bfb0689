#include "insight/summary_export_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "insight/summary_export.h"
#include "insight/summary_view.h"

namespace sweeplab::ui {

SummaryExportDialog::SummaryExportDialog(const SummaryView* view, const QString& proposedPath,
                                         QWidget* parent)
    : QDialog(parent), view_(view) {
  setWindowTitle(tr("Export the summary figure"));
  path_ = new QLineEdit(proposedPath);
  auto* browse = new QPushButton(tr("Choose…"));
  auto* path_row = new QHBoxLayout;
  path_row->addWidget(path_, 1);
  path_row->addWidget(browse);
  caption_ = new QLineEdit;
  caption_->setPlaceholderText(tr("none"));
  width_ = new QSpinBox;
  height_ = new QSpinBox;
  dpi_ = new QSpinBox;
  for (QSpinBox* box : {width_, height_}) box->setRange(200, 12000);
  dpi_->setRange(50, 1200);
  const SummaryExportOptions defaults;
  width_->setValue(defaults.figure.pixelSize.width());
  height_->setValue(defaults.figure.pixelSize.height());
  dpi_->setValue(defaults.figure.dpi);
  auto* size_row = new QHBoxLayout;
  size_row->addWidget(width_);
  size_row->addWidget(new QLabel(QStringLiteral("×")));
  size_row->addWidget(height_);
  size_row->addWidget(new QLabel(tr("pixels at")));
  size_row->addWidget(dpi_);
  size_row->addWidget(new QLabel(tr("dpi")));
  result_ = new QLabel;
  result_->setWordWrap(true);
  auto* form = new QFormLayout(this);
  form->addRow(tr("File (.png, .svg, .pdf)"), path_row);
  form->addRow(tr("PNG size"), size_row);
  form->addRow(tr("Caption"), caption_);
  form->addRow(result_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close);
  form->addRow(buttons);
  connect(browse, &QPushButton::clicked, this, &SummaryExportDialog::choosePath);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (exportFile()) accept();
  });
}

void SummaryExportDialog::setPath(const QString& path) {
  path_->setText(path);
}
void SummaryExportDialog::setCaption(const QString& caption) {
  caption_->setText(caption);
}
void SummaryExportDialog::setPixelSize(const QSize& size) {
  width_->setValue(size.width());
  height_->setValue(size.height());
}
void SummaryExportDialog::setDpi(int dpi) {
  dpi_->setValue(dpi);
}

void SummaryExportDialog::choosePath() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export the summary figure"), path_->text(),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (!path.isEmpty()) path_->setText(path);
}

bool SummaryExportDialog::exportFile() {
  FigureOptions options;
  options.pixelSize = QSize(width_->value(), height_->value());
  options.dpi = dpi_->value();
  options.caption = caption_->text().trimmed();
  const SummaryView* view = view_;
  const PaintedFigure figure = summaryPaintedFigure(
      [view](QPainter& painter, const QSizeF& size) { view->paintShown(painter, size); },
      view->figureTitle(), options);
  error_.clear();
  if (!exportPaintedFigure(figure, options.pixelSize, options.dpi, path_->text(), &error_)) {
    result_->setText(tr("Not written: %1").arg(error_));
    return false;
  }
  result_->setText(tr("Written: %1").arg(path_->text()));
  return true;
}

}  // namespace sweeplab::ui
