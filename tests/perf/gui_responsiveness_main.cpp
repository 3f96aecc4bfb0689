// sweeplab-gui-bench: how long the workbench window's event loop stalls while a sweep streams
// metrics at full speed. The real MainWindow opens a generated experiment and runs it; a 5 ms
// timer measures the gaps between its timeouts, and every event the GUI thread delivers is
// timed so a stall can be traced to what caused it. Exits 1 when the longest gap while the
// trials stream exceeds the limit (50 ms by default).
#include <QAbstractScrollArea>
#include <QAction>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <thread>

#include "charts/curve_panel.h"
#include "engine_bridge.h"
#include "gui_responsiveness_probe.h"
#include "main_window.h"
#include "sweeplab/experiment_io.h"

using sweeplab::perf::EventLoopProbe;
using sweeplab::perf::StallStats;
using sweeplab::perf::TimedApplication;

namespace {

struct BenchSettings {
  int trials = 5;
  long long samples = 200000;
  QString model = QStringLiteral("jsc-tiny");
  int batch = 32;
  int epochs = 3;
  int log_every = 1;
  int parallel = 5;
  int smoothing = 80;    // percent, as the window's slider
  bool summary = false;  // the Summary tab in front instead of the curves
  QSize window{1400, 900};
  int interval_ms = 5;
  double limit_ms = 50;
  int timeout_s = 600;
};

QString loadAverage() {
  QFile file(QStringLiteral("/proc/loadavg"));
  if (!file.open(QIODevice::ReadOnly)) return QStringLiteral("unknown");
  return QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2);
}

// Five learning rates, so the trials draw five different curves.
sweeplab::ExperimentSpec benchExperiment(const BenchSettings& s) {
  sweeplab::ExperimentSpec spec;
  spec.name = "gui_responsiveness";
  spec.dataset.source = sweeplab::DatasetSource::SyntheticJsc;
  spec.dataset.samples = s.samples;
  spec.model.name = s.model.toStdString();
  spec.training.batch_size = s.batch;
  spec.training.max_epochs = s.epochs;
  spec.training.learning_rate = 1e-3;
  spec.training.log_every_n_steps = s.log_every;
  spec.device = "cpu";
  spec.parallel_trials = s.parallel;
  sweeplab::SweepAxis rates{"training.learning_rate", {}};
  for (int i = 0; i < s.trials; ++i)
    rates.values.push_back(QString::number(5e-4 * (1 << i)).toStdString());
  spec.sweep = {rates};
  return spec;
}

bool parseArguments(const QCoreApplication& app, BenchSettings& s) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Event-loop stalls of the workbench window while a sweep streams metrics."));
  parser.addHelpOption();
  const auto option = [&](const char* name, const char* help, const QString& fallback,
                          const char* value = "N") {
    QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help),
                         QString::fromLatin1(value), fallback);
    parser.addOption(o);
    return o;
  };
  const auto trials = option("trials", "Trials in the sweep (learning rates).", "5");
  const auto samples = option("samples", "Synthetic JSC rows before the split.", "200000");
  const auto model = option("model", "Catalog model.", "jsc-tiny", "NAME");
  const auto batch = option("batch", "Batch size.", "32");
  const auto epochs = option("epochs", "Epochs per trial.", "3");
  const auto log_every = option("log-every", "log_every_n_steps.", "1");
  const auto parallel = option("parallel", "Trials trained at the same time.", "5");
  const auto smoothing = option("smoothing", "Smoothing slider, 0..99.", "80");
  const auto size = option("size", "Window size.", "1400x900", "WxH");
  const auto interval = option("interval", "Probe interval in ms.", "5");
  const auto limit = option("limit", "Longest acceptable gap in ms.", "50");
  const auto timeout = option("timeout", "Give up after this many seconds.", "600");
  const auto view = option("view", "The tab in front while the trials stream: curves or summary.",
                           "curves", "TAB");
  parser.process(app);

  bool ok = true;
  const auto number = [&](const QCommandLineOption& o) {
    bool good = false;
    const int value = parser.value(o).toInt(&good);
    if (!good || value < 0) {
      std::fprintf(stderr, "sweeplab-gui-bench: --%s: expected a whole number >= 0, got '%s'\n",
                   qPrintable(o.names().front()), qPrintable(parser.value(o)));
      ok = false;
    }
    return value;
  };
  s.trials = number(trials);
  s.samples = number(samples);
  s.model = parser.value(model);
  s.batch = number(batch);
  s.epochs = number(epochs);
  s.log_every = number(log_every);
  s.parallel = number(parallel);
  s.smoothing = number(smoothing);
  s.interval_ms = number(interval);
  s.limit_ms = number(limit);
  s.timeout_s = number(timeout);
  const QString tab = parser.value(view);
  if (tab != QLatin1String("curves") && tab != QLatin1String("summary")) {
    std::fprintf(stderr, "sweeplab-gui-bench: --view: expected curves or summary, got '%s'\n",
                 qPrintable(tab));
    ok = false;
  }
  s.summary = tab == QLatin1String("summary");
  const QStringList dims = parser.value(size).split(QLatin1Char('x'));
  if (dims.size() != 2 || dims[0].toInt() <= 0 || dims[1].toInt() <= 0) {
    std::fprintf(stderr, "sweeplab-gui-bench: --size: expected WIDTHxHEIGHT, e.g. 1400x900\n");
    ok = false;
  } else {
    s.window = QSize(dims[0].toInt(), dims[1].toInt());
  }
  return ok;
}

