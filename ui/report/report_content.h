// What a report says about a run, gathered once and laid out twice: as the self-contained HTML
// page and as the PDF. Everything here comes from the run folder; nothing is measured again.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "charts/standard_figures.h"
#include "sweeplab/metrics.h"
#include "sweeplab/optimisation_history.h"

namespace sweeplab::ui {

struct ReportFact {
  QString label;
  QString value;
};

struct ReportFigure {
  QString caption;    // "Figure 1: Training accuracy for different batch_size values"
  QString fileStem;   // "train_acc": figures/train_acc.png, .svg, .pdf in the bundle
  QByteArray png;     // screen resolution, for embedding
  bool wide = false;  // side by side: spans the page
};

struct ReportContent {
  QString title;           // the experiment's name
  QString description;     // the experiment file's description, when it has one
  QString experimentFile;  // as it sits in the bundle: "experiment.yaml"
  QString startedAt;       // when the run started (ISO 8601, UTC)
  QString writtenAt;       // when the report was written
  QString runFolder;       // the run folder the report was made from
  std::vector<ReportFact> environment;
  std::vector<ReportFact> dataset;
  QString resultsMarkdown;     // formatResultsTable(Markdown): one row per trial (+ repeats)
  QString transposedMarkdown;  // the lab report's Table 1 layout
  // Per-class results: each trial's test recall per class as a Markdown table (or one line
  // saying the run did not record them) and the best trial's test confusion matrix.
  QString classRecallMarkdown;
  std::optional<ReportFigure> confusionFigure;
  std::vector<ReportFigure> figures;
  QString experimentYaml;
  QStringList files;  // the bundle's files, relative to its folder
};

// Facts for a summary; fields a run did not record read "not recorded".
std::vector<ReportFact> environmentFacts(const RunSummary& summary);
std::vector<ReportFact> datasetFacts(const RunSummary& summary);

// Every standard figure with its caption, rendered as PNG for embedding. Stops at the first
// figure that cannot be drawn and says why in *error.
// `objective`: the study's, which adds the optimisation history of a random or tpe study.
std::vector<ReportFigure> reportFigures(
    const RunSummary& summary, const RunMetricPoints& metrics, QString* error,
    const std::optional<StudyObjective>& objective = std::nullopt);

// The Summary views' figures of the run (summaryFigureFiles), numbered after `figures` and
// appended to them; empty, with the reason in *error, when one cannot be drawn.
std::vector<ReportFigure> appendSummaryFigures(
    const RunSummary& summary, std::vector<ReportFigure> figures, QString* error,
    const std::optional<StudyObjective>& objective = std::nullopt);

// The objective of the study in a run folder (its copy of the experiment file); nullopt when
// the folder keeps no readable experiment file.
std::optional<StudyObjective> studyObjectiveOfRun(const QString& runDir, const RunSummary& summary);

// The per-class section's table: "| Trial | g | q | ... |" with four decimals, "-" where a
// trial has no recall; a sentence instead when the run recorded no per-class results.
QString classRecallMarkdown(const RunSummary& summary);

// The files and the caption of the best trial's confusion matrix (sweeplab::bestTestedTrial).
inline constexpr const char* kConfusionFigureStem = "confusion_matrix";
// Not numbered: the per-class section comes before the numbered figures.
QString confusionFigureCaption(const RunSummary& summary);
// The best trial's confusion matrix as a report figure; nullopt when no trial has one. Sets
// *error when it has one that cannot be drawn.
std::optional<ReportFigure> confusionReportFigure(const RunSummary& summary, QString* error);

}  // namespace sweeplab::ui
