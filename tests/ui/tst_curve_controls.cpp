// The bar above the curves: the smoothing weight is shown beside its slider.
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QtTest>

#include "charts/curve_panel.h"
#include "curve_controls.h"
#include "ui_test_support.h"

using namespace sweeplab::ui;

class tst_curve_controls : public QObject {
  Q_OBJECT

  std::unique_ptr<CurvePanel> panel_;
  std::unique_ptr<CurveControls> controls_;

  template <typename Widget>
  Widget* child(const char* name) const {
    return controls_->findChild<Widget*>(QString::fromLatin1(name));
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
  }

  void init() {
    QSettings().remove("curves");
    panel_ = std::make_unique<CurvePanel>();
    controls_ = std::make_unique<CurveControls>(panel_.get());
  }
  void cleanup() {
    controls_.reset();
    panel_.reset();
  }

  void smoothingShowsItsWeight_data() {
    QTest::addColumn<int>("position");
    QTest::addColumn<QString>("shown");
    QTest::newRow("raw") << 0 << "0.00";
    QTest::newRow("TensorBoard's default") << 60 << "0.60";
    QTest::newRow("most") << 99 << "0.99";
  }
  void smoothingShowsItsWeight() {
    QFETCH(int, position);
    QFETCH(QString, shown);
    child<QSlider>("smoothing")->setValue(position);
    QCOMPARE(child<QLabel>("smoothingValue")->text(), shown);
  }

  void aRememberedWeightIsShownAtStart() {
    QSettings().setValue("curves/smoothing", 35);
    controls_ = std::make_unique<CurveControls>(panel_.get());
    QCOMPARE(child<QSlider>("smoothing")->value(), 35);
    QCOMPARE(child<QLabel>("smoothingValue")->text(), QStringLiteral("0.35"));
    controls_->resize(900, controls_->sizeHint().height());
    controls_->show();
    QVERIFY(QTest::qWaitForWindowExposed(controls_.get()));
    test::saveScreenshot(controls_.get(), QStringLiteral("curve-controls"));
  }
};

QTEST_MAIN(tst_curve_controls)
#include "tst_curve_controls.moc"
