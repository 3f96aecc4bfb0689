// The Summary views' figure model against summary.json: a two-key grid (batch size x learning
// rate) with two seeds per point, one point that never ran and one trial still training,
// written to a run folder and read back. Every point, error bar, seed dot, hollow marker,
// heatmap cell and parallel-coordinates line is recomputed here by hand from the file's trials.
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <map>

#include "insight/live_run_state.h"
#include "insight/summary_choices.h"
#include "insight/summary_figures.h"
#include "sweeplab/run_folder.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

const std::vector<std::string> kBatches = {"64", "256"};
const std::vector<std::string> kRates = {"0.0001", "0.001", "0.01"};

RunSummary handBuiltGrid() {
  RunSummary run;
  run.experiment_name = "grid";
  int index = 0;
  for (std::size_t b = 0; b < kBatches.size(); ++b)
    for (std::size_t r = 0; r < kRates.size(); ++r)
      for (int seed = 0; seed < 2; ++seed) {
        TrialSummary trial;
        trial.index = index++;
        trial.swept = {{"training.batch_size", kBatches[b]}, {"training.learning_rate", kRates[r]}};
        trial.repeat = seed;
        trial.seed = seed;
        trial.label = "batch_size=" + kBatches[b] + ", learning_rate=" + kRates[r];
        trial.status = TrialStatus::Finished;
        trial.best_val_acc = 0.5 + 0.05 * b + 0.02 * r + 0.013 * seed;
        trial.val_acc = trial.best_val_acc - 0.004;
        trial.test_acc = trial.best_val_acc - 0.01;
        trial.wall_seconds = 10.0 * (b + 1) + seed;
        trial.epochs_completed = 5;
        trial.steps = 1000 / (b + 1);
        // The point (256, 0.01) never ran; one seed of (64, 0.01) is still training.
        if (b == 1 && r == 2) {
          trial.status = TrialStatus::Failed;
          trial.best_val_acc = kNoValue;
        }
        if (b == 0 && r == 2 && seed == 1) trial.status = TrialStatus::Running;
        run.trials.push_back(trial);
      }
  return run;
}

double mean(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / v.size();
}

double sampleStd(const std::vector<double>& v) {
  if (v.size() < 2) return kNoValue;
  const double m = mean(v);
  double sum = 0;
  for (double x : v) sum += (x - m) * (x - m);
  return std::sqrt(sum / (v.size() - 1));
}

std::string valueOf(const TrialSummary& trial, const std::string& key) {
  for (const auto& [name, value] : trial.swept)
    if (name == key) return value;
  return {};
}

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) < 1e-12;
}

}  // namespace

