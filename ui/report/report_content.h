// What a report says about a run, gathered once and laid out twice: as the self-contained HTML
// page and as the PDF. Everything here comes from the run folder; nothing is measured again.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

#include "charts/standard_figures.h"
#include "sweeplab/metrics.h"

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
  std::vector<ReportFigure> figures;
  QString experimentYaml;
  QStringList files;  // the bundle's files, relative to its folder
};

// Facts for a summary; fields a run did not record read "not recorded".
std::vector<ReportFact> environmentFacts(const RunSummary& summary);
std::vector<ReportFact> datasetFacts(const RunSummary& summary);

// Every standard figure with its caption, rendered as PNG for embedding. Stops at the first
// figure that cannot be drawn and says why in *error.
std::vector<ReportFigure> reportFigures(const RunSummary& summary, const RunMetricPoints& metrics,
                                        QString* error);

}  // namespace sweeplab::ui
