// Settings of the dialog are remembered, so a report's second export is one keystroke.
#include "export_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <tuple>

#include "charts/curve_panel.h"
#include "charts/figure_captions.h"
#include "charts/standard_figures.h"
#include "results_export.h"
#include "sweeplab/run_folder.h"

namespace sweeplab::ui {

namespace {
QCheckBox* remembered(const QString& text, const QString& key, bool fallback, QWidget* parent) {
  auto* check = new QCheckBox(text, parent);
  check->setChecked(QSettings().value(QStringLiteral("export/") + key, fallback).toBool());
  QObject::connect(check, &QCheckBox::toggled, check,
                   [key](bool on) { QSettings().setValue(QStringLiteral("export/") + key, on); });
  return check;
}

QSpinBox* spin(int low, int high, int value, const QString& suffix, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(low, high);
  box->setValue(value);
  box->setSuffix(suffix);
  return box;
}
}  // namespace

ExportDialog::ExportDialog(CurvePanel* livePanel, QWidget* parent)
    : QDialog(parent), live_panel_(livePanel) {
  setWindowTitle(tr("Export results"));
  auto* layout = new QVBoxLayout(this);

  auto* source = new QHBoxLayout;
  run_label_ = new QLabel(tr("No run yet"), this);
  run_label_->setWordWrap(true);
  auto* pick_run = new QPushButton(tr("Run Folder…"), this);
  pick_run->setToolTip(tr("Export a run written earlier (a folder with summary.json)"));
  source->addWidget(run_label_, 1);
  source->addWidget(pick_run);
  layout->addLayout(source);

  auto* where = new QFormLayout;
  // The folder used last; until there is one, setRun offers the run's own folder.
  out_dir_ = new QLineEdit(QSettings().value("export/directory").toString());
  out_dir_->setObjectName(QStringLiteral("outputFolder"));
  auto* pick_out = new QToolButton(this);
  pick_out->setText(tr("…"));
  pick_out->setToolTip(tr("Choose the folder to export to"));
  auto* out_row = new QHBoxLayout;
  out_row->addWidget(out_dir_, 1);
  out_row->addWidget(pick_out);
  where->addRow(tr("Folder"), out_row);
  base_name_ = new QLineEdit(this);
  base_name_->setToolTip(tr("File names start with this: NAME.md, NAME-curves.png, ..."));
  where->addRow(tr("Name"), base_name_);
  layout->addLayout(where);

  figures_ = new QGroupBox(tr("Figures"), this);
  figures_->setCheckable(true);
  auto* figure_form = new QFormLayout(figures_);
  png_ = remembered(tr("PNG"), "png", true, figures_);
  svg_ = remembered(tr("SVG"), "svg", true, figures_);
  pdf_ = remembered(tr("PDF"), "pdf", false, figures_);
  png_->setObjectName(QStringLiteral("png"));
  svg_->setObjectName(QStringLiteral("svg"));
  pdf_->setObjectName(QStringLiteral("pdf"));
  auto* format_row = new QHBoxLayout;
  for (QCheckBox* check : {png_, svg_, pdf_}) format_row->addWidget(check);
  format_row->addStretch(1);
  figure_form->addRow(tr("Formats"), format_row);
  as_shown_ = remembered(tr("The curves as shown (metric, x axis, smoothing, hidden trials)"),
                         "asShown", true, figures_);
  standard_set_ = remembered(tr("Standard set: training and validation accuracy and loss, "
                                "each alone and side by side (into a NAME folder)"),
                             "standardSet", false, figures_);
  as_shown_->setObjectName(QStringLiteral("asShown"));
  standard_set_->setObjectName(QStringLiteral("standardSet"));
  figure_form->addRow(tr("Figures"), as_shown_);
  figure_form->addRow(QString(), standard_set_);
  png_width_ = spin(200, 10000, 1800, tr(" px"), figures_);
  png_height_ = spin(200, 10000, 1200, tr(" px"), figures_);
  dpi_ = spin(72, 1200, 300, tr(" dpi"), figures_);
  auto* size_row = new QHBoxLayout;
  size_row->addWidget(png_width_);
  size_row->addWidget(new QLabel(QStringLiteral("×"), figures_));
  size_row->addWidget(png_height_);
  size_row->addWidget(dpi_);
  size_row->addStretch(1);
  figure_form->addRow(tr("PNG size"), size_row);
  png_width_->setToolTip(
      tr("The PNG's size, caption included; the standard set's side-by-side "
         "figures are twice as wide"));
  png_height_->setToolTip(png_width_->toolTip());
  png_width_->setObjectName(QStringLiteral("pngWidth"));
  png_height_->setObjectName(QStringLiteral("pngHeight"));
  caption_ = new QLineEdit(figures_);
  caption_->setPlaceholderText(tr("optional, e.g. Learning curves by batch size"));
  caption_->setToolTip(
      tr("Goes under every figure of this export, followed by the figure's name when several "
         "are written; without it the standard set gets automatic captions"));
  caption_->setObjectName(QStringLiteral("caption"));
  figure_form->addRow(tr("Caption"), caption_);
  numbered_ =
      remembered(tr("Number the figures (Figure 1, Figure 2, …)"), "numbered", false, figures_);
  numbered_->setObjectName(QStringLiteral("numbered"));
  numbered_->setToolTip(tr("Off when the figures go into a document that numbers them itself"));
  figure_form->addRow(QString(), numbered_);
  layout->addWidget(figures_);

  tables_ = new QGroupBox(tr("Results table"), this);
  tables_->setCheckable(true);
  auto* table_layout = new QVBoxLayout(tables_);
  copy_format_ = new QComboBox(this);
  for (const TableFile& file : tableFiles()) {
    const bool on = file.format != TableFormat::Json;
    QCheckBox* check = remembered(tr(file.label), QString::fromLatin1(file.suffix), on, tables_);
    table_checks_.push_back(check);
    table_layout->addWidget(check);
    copy_format_->addItem(tr(file.label), static_cast<int>(file.format));
  }
  copy_format_->setCurrentIndex(1);
  per_class_ = remembered(tr("Per-class recall"), "perClass", false, tables_);
  per_class_->setToolTip(
      tr("A test recall column per class (a row in the transposed table, fields at the end "
         "of the CSV), as 'sweeplab-cli table --per-class' prints them"));
  table_layout->addWidget(per_class_);
  by_value_ = remembered(tr("By value of each swept key (mean ± std over seeds)"), "byValue", false,
                         tables_);
  by_value_->setToolTip(
      tr("One more table per swept key in the ticked Markdown, CSV and LaTeX formats: a row per "
         "value, as 'sweeplab-cli table --by KEY' prints it (NAME-by-KEY.md ...)"));
  table_layout->addWidget(by_value_);
  layout->addWidget(tables_);

  result_ = new QLabel(this);
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(result_);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  export_button_ = buttons->addButton(tr("Export"), QDialogButtonBox::ActionRole);
  export_button_->setDefault(true);
  auto* copy = buttons->addButton(tr("Copy Table"), QDialogButtonBox::ActionRole);
  copy->setToolTip(tr("Copy the table in the format chosen beside it"));
  auto* bottom = new QHBoxLayout;
  bottom->addWidget(new QLabel(tr("Copy as"), this));
  bottom->addWidget(copy_format_);
  bottom->addWidget(buttons, 1);
  layout->addLayout(bottom);

  connect(pick_run, &QPushButton::clicked, this, &ExportDialog::chooseRunFolder);
  connect(pick_out, &QToolButton::clicked, this, &ExportDialog::chooseOutputDirectory);
  connect(export_button_, &QPushButton::clicked, this, [this] { exportFiles(); });
  connect(copy, &QPushButton::clicked, this, &ExportDialog::copyTable);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  updateState();
}

ExportDialog::~ExportDialog() = default;

void ExportDialog::setRun(const RunSummary& summary, const QString& runDir, bool live) {
  summary_ = summary;
  run_dir_ = runDir;
  run_is_live_ = live;
  base_name_->setText(QString::fromStdString(summary.experiment_name));
  if (out_dir_->text().trimmed().isEmpty()) out_dir_->setText(runDir);
  run_label_->setText(tr("Run: <b>%1</b>, %2 trials%3")
                          .arg(QString::fromStdString(summary.experiment_name).toHtmlEscaped())
                          .arg(summary.trials.size())
                          .arg(runDir.isEmpty() ? QString() : QStringLiteral("<br>") + runDir));
  updateState();
}

bool ExportDialog::loadRunFolder(const QString& runDir) {
  try {
    setRun(readRunSummary(runDir.toStdString()), runDir, false);
    return true;
  } catch (const std::exception& e) {
    error_ = QString::fromUtf8(e.what());
    result_->setText(error_);
    return false;
  }
}

void ExportDialog::setOutputDirectory(const QString& directory) {
  out_dir_->setText(directory);
}

void ExportDialog::chooseRunFolder() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder"), run_dir_);
  if (!dir.isEmpty()) loadRunFolder(dir);
}