void printStats(const EventLoopProbe& probe, const BenchSettings& s) {
  std::printf("\n%-10s %8s %7s %12s %8s %8s %10s %8s\n", "phase", "seconds", "ticks", "longest ms",
              "p99 ms", "p50 ms", "gaps>limit", "GUI CPU");
  for (const QString& phase : probe.phases()) {
    const StallStats st = probe.stats(phase, s.limit_ms);
    std::printf("%-10s %8.1f %7d %12.1f %8.1f %8.1f %10d %7.0f%%\n", qPrintable(phase), st.seconds,
                st.ticks, st.longest_ms, st.p99_ms, st.p50_ms, st.over_limit, st.gui_cpu_percent);
  }
}

// What one frame of each chart costs with everything the sweep left in it, on a loop that has
// nothing else to do: the floor under the stalls while streaming.
QString chartPaintTimes(const QWidget& window) {
  QString text = QStringLiteral("repainting each chart after the sweep (median of 5):");
  for (const char* name : {"trainingChart", "validationChart"}) {
    auto* view = window.findChild<QAbstractScrollArea*>(QString::fromLatin1(name));
    if (!view) continue;
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
      QElapsedTimer clock;
      clock.start();
      view->viewport()->repaint();
      ms.push_back(clock.nsecsElapsed() / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    text += QStringLiteral(" %1 %2 ms").arg(QString::fromLatin1(name)).arg(ms[2], 0, 'f', 1);
  }
  return text;
}

void printEventTimings(const TimedApplication& app) {
  std::printf("\nslowest events on the GUI thread while streaming:\n");
  for (const auto& event : app.slowest(8)) {
    std::printf("  %7.1f ms  %s\n", event.ms, qPrintable(event.what));
  }
  std::printf("\nbusiest kinds of event (those of 1 ms or more; total ms, count):\n");
  for (const auto& [what, total] : app.busiest(8)) {
    std::printf("  %7.0f ms %6d  %s\n", total.first, total.second, qPrintable(what));
  }
}

}  // namespace

