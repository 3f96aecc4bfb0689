// The bar above the curves: the smoothing weight is shown beside its slider; a log scale for
// the loss charts, remembered like the other choices; the learning rate of every trial over
// training in one chart.
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QValueAxis>
#include <QtTest>

#include "charts/curve_panel.h"
#include "curve_controls.h"
#include "ui_test_support.h"

using namespace sweeplab::ui;
using sweeplab::MetricPoint;

namespace {

// Per step: training loss falling from 1.6 towards 0.3, and a learning rate on a cosine from
// 1e-3 to 1e-5 over 200 steps (the trial's schedule); validation loss per 50 steps.
std::vector<MetricPoint> trainingSteps(double scale) {
  namespace m = sweeplab::metric;
  std::vector<MetricPoint> points;
  for (int step = 1; step <= 200; ++step) {
    const double epoch = step / 50.0;
    const double loss = 0.3 + 1.3 * std::exp(-step / 40.0) * scale;
    const double lr = 1e-5 + 0.5 * (1e-3 * scale - 1e-5) * (1 + std::cos(M_PI * step / 200.0));
    points.push_back({m::kTrainLossStep, step, epoch, step * 64LL, step * 0.1, loss});
    points.push_back({m::kLearningRate, step, epoch, step * 64LL, step * 0.1, lr});
    if (step % 50 == 0)
      points.push_back({m::kValLossEpoch, step, epoch, step * 64LL, step * 0.1, loss + 0.05});
  }
  return points;
}

}  // namespace

class tst_curve_controls : public QObject {
  Q_OBJECT

  std::unique_ptr<CurvePanel> panel_;
  std::unique_ptr<CurveControls> controls_;

  template <typename Widget>
  Widget* child(const char* name) const {
    return controls_->findChild<Widget*>(QString::fromLatin1(name));
  }

  QChartView* chartView(const char* name) const {
    return panel_->findChild<QChartView*>(QString::fromLatin1(name));
  }
  bool logAxis(const char* view) const {
    return qobject_cast<QLogValueAxis*>(chartView(view)->chart()->axes(Qt::Vertical).first());
  }

  void chooseMetric(const QString& text) {
    auto* metric = child<QComboBox>("metric");
    metric->setCurrentIndex(metric->findText(text));
  }

