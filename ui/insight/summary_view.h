// The Summary tab: a run's results against its swept keys, filled live while the sweep trains.
// One swept key: the result against each value (with wall time under it); two: the heatmap;
// three or more, or trials that are not a grid: parallel coordinates with a scatter per key
// beside them; the importance of each key; and the optimisation history of a study. Clicking or
// brushing selects trials; the window links that selection to the trials table and the curves.
#pragma once

#include <QSet>
#include <QWidget>
#include <optional>
#include <string>
#include <vector>

#include "insight/live_run_state.h"
#include "insight/summary_choices.h"
#include "insight/summary_figures.h"
#include "insight/summary_painters.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;

namespace sweeplab::ui {

class SummaryCanvas;

class SummaryView : public QWidget {
  Q_OBJECT
 public:
  explicit SummaryView(QWidget* parent = nullptr);

  // Feeding: a sweep that starts, its trials' progress, and runs shown whole.
  void startRun(const std::vector<TrialSpec>& trials);
  void trialSuggested(const TrialSpec& trial);  // a tpe trial's values, in its placeholder's place
  void trialStarted(int trial);
  void addMetrics(int trial, const std::vector<MetricPoint>& points);
  void finishTrial(const TrialSummary& summary);
  void showRun(const RunSummary& summary);          // a run that ended, reopened, or an overlay
  void showKeptTrials(const RunSummary& previous);  // a resumed sweep's earlier trials
  // The study's objective, for the optimisation history (offered first for a random or tpe
  // study); none for an overlay. startRun takes it from the trials' experiment.
  void setObjective(const std::optional<StudyObjective>& objective);
  const std::optional<StudyObjective>& objective() const { return objective_; }

  // The selection made elsewhere (the trials table): marked, not echoed back.
  void setSelectedTrials(const QSet<int>& trials);
  QSet<int> selectedTrials() const { return selected_; }

  // What is shown. Choices follow the run's swept keys; a choice it does not offer is ignored.
  std::vector<SummaryChoice> choices() const;
  SummaryChoice choice() const { return choice_; }
  void setChoice(const SummaryChoice& choice);
  InsightResult result() const { return result_; }
  void setResult(InsightResult result);
  void swapHeatmapAxes();
  void setLogScale(bool log);  // the slice's x axis, numeric keys only
  // Axis order of the parallel coordinates (swept keys; the result stays last).
  void setParallelOrder(const std::vector<std::string>& keys);
  std::vector<std::string> parallelOrder() const;
  // Brushing: a range of positions (0 bottom .. 1 top) on an axis of the parallel figure;
  // selects the trials inside every brush. An empty range removes the axis' brush.
  void brushAxis(int axis, double low, double high);
  void clearBrushes();
  const std::vector<AxisBrush>& brushes() const { return brushes_; }

  // The figures, as painted now.
  const RunSummary& summary() const { return live_.summary(); }
  std::vector<SummaryRun> runs() const;
  SliceFigure slice(const std::string& key) const;
  HeatmapFigure heatmap() const;
  ParallelFigure parallel() const;
  ImportanceFigure importance() const;  // fitted now when the view has no fit yet
  HistoryFigure history() const;        // empty without an objective
  // The view's own fit (on a pool thread), once it arrived; the view paints "fitting" until then.
  const std::optional<ImportanceFigure>& fittedImportance() const { return importance_cache_; }
  QString figureTitle() const;  // of the view shown
  // Paints the view shown (without selection marks) into [0, 0, size]: export reads this.
  void paintShown(QPainter& painter, const QSizeF& size) const;

  SummaryCanvas* canvas() const { return canvas_; }
  SummaryCanvas* scatterCanvas() const { return scatter_; }
  QSplitter* splitter() const { return split_; }

 Q_SIGNALS:
  void trialsSelected(const QSet<int>& trials);
  void exportRequested();

 private:
  void dataChanged();
  void updateChoices();
  void updateControls();
  void refresh();
  void paintView(QPainter& painter, const QSizeF& size, const QSet<int>& selected,
                 const std::vector<AxisBrush>& brushes, SummaryHits* hits) const;
  void select(const std::vector<int>& trials);
  void canvasClicked(const QPointF& point, const std::vector<int>& trials);
  void canvasDragged(const QPointF& from, const QPointF& to, bool finished);
  RunSummary combined() const;
  std::vector<std::string> keys() const;
  bool historyOffered() const;

  LiveRunState live_;
  std::optional<StudyObjective> objective_;
  SummaryChoice choice_;
  bool chosen_by_person_ = false;
  InsightResult result_ = InsightResult::BestValAcc;
  bool heat_swapped_ = false;
  int log_scale_ = -1;  // -1: the key's default
  std::vector<std::string> parallel_order_;
  std::vector<AxisBrush> brushes_;
  QSet<int> selected_;
  std::optional<AxisBrush> dragging_brush_;
  // The forest fit behind importance takes a good part of a second: the window's view fits it on
  // a pool thread (one at a time) and paints the last fit meanwhile; revision_ tells a fit of
  // data that has changed since it started.
  void fitImportanceInBackground() const;
  mutable std::optional<ImportanceFigure> importance_cache_;
  int revision_ = 0;
  mutable bool fitting_ = false;

  QComboBox* show_;
  QComboBox* result_box_;
  QPushButton* swap_;
  QCheckBox* log_;
  QLabel* hint_;
  QSplitter* split_;
  SummaryCanvas* canvas_;
  SummaryCanvas* scatter_;
};

}  // namespace sweeplab::ui
