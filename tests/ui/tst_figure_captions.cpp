// Figure captions: automatic ones read as a sentence about what was swept, a person's caption
// names each figure of several, and "Figure N" appears only when numbering is asked for.
#include <QtTest>

#include "charts/figure_captions.h"

using namespace sweeplab;
using namespace sweeplab::ui;

namespace {

RunSummary sweepOf(const std::string& experiment,
                   const std::vector<std::vector<std::pair<std::string, std::string>>>& points) {
  RunSummary summary;
  summary.experiment_name = experiment;
  for (const auto& swept : points) {
    TrialSummary trial;
    trial.swept = swept;
    summary.trials.push_back(trial);
  }
  return summary;
}

FigureData chartsTitled(const QStringList& titles) {
  FigureData figure;
  for (const QString& title : titles)
    figure.charts.push_back({title, "Step", "Loss", false, {}, 0});
  return figure;
}

}  // namespace

class tst_figure_captions : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void automaticCaptionsReadAsSentences_data() {
    QTest::addColumn<QString>("experiment");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QString>("caption");
    QTest::newRow("model") << "tiny_vs_x10" << QStringList{"model"}
                           << "Training accuracy for different models (tiny_vs_x10)";
    QTest::newRow("model.name") << "" << QStringList{"model.name"}
                                << "Training accuracy for different models";
    QTest::newRow("batch size") << "batch_size" << QStringList{"training.batch_size"}
                                << "Training accuracy for different batch sizes";
    QTest::newRow("two keys") << "grid"
                              << QStringList{"training.learning_rate", "training.batch_size"}
                              << "Training accuracy for different learning rates and batch "
                                 "sizes (grid)";
    QTest::newRow("unlisted key") << "" << QStringList{"training.scheduler.gamma"}
                                  << "Training accuracy for different gamma values";
    QTest::newRow("nothing swept")
        << "demo" << QStringList{} << "Training accuracy per trial (demo)";
  }
  void automaticCaptionsReadAsSentences() {
    QFETCH(QString, experiment);
    QFETCH(QStringList, keys);
    QFETCH(QString, caption);
    std::vector<std::pair<std::string, std::string>> swept;
    for (const QString& key : keys) swept.emplace_back(key.toStdString(), "1");
    const RunSummary summary = sweepOf(experiment.toStdString(), {swept, swept});
    const QString text = automaticCaption(summary, QStringLiteral("Training accuracy"));
    QCOMPARE(text, caption);
    QVERIFY(!text.contains(QStringLiteral("Figure")));
  }

  void figureNamesComeFromTheirCharts() {
    QCOMPARE(figureName(chartsTitled({"Training accuracy"})), QStringLiteral("Training accuracy"));
    QCOMPARE(figureName(chartsTitled({"Training loss", "Validation loss"})),
             QStringLiteral("Training and validation loss"));
  }

  void aPersonsCaptionNamesEachOfSeveralFigures() {
    QCOMPARE(captionForFigure("Curves by batch size", "Training loss", false),
             QStringLiteral("Curves by batch size"));
    QCOMPARE(captionForFigure("Curves by batch size", "Training loss", true),
             QStringLiteral("Curves by batch size — Training loss"));
    QCOMPARE(captionForFigure(QString(), "Training loss", true), QString());
  }

  void numbersOnlyWhenAsked() {
    QCOMPARE(numberedCaption("Training loss", 0), QStringLiteral("Training loss"));
    QCOMPARE(numberedCaption("Training loss", 3), QStringLiteral("Figure 3: Training loss"));
  }
};

QTEST_MAIN(tst_figure_captions)
#include "tst_figure_captions.moc"