class tst_summary_model : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  RunSummary onDisk_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    writeRunSummary(dir_.path().toStdString(), handBuiltGrid());
    onDisk_ = readRunSummary(dir_.path().toStdString());
    QCOMPARE(onDisk_.trials.size(), std::size_t(12));
  }

  void everyPointAndErrorBarIsTheFilesMeanAndStd_data() {
    QTest::addColumn<QString>("key");
    QTest::newRow("batch size") << "training.batch_size";
    QTest::newRow("learning rate") << "training.learning_rate";
  }
  void everyPointAndErrorBarIsTheFilesMeanAndStd() {
    QFETCH(QString, key);
    const std::string name = key.toStdString();
    const SliceFigure figure = sliceFigure(summaryRunsOf(onDisk_), name, InsightResult::BestValAcc);
    // By hand: finished trials grouped by their value.
    std::map<double, std::vector<const TrialSummary*>> groups;
    for (const TrialSummary& trial : onDisk_.trials)
      if (trial.status == TrialStatus::Finished)
        groups[std::stod(valueOf(trial, name))].push_back(&trial);
    QCOMPARE(figure.series.size(), std::size_t(1));
    const SliceSeries& series = figure.series.front();
    QCOMPARE(series.points.size(), groups.size());
    std::size_t i = 0;
    for (const auto& [value, trials] : groups) {
      const SlicePoint& point = series.points[i++];
      std::vector<double> results, walls;
      std::vector<int> indices;
      for (const TrialSummary* trial : trials) {
        results.push_back(trial->best_val_acc);
        walls.push_back(trial->wall_seconds);
        indices.push_back(trial->index);
      }
      QCOMPARE(point.x, value);
      QCOMPARE(point.result.n, int(results.size()));
      QVERIFY(same(point.result.mean, mean(results)));
      QVERIFY(same(point.result.std, sampleStd(results)));  // the ±1 std error bar
      QCOMPARE(point.seeds, results);                       // one faint dot per seed
      QCOMPARE(point.trials, indices);
      QVERIFY(same(point.wall_seconds.mean, mean(walls)));
      if (results.size() < 2) continue;  // one seed: a dot, no error bar
      QVERIFY(point.result.mean - point.result.std >= figure.y.min);
      QVERIFY(point.result.mean + point.result.std <= figure.y.max);
    }
    // The trial still training is a hollow marker at its best validation accuracy so far.
    QCOMPARE(series.running.size(), std::size_t(1));
    const TrialSummary& running = onDisk_.trials[5];
    QCOMPARE(running.status, TrialStatus::Running);
    QCOMPARE(series.running[0].trial, 5);
    QCOMPARE(series.running[0].x, std::stod(valueOf(running, name)));
    QCOMPARE(series.running[0].y, running.best_val_acc);
    // The learning rate has a logarithmic axis by default, the batch size a linear one.
    QCOMPARE(figure.x.log, name == "training.learning_rate");
  }

  void everyHeatmapCellIsTheFilesMeanOverSeeds() {
    const HeatmapFigure figure = heatmapFigure(onDisk_, "training.batch_size",
                                               "training.learning_rate", InsightResult::BestValAcc);
    QCOMPARE(figure.x.categories, kBatches);
    QCOMPARE(figure.y.categories, kRates);
    QCOMPARE(figure.cells.size(), kBatches.size() * kRates.size());
    for (const HeatCell& cell : figure.cells) {
      std::vector<double> results;
      std::vector<int> trials;
      for (const TrialSummary& trial : onDisk_.trials)
        if (trial.status == TrialStatus::Finished &&
            valueOf(trial, "training.batch_size") == kBatches[cell.x] &&
            valueOf(trial, "training.learning_rate") == kRates[cell.y]) {
          results.push_back(trial.best_val_acc);
          trials.push_back(trial.index);
        }
      QCOMPARE(cell.result.n, int(results.size()));
      QCOMPARE(cell.trials, trials);
      if (results.empty()) {  // marked "not run"
        QVERIFY(cell.text.empty());
        continue;
      }
      QVERIFY(same(cell.result.mean, mean(results)));
      QVERIFY(same(cell.result.std, sampleStd(results)));
      QCOMPARE(QString::fromStdString(cell.text), QString::number(mean(results) * 100, 'f', 1));
      QVERIFY(same(cell.colour, (cell.result.mean - figure.low) / (figure.high - figure.low)));
    }
    const HeatCell& not_run = figure.cells[2 * kBatches.size() + 1];  // (256, 0.01)
    QCOMPARE(not_run.result.n, 0);
  }

  void everyParallelLineIsATrialOfTheFile() {
    const ParallelFigure figure = parallelFigure(onDisk_, InsightResult::BestValAcc);
    QCOMPARE(figure.axes.size(), std::size_t(3));
    QCOMPARE(figure.axes[0].key, std::string("training.batch_size"));
    QCOMPARE(figure.axes[1].key, std::string("training.learning_rate"));
    QVERIFY(figure.axes[1].axis.log);
    std::vector<const TrialSummary*> drawn;
    for (const TrialSummary& trial : onDisk_.trials)
      if (trial.status == TrialStatus::Finished || trial.status == TrialStatus::Running)
        drawn.push_back(&trial);
    QCOMPARE(figure.lines.size(), drawn.size());
    const SummaryAxis& result = figure.axes[2].axis;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
      const ParallelLine& line = figure.lines[i];
      const TrialSummary& trial = *drawn[i];
      QCOMPARE(line.trial, trial.index);
      QCOMPARE(line.running, trial.status == TrialStatus::Running);
      QCOMPARE(line.result, trial.best_val_acc);
      const double batch = std::stod(valueOf(trial, "training.batch_size"));
      const double rate = std::stod(valueOf(trial, "training.learning_rate"));
      QVERIFY(same(line.positions[0], (batch - 64) / (256 - 64)));
      QVERIFY(same(line.positions[1], (std::log10(rate) + 4) / 2));
      QVERIFY(
          same(line.positions[2], (trial.best_val_acc - result.min) / (result.max - result.min)));
    }
  }

  void brushSelectsExactlyTheTrialsInside() {
    const ParallelFigure figure = parallelFigure(onDisk_, InsightResult::BestValAcc);
    // The top of the batch-size axis (256) and learning rates up to 1e-3.
    const std::vector<int> inside =
        trialsInBrushes(figure, {{0, 0.9, 1.0}, {1, 0.0, axisPosition(figure.axes[1].axis, 1e-3)}});
    std::vector<int> expected;
    for (const TrialSummary& trial : onDisk_.trials)
      if (trial.status == TrialStatus::Finished && valueOf(trial, "training.batch_size") == "256" &&
          std::stod(valueOf(trial, "training.learning_rate")) <= 1e-3)
        expected.push_back(trial.index);
    QCOMPARE(inside, expected);
    QCOMPARE(expected.size(), std::size_t(4));
  }

  void choicesFollowTheSweptKeys() {
    const std::vector<SummaryChoice> offered = summaryChoices(onDisk_);
    QCOMPARE(offered.size(), std::size_t(5));  // two slices, heatmap, parallel, importance
    QCOMPARE(defaultSummaryChoice(onDisk_).kind, SummaryKind::Heatmap);
    RunSummary one = onDisk_;
    for (TrialSummary& trial : one.trials) trial.swept.resize(1);
    QCOMPARE(defaultSummaryChoice(one).kind, SummaryKind::Slice);
    QCOMPARE(defaultSummaryChoice(one).key, std::string("training.batch_size"));
  }

  void overlayGroupsPointsByExperiment() {
    RunSummary overlay;
    overlay.experiment_name = "overlay";
    int position = 0;
    for (const char* run : {"alpha #1", "beta #2"})
      for (const char* batch : {"64", "128"}) {
        TrialSummary trial;
        trial.index = position++;
        trial.swept = {{"run", run}, {"training.batch_size", batch}};
        trial.status = TrialStatus::Finished;
        trial.best_val_acc = 0.6 + 0.01 * trial.index;
        overlay.trials.push_back(trial);
      }
    const SliceFigure figure =
        sliceFigure(summaryRunsOf(overlay), "training.batch_size", InsightResult::BestValAcc);
    QCOMPARE(figure.series.size(), std::size_t(2));
    QCOMPARE(figure.series[1].name, std::string("beta #2"));
    QCOMPARE(figure.series[1].points.size(), std::size_t(2));
    QCOMPARE(figure.series[1].points[1].trials, std::vector<int>{3});
    QCOMPARE(figure.series[1].points[1].result.mean, 0.63);
  }

  void liveStateMovesTheHollowMarkerPerEpoch() {
    LiveRunState live;
    TrialSpec spec;
    spec.index = 0;
    spec.swept = {{"training.batch_size", "64"}};
    live.start({spec});
    live.trialStarted(0);
    const auto marker = [&live] {
      const SliceFigure figure = sliceFigure(summaryRunsOf(live.summary()), "training.batch_size",
                                             InsightResult::FinalValAcc);
      return figure.series.front().running;
    };
    QVERIFY(marker().empty());  // no epoch done yet
    live.addMetrics(0, {{metric::kValAccEpoch, 10, 1.0, 640, 0.5, 0.41}});
    QCOMPARE(marker().size(), std::size_t(1));
    QCOMPARE(marker()[0].y, 0.41);
    live.addMetrics(0, {{metric::kValAccEpoch, 20, 2.0, 1280, 1.0, 0.47}});
    QCOMPARE(marker()[0].y, 0.47);
    QCOMPARE(marker()[0].epoch, 2);
    TrialSummary done = live.summary().trials[0];
    done.status = TrialStatus::Finished;
    done.val_acc = 0.5;
    done.best_val_acc = 0.5;
    done.epochs_completed = 2;
    live.finishTrial(done);
    const SliceFigure figure = sliceFigure(summaryRunsOf(live.summary()), "training.batch_size",
                                           InsightResult::FinalValAcc);
    QVERIFY(figure.series.front().running.empty());
    QCOMPARE(figure.series.front().points.size(), std::size_t(1));
    QCOMPARE(figure.series.front().points[0].result.mean, 0.5);
  }
};

QTEST_GUILESS_MAIN(tst_summary_model)
#include "tst_summary_model.moc"
