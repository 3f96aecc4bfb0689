// The status bar's estimate of the time left and its overall progress.
#include <QTest>

#include "run_status_bar.h"

using namespace sweeplab::ui;

class tst_run_status_bar : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void estimatesTimeLeft_data() {
    QTest::addColumn<double>("elapsed");
    QTest::addColumn<double>("fraction");
    QTest::addColumn<double>("left");
    QTest::newRow("a quarter in a minute") << 60.0 << 0.25 << 180.0;
    QTest::newRow("half") << 10.0 << 0.5 << 10.0;
    QTest::newRow("done") << 10.0 << 1.0 << 0.0;
    QTest::newRow("too early to tell") << 10.0 << 0.001 << -1.0;
    QTest::newRow("just started") << 0.2 << 0.5 << -1.0;
  }

  void estimatesTimeLeft() {
    QFETCH(double, elapsed);
    QFETCH(double, fraction);
    QFETCH(double, left);
    QCOMPARE(RunStatusBar::estimateSecondsLeft(elapsed, fraction), left);
  }

  void showsProgressAndDevice() {
    RunStatusBar bar;
    bar.setDevice("CPU");
    bar.sweepStarted();
    bar.setFraction(0.4);
    QCOMPARE(bar.progressPermille(), 400);
    bar.setFraction(1.7);
    QCOMPARE(bar.progressPermille(), 1000);
    bar.sweepEnded("done");
    QVERIFY(bar.etaText().startsWith("took"));
    QCOMPARE(bar.currentMessage(), QString("done"));
  }
};

QTEST_MAIN(tst_run_status_bar)
#include "tst_run_status_bar.moc"