void ExportDialog::chooseOutputDirectory() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to"), out_dir_->text());
  if (!dir.isEmpty()) out_dir_->setText(dir);
}

void ExportDialog::updateState() {
  const bool have_run = summary_.has_value();
  tables_->setEnabled(have_run);
  as_shown_->setEnabled(live_panel_ && (run_is_live_ || !have_run));
  standard_set_->setEnabled(!run_dir_.isEmpty());
  // A run read from disk has no curves on screen: its figures are the standard set.
  if (have_run && !as_shown_->isEnabled() && standard_set_->isEnabled())
    standard_set_->setChecked(true);
  export_button_->setEnabled(have_run || live_panel_);
  copy_format_->setEnabled(have_run);
}

QStringList ExportDialog::exportFiles() {
  error_.clear();
  // Neither a folder used before nor a run to export beside: the home folder, as a last resort.
  if (out_dir_->text().trimmed().isEmpty()) out_dir_->setText(QDir::homePath());
  const QString directory = out_dir_->text().trimmed();
  QString base = base_name_->text().trimmed();
  if (base.isEmpty()) base = QStringLiteral("results");
  QSettings().setValue("export/directory", directory);
  QStringList written;
  if (figures_->isChecked()) written += exportFigures(directory, base);
  if (error_.isEmpty() && tables_->isChecked() && summary_) {
    std::vector<TableFormat> formats;
    for (size_t i = 0; i < table_checks_.size(); ++i)
      if (table_checks_[i]->isChecked()) formats.push_back(tableFiles()[i].format);
    written += writeTables(*summary_, formats, directory, base, &error_, tableOptions());
    if (error_.isEmpty() && by_value_->isChecked())
      written += writeByValueTables(*summary_, formats, directory, base, &error_);
  }
  QString text = written.isEmpty() ? tr("Nothing written.")
                                   : tr("Wrote:<br>%1").arg(written.join(QStringLiteral("<br>")));
  if (!error_.isEmpty())
    text += QStringLiteral("<br><span style='color:#c62828'>%1</span>").arg(error_.toHtmlEscaped());
  result_->setText(text);
  return written;
}

