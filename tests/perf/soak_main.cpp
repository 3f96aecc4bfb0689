// sweeplab-soak: a thousand very short trials through the window's engine bridge, with the
// process's resident memory sampled as trials finish. A leak per trial (a model, an observer,
// a store connection, a Qt object) shows as memory that keeps growing after the first hundred
// trials, when caches and allocator pools have settled.
//
// Modes: `bridge` (default) runs EngineBridge with a consumer that only counts what arrives,
// which isolates the engine, the bridge and the run store; `window` runs the same sweep in the
// whole MainWindow, whose charts and table keep every trial's points and rows on purpose, so
// some growth there is data, reported per trial.
// `--sweeps 2` runs the sweep again when it ends: the window then drops the first sweep's
// curves and rows, so its memory at the end of each sweep should be the same.
// A benchmark, not a test: it exits with status 1 when growth after trial 100 exceeds the limit.
#include <unistd.h>
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "engine_bridge.h"
#include "main_window.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_spec.h"

namespace {

double residentMegabytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

sweeplab::ExperimentSpec soakExperiment(int trials, long long samples) {
  sweeplab::ExperimentSpec spec;
  spec.name = "soak";
  spec.dataset.source = sweeplab::DatasetSource::SyntheticJsc;
  spec.dataset.samples = samples;
  spec.training.max_epochs = 1;
  spec.training.batch_size = 256;
  spec.training.log_every_n_steps = 2;
  spec.device = "cpu";
  spec.repeats = trials;  // one grid point, seeds 0 .. trials-1
  spec.parallel_trials = 1;
  return spec;
}

struct Sample {
  int trials_done = 0;
  double seconds = 0;
  double rss_mb = 0;
};

}  // namespace

int main(int argc, char** argv) {
  qputenv("QT_QPA_PLATFORM",
          qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
  QApplication app(argc, argv);
  QCommandLineParser parser;
  parser.setApplicationDescription("Resident memory over a sweep of many short trials.");
  parser.addHelpOption();
  parser.addOption({"mode", "bridge or window", "mode", "bridge"});
  parser.addOption({"trials", "number of trials (at most 1000)", "n", "1000"});
  parser.addOption({"samples", "synthetic rows per trial's dataset", "n", "2000"});
  parser.addOption({"every", "sample memory every n finished trials", "n", "50"});
  parser.addOption({"limit", "allowed growth after trial 100, percent", "p", "5"});
  parser.addOption({"sweeps", "run the sweep this many times, one after the other", "n", "1"});
  parser.process(app);
  const QString mode = parser.value("mode");
  const int trials = parser.value("trials").toInt();
  const int every = std::max(1, parser.value("every").toInt());
  const double limit = parser.value("limit").toDouble();
  int sweeps_left = std::max(1, parser.value("sweeps").toInt());
  std::vector<double> sweep_end_mb;

  QTemporaryDir work;
  qputenv("XDG_DATA_HOME", QDir(work.path()).filePath("data").toUtf8());
  const sweeplab::ExperimentSpec spec =
      soakExperiment(trials, parser.value("samples").toLongLong());
  sweeplab::RunOptions options;
  options.out_dir = QDir(work.path()).filePath("runs").toStdString();
  options.cache_dir = QDir(work.path()).filePath("cache").toStdString();
  const QString store = QDir(work.path()).filePath("runs.sqlite");

  std::unique_ptr<sweeplab::ui::MainWindow> window;
  std::unique_ptr<sweeplab::ui::EngineBridge> own_bridge;
  sweeplab::ui::EngineBridge* bridge = nullptr;
  if (mode == "window") {
    window = std::make_unique<sweeplab::ui::MainWindow>();
    window->setConfirmations(false);
    window->setRunsDirectory(QString::fromStdString(options.out_dir));
    const QString file = QDir(work.path()).filePath("soak.yaml");
    sweeplab::saveExperimentFile(spec, file.toStdString());
    if (!window->openFile(file)) return 2;
    window->resize(1400, 900);
    window->show();
    bridge = window->bridge();
  } else {
    own_bridge = std::make_unique<sweeplab::ui::EngineBridge>();
    bridge = own_bridge.get();
  }
  bridge->setStorePath(store);

  std::vector<Sample> samples;
  QElapsedTimer clock;
  long long points = 0;
  int done = 0;
  bool ended = false;
  QObject::connect(bridge, &sweeplab::ui::EngineBridge::metricsArrived, &app,
                   [&](int, const std::vector<sweeplab::MetricPoint>& batch) {
                     points += static_cast<long long>(batch.size());
                   });
  QObject::connect(
      bridge, &sweeplab::ui::EngineBridge::trialFinished, &app, [&](const sweeplab::TrialSummary&) {
        ++done;
        if (done % every == 0 || done == 1) {
          const Sample sample{done, clock.elapsed() / 1000.0, residentMegabytes()};
          samples.push_back(sample);
          // As it goes: the first row also says how long the sweep took to start.
          std::printf("%8d %9.1f %10.1f\n", sample.trials_done, sample.seconds, sample.rss_mb);
          std::fflush(stdout);
        }
      });
  std::function<void()> start;
  QObject::connect(bridge, &sweeplab::ui::EngineBridge::sweepFinished, &app, [&] {
    sweep_end_mb.push_back(residentMegabytes());
    if (--sweeps_left > 0) {
      done = 0;
      samples.clear();
      std::printf("next sweep\n");
      QTimer::singleShot(0, &app, start);  // after the bridge has finished its drain
      return;
    }
    ended = true;
    app.quit();
  });
  QObject::connect(bridge, &sweeplab::ui::EngineBridge::error, &app, [&](const QString& message) {
    std::fprintf(stderr, "sweeplab-soak: %s\n", qPrintable(message));
    app.exit(2);
  });

  const double before = residentMegabytes();
  std::printf("sweeplab-soak: %d trials of jsc-tiny (1 epoch, %s rows), mode %s, store %s\n",
              trials, qPrintable(parser.value("samples")), qPrintable(mode), qPrintable(store));
  std::printf("resident before the sweep: %.1f MB\n\n%8s %9s %10s\n", before, "trials", "seconds",
              "RSS MB");
  std::fflush(stdout);
  clock.start();
  start = [&] {
    clock.restart();
    if (window) {
      window->startRun();
    } else {
      bridge->start(spec, options);
    }
  };
  QTimer::singleShot(0, &app, start);
  const int rc = app.exec();
  if (rc != 0 || !ended) return rc ? rc : 2;

  const Sample* at100 = nullptr;
  for (const Sample& s : samples)
    if (s.trials_done >= 100 && !at100) at100 = &s;
  const Sample& last = samples.back();
  std::printf("\n%d trials in %.1f s (the last sweep), %lld metric points\n", done, last.seconds,
              points);
  for (size_t i = 0; i < sweep_end_mb.size(); ++i) {
    std::printf("resident at the end of sweep %zu: %.1f MB\n", i + 1, sweep_end_mb[i]);
  }
  if (!at100 || last.trials_done <= at100->trials_done) {
    std::printf("too few trials to judge growth after trial 100\n");
    return 0;
  }
  const double growth = (last.rss_mb - at100->rss_mb) / at100->rss_mb * 100;
  const double per_trial_kb =
      (last.rss_mb - at100->rss_mb) * 1024 / (last.trials_done - at100->trials_done);
  std::printf("growth from trial %d to %d: %+.1f %% (%+.1f KB per trial); limit %.0f %%: %s\n",
              at100->trials_done, last.trials_done, growth, per_trial_kb, limit,
              growth <= limit ? "met" : "missed");
  return growth <= limit ? 0 : 1;
}
