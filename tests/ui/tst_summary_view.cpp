// The Summary tab in the window: filled live by a training quick demo (hollow markers while
// trials train, points once they finish) and equal to the run's summary.json at the end; a
// click on a point and a brush dragged along a parallel-coordinates axis select exactly those
// trials in the trials table and highlight their curves; a run reopened from the History is
// shown too.
#include <QChartView>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <memory>

#include "charts/curve_panel.h"
#include "engine_bridge.h"
#include "experiment_form.h"
#include "insight/summary_canvas.h"
#include "insight/summary_view.h"
#include "main_window.h"
#include "stored_run_fixture.h"
#include "sweep_presenter.h"
#include "sweeplab/run_folder.h"
#include "trial_table_view.h"
#include "ui_test_support.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

// Trials whose training curve is drawn at full strength while others are faded.
QSet<int> highlightedCurves(MainWindow& w) {
  QSet<int> bright;
  int faded = 0;
  auto* view = w.curves()->findChild<QChartView*>(QStringLiteral("trainingChart"));
  for (QAbstractSeries* series : view->chart()->series()) {
    if (!series->objectName().startsWith(QLatin1String("line:"))) continue;
    const auto* line = qobject_cast<QLineSeries*>(series);
    if (line->pen().color().alphaF() < 0.99)
      ++faded;
    else
      bright.insert(series->objectName().mid(5).toInt());
  }
  return faded == 0 ? QSet<int>() : bright;  // nothing faded: no highlight
}

QPointF centreOf(const SummaryHits& hits, int trial) {
  for (const HitArea& area : hits.areas)
    if (area.trials == std::vector<int>{trial}) return area.shape.boundingRect().center();
  return {-1, -1};
}

}  // namespace

