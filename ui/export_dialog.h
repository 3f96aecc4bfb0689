// Export (Ctrl+E): the curves as PNG/SVG/PDF figures and the results table as Markdown, the
// lab report's transposed Markdown, CSV, LaTeX or JSON; or the table to the clipboard.
#pragma once

#include <QDialog>
#include <QString>
#include <optional>

#include "sweeplab/metrics.h"
#include "sweeplab/results_table.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QGroupBox;

namespace sweeplab::ui {

class CurvePanel;

class ExportDialog : public QDialog {
  Q_OBJECT
 public:
  // Figures come from the live panel while the run shown is the window's own.
  explicit ExportDialog(CurvePanel* livePanel, QWidget* parent = nullptr);
  ~ExportDialog() override;

  // The window's own last run: its curves can be exported as shown.
  void setRun(const RunSummary& summary, const QString& runDir, bool live = true);
  // Reads a run folder; false (and a message) when it is not one. Its figures are the
  // standard set; "as shown" needs the live run.
  bool loadRunFolder(const QString& runDir);
  void setOutputDirectory(const QString& directory);

  // Writes what is ticked; returns the files written (also listed in the dialog).
  QStringList exportFiles();
  void copyTable();  // the chosen format to the clipboard
  // The "Per-class recall" box: what `sweeplab-cli table --per-class` adds to the tables.
  void setPerClassRecall(bool on);

  QString lastError() const { return error_; }

 private:
  void chooseRunFolder();
  void chooseOutputDirectory();
  void updateState();
  QStringList exportFigures(const QString& directory, const QString& base);
  TableOptions tableOptions() const;

  CurvePanel* live_panel_;
  bool run_is_live_ = false;
  std::optional<RunSummary> summary_;
  QString run_dir_;
  QString error_;

  QLabel* run_label_;
  QLineEdit* out_dir_;
  QLineEdit* base_name_;
  QGroupBox* figures_;
  QCheckBox* png_;
  QCheckBox* svg_;
  QCheckBox* pdf_;
  QCheckBox* as_shown_;
  QCheckBox* standard_set_;
  QSpinBox* png_width_;
  QSpinBox* png_height_;
  QSpinBox* dpi_;
  QLineEdit* caption_;
  QCheckBox* numbered_;
  QGroupBox* tables_;
  std::vector<QCheckBox*> table_checks_;
  QCheckBox* per_class_;
  QCheckBox* by_value_;
  QComboBox* copy_format_;
  QLabel* result_;
  QPushButton* export_button_ = nullptr;
};

}  // namespace sweeplab::ui