QStringList ExportDialog::exportFigures(const QString& directory, const QString& base) {
  std::vector<FigureFormat> formats;
  QStringList suffixes;
  for (auto [check, format, suffix] :
       {std::tuple{png_, FigureFormat::Png, "png"}, std::tuple{svg_, FigureFormat::Svg, "svg"},
        std::tuple{pdf_, FigureFormat::Pdf, "pdf"}}) {
    if (!check->isChecked()) continue;
    formats.push_back(format);
    suffixes << QString::fromLatin1(suffix);
  }
  const bool asShown = as_shown_->isChecked() && as_shown_->isEnabled();
  const bool standardSet = standard_set_->isChecked() && standard_set_->isEnabled();
  const QString caption = caption_->text().trimmed();
  // Numbers, when asked for, run through the export: the curves as shown first.
  int number = numbered_->isChecked() ? 1 : 0;
  QStringList written;
  if (asShown) {
    live_panel_->refreshNow();
    const FigureData data = live_panel_->figureData();
    FigureOptions options;
    options.pixelSize = QSize(png_width_->value(), png_height_->value());
    options.dpi = dpi_->value();
    options.caption = captionForFigure(caption, figureName(data), standardSet);
    if (options.caption.isEmpty() && number > 0 && summary_)
      options.caption = automaticCaption(*summary_, figureName(data));
    options.caption = numberedCaption(options.caption, number);
    if (number > 0) ++number;
    written +=
        writeFigure(data, options, formats, directory, base + QStringLiteral("-curves"), &error_);
  }
  if (error_.isEmpty() && standardSet) {
    StandardFigureOptions options;
    options.smoothing = kReportSmoothing;
    // The size entered is each chart's: a single figure's file, and half of a side-by-side
    // one's, so the two charts of the side-by-side figures read like the single ones.
    const QSize single(png_width_->value(), png_height_->value());
    options.single.pixelSize = single;
    options.sideBySide.pixelSize = QSize(2 * single.width(), single.height());
    options.single.dpi = options.sideBySide.dpi = dpi_->value();
    options.caption = caption;
    options.firstNumber = number;
    options.formats = suffixes;
    exportStandardFiguresFromRunFolder(run_dir_, QDir(directory).absoluteFilePath(base), options,
                                       &written, &error_);
  }
  return written;
}

void ExportDialog::setPerClassRecall(bool on) {
  per_class_->setChecked(on);
}

TableOptions ExportDialog::tableOptions() const {
  TableOptions options;
  options.per_class_recall = per_class_->isChecked();
  return options;
}

void ExportDialog::copyTable() {
  if (!summary_) return;
  const auto format = static_cast<TableFormat>(copy_format_->currentData().toInt());
  QApplication::clipboard()->setText(tableText(*summary_, format, tableOptions()));
  result_->setText(tr("Copied the table (%1).").arg(copy_format_->currentText()));
}

}  // namespace sweeplab::ui
