// The dialog draws with paintConfusionMatrix, exactly as the exported files do, so what is seen
// is what is written.
#include "confusion_matrix_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QVBoxLayout>

namespace sweeplab::ui {

ConfusionMatrixView::ConfusionMatrixView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 300);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ConfusionMatrixView::setMatrix(const ConfusionMatrix& matrix) {
  matrix_ = matrix;
  setToolTip(matrix.note);
  update();
}

void ConfusionMatrixView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  paintConfusionMatrix(painter, size(), matrix_);
}

ConfusionMatrixDialog::ConfusionMatrixDialog(std::vector<TrialSummary> trials,
                                             std::vector<std::string> classNames, int trial,
                                             QWidget* parent)
    : QDialog(parent), trials_(std::move(trials)), class_names_(std::move(classNames)) {
  setWindowTitle(tr("Confusion matrix"));
  auto* layout = new QVBoxLayout(this);
  auto* choice = new QHBoxLayout;
  trial_box_ = new QComboBox(this);
  for (const TrialSummary& summary : trials_)
    trial_box_->addItem(
        QStringLiteral("%1: %2").arg(summary.index + 1).arg(QString::fromStdString(summary.label)),
        summary.index);
  choice->addWidget(new QLabel(tr("Trial"), this));
  choice->addWidget(trial_box_, 1);
  layout->addLayout(choice);
  view_ = new ConfusionMatrixView(this);
  layout->addWidget(view_, 1);
  result_ = new QLabel(this);
  result_->setWordWrap(true);
  result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(result_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::ActionRole);
  exportButton->setToolTip(tr("Write the matrix as PNG (6 x 5 in at 300 dpi), SVG or PDF"));
  exportButton->setEnabled(!trials_.empty());
  layout->addWidget(buttons);

  connect(trial_box_, &QComboBox::currentIndexChanged, this,
          [this](int) { showTrial(trial_box_->currentData().toInt()); });
  connect(exportButton, &QPushButton::clicked, this, &ConfusionMatrixDialog::exportWithDialog);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  const int first = trial_box_->findData(trial);
  trial_box_->setCurrentIndex(first >= 0 ? first : 0);
  showTrial(trial_box_->currentData().toInt());
}

int ConfusionMatrixDialog::currentTrial() const {
  return trial_box_->currentData().toInt();
}

void ConfusionMatrixDialog::showTrial(int trial) {
  for (const TrialSummary& summary : trials_) {
    if (summary.index != trial) continue;
    view_->setMatrix(confusionMatrixOf(summary, class_names_));
    const int row = trial_box_->findData(trial);
    if (row >= 0 && row != trial_box_->currentIndex()) trial_box_->setCurrentIndex(row);
    result_->clear();
    return;
  }
}

bool ConfusionMatrixDialog::exportTo(const QString& path) {
  QString error;
  if (!exportConfusionMatrix(view_->matrix(), confusionMatrixFigureOptions(), path, &error)) {
    result_->setText(
        QStringLiteral("<span style='color:#c62828'>%1</span>").arg(error.toHtmlEscaped()));
    return false;
  }
  result_->setText(tr("Wrote %1").arg(path));
  return true;
}

void ConfusionMatrixDialog::exportWithDialog() {
  const QString folder = QSettings().value("export/directory", QDir::homePath()).toString();
  QString name;
  for (const TrialSummary& summary : trials_)
    if (summary.index == currentTrial()) name = QString::fromStdString(summary.label);
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._=-]+")), QStringLiteral("_"));
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export confusion matrix"),
      QDir(folder).filePath(QStringLiteral("confusion-matrix-%1.png").arg(name)),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (!path.isEmpty()) exportTo(path);
}

}  // namespace sweeplab::ui
