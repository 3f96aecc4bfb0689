// The About box states what this build runs on: the Sweeplab and LibTorch versions, whether
// CUDA is available, and the folder the ready experiments come from.
#include <QTemporaryDir>
#include <QTest>

#include "about_dialog.h"
#include "sweeplab/runtime_info.h"

using namespace sweeplab;

class tst_about_dialog : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void cleanup() { qunsetenv("SWEEPLAB_EXPERIMENTS_DIR"); }

  void namesVersionsAndCuda() {
    const QString text = ui::aboutText();
    QVERIFY2(text.contains("Sweeplab " SWEEPLAB_VERSION), qPrintable(text));
    QVERIFY(text.contains("<td>LibTorch</td><td>" + QString::fromStdString(libtorchVersion())));
    const QString cuda = cudaAvailable() ? "yes" : "no";
    QVERIFY2(text.contains("<td>CUDA available</td><td>" + cuda + "</td>"), qPrintable(text));
  }

  void namesTheExperimentsFolder() {
    QTemporaryDir dir;
    qputenv("SWEEPLAB_EXPERIMENTS_DIR", dir.path().toLocal8Bit());
    QVERIFY(ui::aboutText().contains("<td>Example experiments</td><td>" +
                                     QDir::cleanPath(dir.path()).toHtmlEscaped() + "</td>"));
  }
};

QTEST_MAIN(tst_about_dialog)
#include "tst_about_dialog.moc"
