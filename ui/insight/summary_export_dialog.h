// Exports the Summary view shown as one figure: PNG (width, height, DPI), SVG or PDF by the
// file's suffix, with an optional caption under it, as the curve figures are exported.
#pragma once

#include <QDialog>
#include <QString>

class QLineEdit;
class QSpinBox;
class QLabel;

namespace sweeplab::ui {

class SummaryView;

class SummaryExportDialog : public QDialog {
  Q_OBJECT
 public:
  SummaryExportDialog(const SummaryView* view, const QString& proposedPath,
                      QWidget* parent = nullptr);

  void setPath(const QString& path);
  void setCaption(const QString& caption);
  void setPixelSize(const QSize& size);
  void setDpi(int dpi);
  // Writes the file; false with the reason in lastError().
  bool exportFile();
  QString lastError() const { return error_; }

 private:
  void choosePath();

  const SummaryView* view_;
  QString error_;
  QLineEdit* path_;
  QLineEdit* caption_;
  QSpinBox* width_;
  QSpinBox* height_;
  QSpinBox* dpi_;
  QLabel* result_;
};

}  // namespace sweeplab::ui
