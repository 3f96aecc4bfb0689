// sweeplab: the workbench window. `sweeplab [FILE]` opens an experiment, `--run FILE` also
// starts it, `--export-figures RUNDIR --out DIR` writes a run's figures (curves and summary
// views) without a window, `--report RUNDIR [--out DIR]` writes its report folder (HTML, PDF,
// figures, tables),
// `--overlay 3,4` shows the trials of experiments 3 and 4 of the run history in one chart.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include "app_icon.h"
#include "charts/standard_figures.h"
#include "experiment_locator.h"
#include "insight/summary_export.h"
#include "main_window.h"
#include "report/report_bundle.h"
#include "sweeplab/run_folder.h"
#include "sweeplab/runtime_info.h"

namespace {

// Modes that show no window must also work where there is no display at all.
void preferOffscreenWithoutWindow(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const bool headless = !std::strcmp(argv[i], "--export-figures") ||
                          !std::strcmp(argv[i], "--report") || !std::strcmp(argv[i], "--version") ||
                          !std::strcmp(argv[i], "-v") || !std::strcmp(argv[i], "--help") ||
                          !std::strcmp(argv[i], "-h");
    if (headless && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
      qputenv("QT_QPA_PLATFORM", "offscreen");
  }
}

int exportFigures(const QString& runDir, const QString& outDir,
                  const sweeplab::ui::StandardFigureOptions& options) {
  QString error;
  QStringList written;
  if (sweeplab::ui::exportStandardFiguresFromRunFolder(runDir, outDir, options, &written, &error)) {
    // The Summary views' figures (results against each swept key, heatmap, ...) beside them.
    try {
      const sweeplab::RunSummary summary = sweeplab::readRunSummary(runDir.toStdString());
      sweeplab::ui::exportSummaryFigures(summary, outDir, {}, &written, &error);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
  }
  for (const QString& path : written) std::printf("%s\n", qPrintable(path));
  if (!error.isEmpty()) {
    std::fprintf(stderr, "sweeplab: %s\n", qPrintable(error));
    return 2;
  }
  return 0;
}

int writeReport(const QString& runDir, const QString& outDir) {
  const QString folder = outDir.isEmpty() ? sweeplab::ui::defaultReportFolder(runDir) : outDir;
  const sweeplab::ui::ReportResult result =
      sweeplab::ui::writeReportBundle(runDir, folder, [](int step, int steps, const QString& what) {
        if (step < steps) std::fprintf(stderr, "[%d/%d] %s\n", step + 1, steps, qPrintable(what));
      });
  if (!result.ok) {
    std::fprintf(stderr, "sweeplab: --report: %s\n", qPrintable(result.error));
    return 2;
  }
  std::printf("%s\n", qPrintable(QDir(result.folder).filePath(sweeplab::ui::kReportHtmlName)));
  std::printf("%s\n", qPrintable(QDir(result.folder).filePath(sweeplab::ui::kReportPdfName)));
  std::printf("Report folder: %s (%lld files)\n", qPrintable(result.folder),
              static_cast<long long>(result.files.size()));
  return 0;
}

std::optional<sweeplab::ui::XAxisKind> parseXAxis(const QString& name) {
  using sweeplab::ui::XAxisKind;
  if (name == QLatin1String("step")) return XAxisKind::Step;
  if (name == QLatin1String("epoch")) return XAxisKind::Epoch;
  if (name == QLatin1String("samples")) return XAxisKind::SamplesSeen;
  if (name == QLatin1String("time")) return XAxisKind::WallTime;
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  preferOffscreenWithoutWindow(argc, argv);
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("Sweeplab"));
  QApplication::setOrganizationName(QStringLiteral("Sweeplab"));
  QApplication::setApplicationVersion(QString::fromStdString(sweeplab::sweeplabVersion()));
  QApplication::setWindowIcon(sweeplab::ui::appIcon());
  // Ties the window to its desktop entry, so Wayland shells show the right name and icon.
  QGuiApplication::setDesktopFileName(QStringLiteral(SWEEPLAB_APP_ID));

  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Workbench for hyperparameter studies of small neural networks."));
  parser.addHelpOption();
  const QCommandLineOption version({"v", "version"}, QStringLiteral("Print versions and exit."));
  const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("Open FILE and start it."),
                               QStringLiteral("FILE"));
  const QCommandLineOption exportFigures(
      QStringLiteral("export-figures"),
      QStringLiteral("Write the figures of run folder RUNDIR (PNG, SVG, PDF) and exit."),
      QStringLiteral("RUNDIR"));
  const QCommandLineOption report(
      QStringLiteral("report"),
      QStringLiteral("Write the report folder of run folder RUNDIR (report.html, report.pdf, "
                     "figures, tables and the run's files; default RUNDIR-report, or --out) "
                     "and exit."),
      QStringLiteral("RUNDIR"));
  const QCommandLineOption out(
      QStringLiteral("out"),
      QStringLiteral("Folder for --export-figures or --report output, or for run folders."),
      QStringLiteral("DIR"));
  const QCommandLineOption xAxis(
      QStringLiteral("x-axis"),
      QStringLiteral("x axis of exported figures: step, epoch, samples or time (default: epoch "
                     "when the batch size is swept, else step)."),
      QStringLiteral("AXIS"));
  const QCommandLineOption smoothing(
      QStringLiteral("smoothing"),
      QStringLiteral("Smoothing of exported per-step training curves, 0 to 0.99 (default 0.6); "
                     "the raw curve stays faint behind."),
      QStringLiteral("WEIGHT"));
  const QCommandLineOption overlay(
      QStringLiteral("overlay"),
      QStringLiteral("Show every trial of the run-history experiments IDS (e.g. 3,4) in one "
                     "chart, with the history open."),
      QStringLiteral("IDS"));
  parser.addOptions({version, run, exportFigures, report, out, xAxis, smoothing, overlay});
  parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Experiment file to open."),
                               QStringLiteral("[FILE]"));
  parser.process(app);

  if (parser.isSet(version)) {
    std::printf("sweeplab %s (LibTorch %s, CUDA available: %s)\n",
                sweeplab::sweeplabVersion().c_str(), sweeplab::libtorchVersion().c_str(),
                sweeplab::cudaAvailable() ? "yes" : "no");
    const QString examples = sweeplab::ui::findExperimentsDir();
    std::printf("Example experiments: %s\n",
                examples.isEmpty() ? "not found" : qPrintable(examples));
    return 0;
  }
  if (parser.isSet(report)) return writeReport(parser.value(report), parser.value(out));
  if (parser.isSet(exportFigures)) {
    if (!parser.isSet(out)) {
      std::fprintf(stderr, "sweeplab: --export-figures needs --out DIR\n");
      return 2;
    }
    sweeplab::ui::StandardFigureOptions options;
    options.smoothing = sweeplab::ui::kReportSmoothing;
    if (parser.isSet(smoothing)) {
      bool ok = false;
      options.smoothing = parser.value(smoothing).toDouble(&ok);
      if (!ok || options.smoothing < 0 || options.smoothing > 0.99) {
        std::fprintf(stderr, "sweeplab: --smoothing: '%s' is not a number from 0 to 0.99\n",
                     qPrintable(parser.value(smoothing)));
        return 2;
      }
    }
    if (parser.isSet(xAxis)) {
      const std::optional<sweeplab::ui::XAxisKind> kind = parseXAxis(parser.value(xAxis));
      if (!kind) {
        std::fprintf(stderr, "sweeplab: --x-axis: '%s' is not one of step, epoch, samples, time\n",
                     qPrintable(parser.value(xAxis)));
        return 2;
      }
      options.xAxis = *kind;
      options.xAxisChosen = true;
    }
    return ::exportFigures(parser.value(exportFigures), parser.value(out), options);
  }
  if (parser.positionalArguments().size() > 1 ||
      (parser.isSet(run) && !parser.positionalArguments().isEmpty())) {
    std::fprintf(stderr, "sweeplab: give one experiment file\n");
    return 2;
  }

  sweeplab::ui::MainWindow window;
  if (parser.isSet(out)) window.setRunsDirectory(parser.value(out));
  QString file = parser.isSet(run) ? parser.value(run) : parser.positionalArguments().value(0);
  if (file.isEmpty()) file = sweeplab::ui::defaultExperimentFile();
  const bool opened = !file.isEmpty() && window.openFile(file);
  window.show();
  if (parser.isSet(run) && opened) QTimer::singleShot(0, &window, [&window] { window.startRun(); });
  if (parser.isSet(overlay)) {
    std::vector<long long> ids;
    for (const QString& part : parser.value(overlay).split(',', Qt::SkipEmptyParts)) {
      bool ok = false;
      const long long id = part.trimmed().toLongLong(&ok);
      if (!ok || id <= 0) {
        std::fprintf(stderr, "sweeplab: --overlay: '%s' is not an experiment number\n",
                     qPrintable(part));
        return 2;
      }
      ids.push_back(id);
    }
    window.overlayExperiments(ids);
  }
  return app.exec();
}
