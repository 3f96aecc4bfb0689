// The window's size on first start comes from the screen (a large screen gives large charts);
// afterwards the size a person left it at comes back. Runs on an offscreen screen of
// 1920 x 1080, set up before the application starts.
#include <QApplication>
#include <QFile>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "main_window.h"
#include "ui_test_support.h"

using namespace sweeplab::ui;

class tst_window_geometry : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    QSettings().remove("window");
    QCOMPARE(QApplication::primaryScreen()->availableGeometry().size(), QSize(1920, 1080));
  }

  void firstStartTakesMostOfTheScreen() {
    QSettings().remove("window");
    MainWindow w;
    w.setConfirmations(false);
    const QRect available = QApplication::primaryScreen()->availableGeometry();
    QCOMPARE(w.width(), available.width() * MainWindow::kFirstStartShare / 100);
    QCOMPARE(w.height(), available.height() * MainWindow::kFirstStartShare / 100);
    QVERIFY(w.width() >= 1600);
    QVERIFY(w.height() >= 900);
    QVERIFY(available.contains(w.geometry()));
    // Centred: the margins left and right differ by a pixel at most.
    QVERIFY(qAbs((w.x() - available.x()) - (available.right() - w.geometry().right())) <= 1);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    test::saveScreenshot(&w, "first_start");
    w.close();
  }

  void laterStartsKeepTheSavedSize() {
    QSettings().remove("window");
    {
      MainWindow w;
      w.setConfirmations(false);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      w.resize(1100, 720);
      QTRY_COMPARE(w.size(), QSize(1100, 720));
      w.close();  // saves the layout
    }
    MainWindow again;
    again.setConfirmations(false);
    QCOMPARE(again.size(), QSize(1100, 720));
  }
};

// The offscreen platform reads its screens from a JSON file named in the platform's options.
int main(int argc, char** argv) {
  QTemporaryDir dir;
  const QString config = dir.filePath("screens.json");
  QFile file(config);
  if (!file.open(QIODevice::WriteOnly)) return 1;
  file.write(R"({"screens": [{"name": "wide", "x": 0, "y": 0, "width": 1920, "height": 1080,
                 "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
  file.close();
  qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
  QApplication app(argc, argv);
  tst_window_geometry test;
  return QTest::qExec(&test, argc, argv);
}

#include "tst_window_geometry.moc"