int main(int argc, char** argv) {
  // The window needs a platform; without a display the offscreen one paints into memory.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
      qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  // Settings and run folders of this run only: the user's window layout stays untouched.
  QTemporaryDir work;
  qputenv("XDG_CONFIG_HOME", QDir(work.path()).filePath(QStringLiteral("config")).toLocal8Bit());

  TimedApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("SweeplabBench"));
  QCoreApplication::setApplicationName(QStringLiteral("sweeplab-gui-bench"));
  BenchSettings s;
  if (!parseArguments(app, s)) return 2;
  if (!work.isValid()) {
    std::fprintf(stderr, "sweeplab-gui-bench: cannot create a temporary folder\n");
    return 2;
  }
  QSettings().setValue(QStringLiteral("curves/smoothing"), s.smoothing);

  const QString experiment = QDir(work.path()).filePath(QStringLiteral("bench.yaml"));
  try {
    sweeplab::saveExperimentFile(benchExperiment(s), experiment.toStdString());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sweeplab-gui-bench: %s\n", e.what());
    return 2;
  }

  sweeplab::ui::MainWindow window;
  window.setConfirmations(false);
  window.setRunsDirectory(QDir(work.path()).filePath(QStringLiteral("runs")));
  if (!window.openFile(experiment)) return 2;
  window.resize(s.window);
  window.show();
  if (s.summary) {
    // The Summary tab redraws its figure as each trial's epochs arrive; it must not stall either.
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("centreTabs"));
    if (!tabs) {
      std::fprintf(stderr, "sweeplab-gui-bench: the window has no Summary tab\n");
      return 2;
    }
    tabs->setCurrentIndex(1);
  }

  const QString before = loadAverage();
  std::printf(
      "sweeplab-gui-bench: %d trials of %s, batch %d, %lld samples, %d epochs, log every %d "
      "step(s), %d in parallel, smoothing %d%%, %s in front\n"
      "platform %s, window %dx%d, probe every %d ms, %u hardware threads, load average %s\n",
      s.trials, qPrintable(s.model), s.batch, s.samples, s.epochs, s.log_every, s.parallel,
      s.smoothing, s.summary ? "summary" : "curves", qPrintable(QGuiApplication::platformName()),
      s.window.width(), s.window.height(), s.interval_ms, std::thread::hardware_concurrency(),
      qPrintable(before));
  std::fflush(stdout);

  EventLoopProbe probe(s.interval_ms);
  sweeplab::ui::EngineBridge* bridge = window.bridge();
  long long points = 0, batches = 0;
  size_t largest_batch = 0;
  bool streaming = false, finished = false, failed = false;
  QString paint_times;
  QObject::connect(bridge, &sweeplab::ui::EngineBridge::metricsArrived, &app,
                   [&](int, const std::vector<sweeplab::MetricPoint>& batch) {
                     if (!streaming) {
                       streaming = true;
                       probe.beginPhase(QStringLiteral("streaming"));
                       app.resetTimings();
                     }
                     points += static_cast<long long>(batch.size());
                     ++batches;
                     largest_batch = std::max(largest_batch, batch.size());
                   });
  QObject::connect(bridge, &sweeplab::ui::EngineBridge::sweepFinished, &app, [&] {
    finished = true;
    probe.beginPhase(QStringLiteral("finished"));
    QTimer::singleShot(1000, &app, [&] {
      paint_times = chartPaintTimes(window);
      QCoreApplication::quit();
    });
  });
  QObject::connect(bridge, &sweeplab::ui::EngineBridge::error, &app, [&](const QString& message) {
    std::fprintf(stderr, "sweeplab-gui-bench: the sweep could not run: %s\n", qPrintable(message));
    failed = true;
    QCoreApplication::quit();
  });
  QTimer::singleShot(s.timeout_s * 1000, &app, [&] {
    std::fprintf(stderr, "sweeplab-gui-bench: gave up after %d s\n", s.timeout_s);
    window.stopRun();
    QCoreApplication::quit();
  });

  // One idle second first: the gaps of a free loop on this machine, the floor of the rest.
  probe.beginPhase(QStringLiteral("idle"));
  probe.start();
  QTimer::singleShot(1000, &window, [&] {
    probe.beginPhase(QStringLiteral("preparing"));
    if (!window.startRun()) {
      std::fprintf(stderr, "sweeplab-gui-bench: the window did not start the sweep\n");
      failed = true;
      QCoreApplication::quit();
    }
  });
  app.exec();
  probe.stop();
  if (bridge->isRunning()) bridge->stopAndWait();
  if (failed) return 2;

  printStats(probe, s);
  sweeplab::ui::CurvePanel* curves = window.curves();
  std::printf("\n%lld metric points in %lld batches (largest %zu); training chart per trial:",
              points, batches, largest_batch);
  for (int trial = 0; trial < s.trials; ++trial) {
    std::printf(" %d held/%d drawn", curves->pointCount(0, trial),
                curves->displayedPointCount(0, trial));
  }
  std::printf("\n");
  std::printf("\n%s\n", qPrintable(paint_times));
  printEventTimings(app);
  std::printf("\nload average before %s, after %s\n", qPrintable(before),
              qPrintable(loadAverage()));

  const StallStats stream = probe.stats(QStringLiteral("streaming"), s.limit_ms);
  const bool met = finished && stream.ticks > 0 && stream.longest_ms <= s.limit_ms;
  std::printf("bar (longest gap while streaming <= %.0f ms): %s (%.1f ms)%s\n", s.limit_ms,
              met ? "met" : "missed", stream.longest_ms,
              finished ? "" : "; the sweep did not finish");
  return met ? 0 : 1;
}