class tst_summary_view : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString store_;
  long long grid_ = 0;

  std::unique_ptr<MainWindow> window() {
    auto w = std::make_unique<MainWindow>();
    w->setConfirmations(false);
    w->setStoreSetting(store_);
    w->setRunsDirectory(dir_.filePath("runs"));
    w->resize(1500, 950);
    w->show();
    return w;
  }

 private Q_SLOTS:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("SweeplabTest");
    qunsetenv("SWEEPLAB_STORE");
    QVERIFY(dir_.isValid());
    store_ = dir_.filePath("history/runs.sqlite");
    RunStore store(store_.toStdString());
    ExperimentSpec grid = test::tinyExperiment();
    grid.name = "grid";
    grid.sweep = {{"training.batch_size", {"64", "128", "256"}},
                  {"training.learning_rate", {"0.001", "0.01"}}};
    grid_ = test::storeExperiment(store, grid, dir_.filePath("stored/grid"), "2026-01-05T10:00:00Z",
                                  TrialStatus::Finished);
  }

  // The quick demo as the experiments folder has it: four batch sizes, 10 epochs.
  void quickDemoFillsLiveAndEqualsSummaryJson() {
    auto w = window();
    QVERIFY(w->openFile(QDir(test::experimentsDir()).filePath("quick_demo.yaml")));
    w->centreTabs()->setCurrentWidget(w->summary());
    SummaryView* summary = w->summary();
    const std::string key = "training.batch_size";
    int running_markers = 0, most_points = 0;
    bool points_only_grow = true;
    connect(w->bridge(), &EngineBridge::drained, this, [&] {
      const SliceFigure figure = summary->slice(key);
      if (figure.series.empty()) return;
      running_markers += static_cast<int>(figure.series[0].running.size());
      const int points = static_cast<int>(figure.series[0].points.size());
      points_only_grow = points_only_grow && points >= most_points;
      most_points = std::max(most_points, points);
    });
    QSignalSpy finished(w->bridge(), &EngineBridge::sweepFinished);
    QVERIFY(w->startRun());
    QCOMPARE(summary->choice().kind, SummaryKind::Slice);
    QVERIFY(finished.wait(240000) || finished.count() == 1);
    QVERIFY2(running_markers > 0, "no running trial was shown as a hollow marker");
    QVERIFY(points_only_grow);

    const RunSummary on_disk = readRunSummary(w->presenter()->lastRunDirectory().toStdString());
    const SliceFigure figure = summary->slice(key);
    QCOMPARE(figure.series.size(), std::size_t(1));
    QVERIFY(figure.series[0].running.empty());
    QCOMPARE(figure.series[0].points.size(), on_disk.trials.size());
    for (const TrialSummary& trial : on_disk.trials) {
      const SlicePoint* point = nullptr;
      for (const SlicePoint& candidate : figure.series[0].points)
        if (candidate.x == std::stod(trial.swept.at(0).second)) point = &candidate;
      QVERIFY(point);
      QCOMPARE(point->trials, std::vector<int>{trial.index});
      QCOMPARE(point->result.mean, trial.best_val_acc);
      QCOMPARE(point->seeds, std::vector<double>{trial.best_val_acc});
      QVERIFY(std::isnan(point->result.std));  // one seed: no error bar
      QCOMPARE(point->wall_seconds.mean, trial.wall_seconds);
    }
    // Another result re-reads the same trials.
    summary->setResult(InsightResult::TestAcc);
    const SliceFigure tested = summary->slice(key);
    for (const SlicePoint& point : tested.series[0].points)
      QCOMPARE(point.result.mean, on_disk.trials.at(point.trials.at(0)).test_acc);

    // A click on a point selects its trial in the table and highlights its curve.
    QImage shown = summary->canvas()->render();
    test::saveScreenshot(w.get(), "summary_quick_demo");
    const QPointF at = centreOf(summary->canvas()->hits(), 2);
    QVERIFY(at.x() >= 0);
    QTest::mouseClick(summary->canvas(), Qt::LeftButton, {}, at.toPoint());
    QCOMPARE(w->trialView()->selectedTrials(), QSet<int>({2}));
    QCOMPARE(highlightedCurves(*w), QSet<int>({2}));
    // And a row chosen in the table is marked in the Summary.
    w->trialView()->selectRow(0);
    QCOMPARE(summary->selectedTrials(), w->trialView()->selectedTrials());
  }

  void brushOnAnAxisSelectsExactlyTheTrialsInside() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(grid_));
    SummaryView* summary = w->summary();
    w->centreTabs()->setCurrentWidget(summary);
    QCOMPARE(summary->summary().trials.size(), std::size_t(6));
    QCOMPARE(summary->choice().kind, SummaryKind::Heatmap);  // a two-key grid
    summary->setResult(InsightResult::TestAcc);
    summary->setChoice({SummaryKind::Parallel, ""});
    QCOMPARE(summary->choice().kind, SummaryKind::Parallel);

    // Drag along the result axis, from above the best trial down to the middle of the range.
    const ParallelFigure figure = summary->parallel();
    SummaryCanvas* canvas = summary->canvas();
    QTRY_VERIFY(canvas->isVisible() && canvas->width() > 300);
    QCoreApplication::processEvents();  // the scatter pane just appeared: let the layout settle
    const ParallelLayout layout =
        parallelLayout(QSizeF(canvas->size()), figure, summary->figureTitle());
    const double x = layout.axisX.back();
    const double low = 0.45;
    QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(x, layout.pixel(1.0) + 1));
    QTest::mouseMove(canvas, QPoint(x, layout.pixel(0.7)));
    QTest::mouseMove(canvas, QPoint(x, layout.pixel(low)));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(x, layout.pixel(low)));
    QCOMPARE(summary->brushes().size(), std::size_t(1));

    const AxisBrush brush = summary->brushes().front();
    QSet<int> expected;
    for (const ParallelLine& line : figure.lines)
      if (line.positions.back() >= brush.low && line.positions.back() <= brush.high)
        expected.insert(line.trial);
    QVERIFY(!expected.isEmpty() && expected.size() < int(figure.lines.size()));
    // The stored trials' test accuracies rise with their index: the brush holds the last ones.
    for (int trial : expected)
      QVERIFY(summary->summary().trials.at(trial).test_acc >=
              summary->summary()
                  .trials.at(*std::min_element(expected.begin(), expected.end()))
                  .test_acc);
    QCOMPARE(summary->selectedTrials(), expected);
    QCOMPARE(w->trialView()->selectedTrials(), expected);
    QCOMPARE(highlightedCurves(*w), expected);
    test::saveScreenshot(w.get(), "summary_parallel_brushed");

    // A click on the brushed axis clears the brush and the selection.
    const ParallelLayout now =
        parallelLayout(QSizeF(canvas->size()), figure, summary->figureTitle());
    QTest::mouseClick(canvas, Qt::LeftButton, {}, QPoint(now.axisX.back(), now.pixel(0.2)));
    QVERIFY(summary->brushes().empty());
    QVERIFY(w->trialView()->selectedTrials().isEmpty());
  }

  // Dragging an axis title onto another axis moves it there; brushes go with the old order.
  void draggingAnAxisTitleReordersTheAxes() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(grid_));
    SummaryView* summary = w->summary();
    w->centreTabs()->setCurrentWidget(summary);
    summary->setResult(InsightResult::TestAcc);
    summary->setChoice({SummaryKind::Parallel, ""});
    SummaryCanvas* canvas = summary->canvas();
    QTRY_VERIFY(canvas->isVisible() && canvas->width() > 300);
    QCoreApplication::processEvents();
    const std::vector<std::string> before = summary->parallelOrder();
    QCOMPARE(before, (std::vector<std::string>{"training.batch_size", "training.learning_rate"}));
    const ParallelLayout layout =
        parallelLayout(QSizeF(canvas->size()), summary->parallel(), summary->figureTitle());
    const int title_y = static_cast<int>(layout.top) - 8;
    QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(layout.axisX[0], title_y));
    QTest::mouseMove(canvas, QPoint((layout.axisX[0] + layout.axisX[1]) / 2, title_y));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(layout.axisX[1], title_y));
    QCOMPARE(summary->parallelOrder(),
             (std::vector<std::string>{"training.learning_rate", "training.batch_size"}));
    QCOMPARE(summary->parallel().axes[0].key, std::string("training.learning_rate"));
  }

  // An overlay of two runs: one series of points per experiment.
  void overlayGroupsPointsByExperiment() {
    auto w = window();
    RunStore store(store_.toStdString());
    ExperimentSpec other = test::tinyExperiment();
    other.name = "other";
    const long long other_id = test::storeExperiment(store, other, dir_.filePath("stored/other"),
                                                     "2026-01-06T10:00:00Z", TrialStatus::Finished);
    QVERIFY(w->overlayExperiments({grid_, other_id}));
    SummaryView* summary = w->summary();
    QCOMPARE(summary->summary().trials.size(), std::size_t(8));
    summary->setResult(InsightResult::TestAcc);
    const SliceFigure figure = summary->slice("training.batch_size");
    QCOMPARE(figure.series.size(), std::size_t(2));
    for (const SliceSeries& series : figure.series) {
      const QString name = QString::fromStdString(series.name);
      QVERIFY2(name.startsWith("grid #") || name.startsWith("other #"), qPrintable(name));
      // The grid has batch sizes 64, 128 and 256; the other run 64 and 128.
      QCOMPARE(series.points.size(), std::size_t(name.startsWith("grid #") ? 3 : 2));
    }
    QVERIFY(figure.series[0].name != figure.series[1].name);
    for (const SliceSeries& series : figure.series)
      for (const SlicePoint& point : series.points)
        for (std::size_t k = 0; k < point.trials.size(); ++k)
          QCOMPARE(point.seeds[k], summary->summary().trials.at(point.trials[k]).test_acc);
  }

  // The forest fit runs beside the GUI thread: the view says it is fitting, then shows it.
  void importanceIsFittedWithoutBlockingTheWindow() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(grid_));
    SummaryView* summary = w->summary();
    summary->setResult(InsightResult::TestAcc);
    summary->setChoice({SummaryKind::Importance, ""});
    QVERIFY(!summary->fittedImportance());
    summary->canvas()->render();  // the first paint starts the fit
    QTRY_VERIFY(summary->fittedImportance().has_value());
    const ImportanceFigure fitted = *summary->fittedImportance();
    QCOMPARE(fitted.trials, 6);
    QCOMPARE(fitted.keys.size(), std::size_t(2));
    QCOMPARE(fitted.keys[0].key, summary->importance().keys[0].key);
    QCOMPARE(fitted.keys[0].importance, summary->importance().keys[0].importance);
  }

  void heatmapOfAReopenedGridEqualsTheStore() {
    auto w = window();
    QVERIFY(w->reopenFromHistory(grid_));
    SummaryView* summary = w->summary();
    summary->setResult(InsightResult::TestAcc);
    const HeatmapFigure heat = summary->heatmap();
    QCOMPARE(heat.cells.size(), std::size_t(6));
    for (const HeatCell& cell : heat.cells) {
      QCOMPARE(cell.result.n, 1);
      const TrialSummary& trial = summary->summary().trials.at(cell.trials.at(0));
      QCOMPARE(cell.result.mean, trial.test_acc);
      QCOMPARE(trial.swept.at(0).second, heat.x.categories.at(cell.x));
      QCOMPARE(trial.swept.at(1).second, heat.y.categories.at(cell.y));
    }
    summary->swapHeatmapAxes();
    QCOMPARE(summary->heatmap().x.categories, heat.y.categories);

    // A click on a cell selects its trial in the table.
    w->centreTabs()->setCurrentWidget(summary);
    QTRY_VERIFY(summary->canvas()->isVisible() && summary->canvas()->width() > 300);
    QCoreApplication::processEvents();
    summary->canvas()->render();
    const QPointF cell = centreOf(summary->canvas()->hits(), 4);
    QVERIFY(cell.x() >= 0);
    QTest::mouseClick(summary->canvas(), Qt::LeftButton, {}, cell.toPoint());
    QCOMPARE(w->trialView()->selectedTrials(), QSet<int>({4}));
  }

  // Which tab is in front and how the Summary pane is split are remembered.
  void layoutIsRemembered() {
    {
      auto w = window();
      w->centreTabs()->setCurrentWidget(w->summary());
      w->summary()->splitter()->setSizes({700, 300});
      QVERIFY(w->close());
    }
    auto w = window();
    QCOMPARE(w->centreTabs()->currentWidget(), w->summary());
    {
      auto first = window();
      first->centreTabs()->setCurrentIndex(0);
      QVERIFY(first->close());
    }
    auto again = window();
    QCOMPARE(again->centreTabs()->currentIndex(), 0);
  }
};

QTEST_MAIN(tst_summary_view)
#include "tst_summary_view.moc"
