// Runtime facts come from the engine, so the box tells what this build actually links.
#include "about_dialog.h"

#include <QMessageBox>
#include <QtGlobal>

#include "app_icon.h"
#include "experiment_locator.h"
#include "sweeplab/runtime_info.h"

namespace sweeplab::ui {

QString aboutText() {
  auto text = [](const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); };
  QString device;
  try {
    device = text(describeDevice("auto"));
  } catch (const std::exception& e) {
    device = QString::fromUtf8(e.what()).toHtmlEscaped();
  }
  QString blas = text(blasLibrary());
  if (usingReferenceBlas()) blas += QObject::tr(" (the slow reference BLAS)");
  QString examples = findExperimentsDir().toHtmlEscaped();
  if (examples.isEmpty()) examples = QObject::tr("not found");
  return QObject::tr(
             "<h3>Sweeplab %1</h3>"
             "<p>Workbench for hyperparameter studies of small neural networks.</p>"
             "<table>"
             "<tr><td>LibTorch</td><td>%2</td></tr>"
             "<tr><td>CUDA available</td><td>%3</td></tr>"
             "<tr><td>Default device</td><td>%4</td></tr>"
             "<tr><td>BLAS</td><td>%5</td></tr>"
             "<tr><td>Qt</td><td>%6</td></tr>"
             "<tr><td>Example experiments</td><td>%7</td></tr>"
             "</table>")
      .arg(text(sweeplabVersion()), text(libtorchVersion()),
           cudaAvailable() ? QObject::tr("yes") : QObject::tr("no"), device, blas,
           QString::fromLatin1(qVersion()), examples);
}

void showAboutDialog(QWidget* parent) {
  QMessageBox box(parent);
  box.setWindowTitle(QObject::tr("About Sweeplab"));
  box.setIconPixmap(appIcon().pixmap(64, 64));
  box.setTextFormat(Qt::RichText);
  box.setText(aboutText());
  box.exec();
}

}  // namespace sweeplab::ui