  void showTwoTrials() {
    panel_->setTrials({{0, "batch_size=64", QColor()}, {1, "batch_size=256", QColor()}});
    panel_->appendPoints(0, trainingSteps(1.0));
    panel_->appendPoints(1, trainingSteps(0.5));
    panel_->refreshNow();
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

  // Without a choice the training curves start smoothed at TensorBoard's weight, and a run
  // that sweeps the batch size starts on epochs; neither default is stored as a choice.
  void defaultsWithoutAChoice() {
    QCOMPARE(child<QSlider>("smoothing")->value(), 60);
    QCOMPARE(child<QLabel>("smoothingValue")->text(), QStringLiteral("0.60"));
    showTwoTrials();
    QCOMPARE(panel_->figureData().charts[0].smoothing, kDefaultSmoothing);
    QCOMPARE(panel_->figureData().charts[1].smoothing, 0.0);  // validation: one value per epoch
    auto* x_axis = child<QComboBox>("xAxis");
    QCOMPARE(panel_->xAxis(), XAxisKind::Step);
    panel_->setPreferredXAxis(preferredXAxis({"training.batch_size"}));
    QCOMPARE(panel_->xAxis(), XAxisKind::Epoch);
    QCOMPARE(x_axis->currentText(), QStringLiteral("Epoch"));
    QCOMPARE(panel_->figureData().charts[0].xTitle, QStringLiteral("Epoch"));
    panel_->setPreferredXAxis(preferredXAxis({"training.learning_rate"}));
    QCOMPARE(x_axis->currentText(), QStringLiteral("Step"));
    QVERIFY(!QSettings().contains("curves/xAxis"));
    QVERIFY(!QSettings().contains("curves/smoothing"));
  }

  // A person's choice holds over the run's preferred axis, and both choices come back at the
  // next start; a weight of 0 chosen before is kept, not taken for "never chosen".
  void aChoiceIsRemembered() {
    auto* x_axis = child<QComboBox>("xAxis");
    x_axis->setCurrentIndex(x_axis->findText("Samples seen"));
    child<QSlider>("smoothing")->setValue(0);
    panel_->setPreferredXAxis(XAxisKind::Epoch);
    QCOMPARE(panel_->xAxis(), XAxisKind::SamplesSeen);

    controls_.reset();
    panel_ = std::make_unique<CurvePanel>();  // the next start
    controls_ = std::make_unique<CurveControls>(panel_.get());
    panel_->setPreferredXAxis(XAxisKind::Epoch);
    QCOMPARE(panel_->xAxis(), XAxisKind::SamplesSeen);
    QCOMPARE(child<QComboBox>("xAxis")->currentText(), QStringLiteral("Samples seen"));
    QCOMPARE(child<QSlider>("smoothing")->value(), 0);
    QCOMPARE(panel_->figureData().charts[0].smoothing, 0.0);
  }

  // The toggle is offered for losses; with it the loss charts get a log axis, the other
  // metrics keep a linear one, and the choice comes back at the next start.
  void logScaleForLossCharts() {
    panel_->resize(1200, 450);
    panel_->show();
    showTwoTrials();
    auto* log = child<QCheckBox>("logScale");
    chooseMetric("Accuracy");
    QVERIFY(!log->isEnabled());
    chooseMetric("Loss");
    QVERIFY(log->isEnabled());
    QVERIFY(!logAxis("trainingChart"));
    log->setChecked(true);
    QVERIFY(panel_->logScale());
    QVERIFY(logAxis("trainingChart") && logAxis("validationChart"));
    panel_->refreshNow();
    auto* axis = qobject_cast<QLogValueAxis*>(
        chartView("trainingChart")->chart()->axes(Qt::Vertical).first());
    QVERIFY2(axis->min() <= 0.3 && axis->max() >= 1.6,
             qPrintable(QStringLiteral("%1..%2").arg(axis->min()).arg(axis->max())));
    QCOMPARE(axis->titleText(), QStringLiteral("Loss"));
    // Every line still draws on the new axis.
    for (QAbstractSeries* series : chartView("trainingChart")->chart()->series())
      QVERIFY(series->attachedAxes().contains(axis));
    QVERIFY(panel_->figureData().charts[0].logY);
    test::saveScreenshot(panel_.get(), QStringLiteral("log-loss"));

    chooseMetric("Accuracy");
    QVERIFY(!logAxis("trainingChart"));  // accuracy stays linear
    chooseMetric("Loss");
    QVERIFY(logAxis("trainingChart"));

    controls_ = std::make_unique<CurveControls>(panel_.get());  // the next start
    QVERIFY(child<QCheckBox>("logScale")->isChecked());
  }

  // "Learning rate" shows each trial's schedule against the x axis, in one chart.
  void learningRateChart() {
    panel_->resize(1200, 450);
    panel_->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_.get()));
    showTwoTrials();
    chooseMetric("Learning rate");
    QVERIFY(!child<QCheckBox>("logScale")->isEnabled());
    QVERIFY(!chartView("trainingChart")->isVisible());
    QChart* chart = chartView("validationChart")->chart();
    QCOMPARE(chart->title(), QStringLiteral("Learning rate"));
    QCOMPARE(panel_->pointCount(1, 0), 200);
    panel_->refreshNow();
    QVERIFY(panel_->displayedPointCount(1, 0) > 10);
    QLineSeries* first = nullptr;
    for (QAbstractSeries* series : chart->series())
      if (series->objectName() == QStringLiteral("line:0"))
        first = qobject_cast<QLineSeries*>(series);
    QVERIFY(first);
    QVERIFY(std::abs(first->at(0).y() - 1e-3) < 1e-5);  // the schedule starts at 1e-3
    const FigureData figure = panel_->figureData();
    QCOMPARE(figure.charts.size(), size_t(1));
    QCOMPARE(figure.charts[0].title, QStringLiteral("Learning rate"));
    QCOMPARE(figure.charts[0].curves.size(), size_t(2));
    test::saveScreenshot(panel_.get(), QStringLiteral("learning-rate"));

    chooseMetric("Accuracy");
    QVERIFY(chartView("trainingChart")->isVisible());
    QCOMPARE(chart->title(), QStringLiteral("Validation accuracy"));
  }
};

QTEST_MAIN(tst_curve_controls)
#include "tst_curve_controls.moc"
