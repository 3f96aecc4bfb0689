// Layout, feeding and choices of the Summary view. The figures are recomputed from the run at
// each paint (a few dozen trials: microseconds), except importance, whose forest fit runs on a
// pool thread and is kept until a trial finishes.
#include "insight/summary_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

#include "insight/summary_axes.h"
#include "insight/summary_canvas.h"

namespace sweeplab::ui {

SummaryView::SummaryView(QWidget* parent) : QWidget(parent) {
  show_ = new QComboBox;
  show_->setObjectName(QStringLiteral("summaryShow"));
  show_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  result_box_ = new QComboBox;
  result_box_->setObjectName(QStringLiteral("summaryResult"));
  for (InsightResult result : allInsightResults())
    result_box_->addItem(QString::fromStdString(resultTitle(result)), static_cast<int>(result));
  swap_ = new QPushButton(tr("Swap axes"));
  log_ = new QCheckBox(tr("Log scale"));
  auto* export_button = new QPushButton(tr("Export…"));
  hint_ = new QLabel;
  hint_->setStyleSheet(QStringLiteral("color: palette(mid);"));
  // The hint gives way first when the pane is narrow; the choices keep their width.
  hint_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  auto* controls = new QHBoxLayout;
  controls->setContentsMargins(6, 4, 6, 2);
  controls->addWidget(new QLabel(tr("Show")));
  controls->addWidget(show_);
  controls->addSpacing(8);
  controls->addWidget(new QLabel(tr("Result")));
  controls->addWidget(result_box_);
  controls->addWidget(swap_);
  controls->addWidget(log_);
  controls->addWidget(hint_, 1);
  controls->addWidget(export_button);

  canvas_ = new SummaryCanvas;
  scatter_ = new SummaryCanvas;
  split_ = new QSplitter(Qt::Horizontal);
  split_->setObjectName(QStringLiteral("summarySplit"));
  split_->addWidget(canvas_);
  split_->addWidget(scatter_);
  split_->setStretchFactor(0, 3);
  split_->setStretchFactor(1, 1);
  split_->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addLayout(controls);
  layout->addWidget(split_, 1);

  const int saved = QSettings().value(QStringLiteral("summary/result"), 0).toInt();
  if (saved >= 0 && saved < result_box_->count()) {
    result_box_->setCurrentIndex(saved);
    result_ = static_cast<InsightResult>(result_box_->currentData().toInt());
  }
  connect(show_, &QComboBox::activated, this, [this](int index) {
    const std::vector<SummaryChoice> offered = choices();
    if (index < 0 || index >= static_cast<int>(offered.size())) return;
    chosen_by_person_ = true;
    setChoice(offered[index]);
  });
  connect(result_box_, &QComboBox::activated, this, [this](int) {
    setResult(static_cast<InsightResult>(result_box_->currentData().toInt()));
    QSettings().setValue(QStringLiteral("summary/result"), result_box_->currentIndex());
  });
  connect(swap_, &QPushButton::clicked, this, &SummaryView::swapHeatmapAxes);
  connect(log_, &QCheckBox::toggled, this, &SummaryView::setLogScale);
  connect(export_button, &QPushButton::clicked, this, &SummaryView::exportRequested);
  connect(canvas_, &SummaryCanvas::clicked, this, &SummaryView::canvasClicked);
  connect(canvas_, &SummaryCanvas::dragged, this, &SummaryView::canvasDragged);
  connect(scatter_, &SummaryCanvas::clicked, this, &SummaryView::canvasClicked);
  dataChanged();
}

void SummaryView::startRun(const std::vector<TrialSpec>& trials) {
  live_.start(trials);
  objective_.reset();
  if (!trials.empty()) objective_ = studyObjectiveOf(trials.front().spec);
  brushes_.clear();
  selected_.clear();
  dataChanged();
}

void SummaryView::trialSuggested(const TrialSpec& trial) {
  live_.trialSuggested(trial);
  dataChanged();  // a new value may widen an axis or add a category
}

void SummaryView::trialStarted(int trial) {
  live_.trialStarted(trial);
  canvas_->update();
  scatter_->update();
}

void SummaryView::addMetrics(int trial, const std::vector<MetricPoint>& points) {
  live_.addMetrics(trial, points);
  canvas_->update();  // coalesced by Qt into the next frame
  scatter_->update();
}

void SummaryView::finishTrial(const TrialSummary& summary) {
  live_.finishTrial(summary);
  dataChanged();
}

void SummaryView::showRun(const RunSummary& summary) {
  live_.show(summary);
  brushes_.clear();
  dataChanged();
}

void SummaryView::showKeptTrials(const RunSummary& previous) {
  for (const TrialSummary& trial : previous.trials)
    if (trial.status == TrialStatus::Finished || trial.status == TrialStatus::Diverged)
      live_.finishTrial(trial);
  dataChanged();
}

void SummaryView::setObjective(const std::optional<StudyObjective>& objective) {
  objective_ = objective;
  dataChanged();
}

void SummaryView::setSelectedTrials(const QSet<int>& trials) {
  if (trials == selected_) return;
  selected_ = trials;
  canvas_->update();
  scatter_->update();
}

RunSummary SummaryView::combined() const {
  return mergedRuns(runs());
}

std::vector<SummaryRun> SummaryView::runs() const {
  return summaryRunsOf(live_.summary());
}

std::vector<std::string> SummaryView::keys() const {
  std::vector<std::string> names;
  for (const SweptKey& key : sweptKeys(combined())) names.push_back(key.key);
  return names;
}

bool SummaryView::historyOffered() const {
  return objective_.has_value() && runs().size() <= 1;  // an overlay's trial numbers collide
}

std::vector<SummaryChoice> SummaryView::choices() const {
  return summaryChoices(combined(), historyOffered());
}

void SummaryView::setChoice(const SummaryChoice& choice) {
  const std::vector<SummaryChoice> offered = choices();
  if (std::find(offered.begin(), offered.end(), choice) == offered.end()) return;
  choice_ = choice;
  updateControls();
  refresh();
}

void SummaryView::setResult(InsightResult result) {
  result_ = result;
  importance_cache_.reset();
  ++revision_;
  const int index = result_box_->findData(static_cast<int>(result));
  if (index >= 0) result_box_->setCurrentIndex(index);
  refresh();
}

void SummaryView::swapHeatmapAxes() {
  heat_swapped_ = !heat_swapped_;
  refresh();
}

void SummaryView::setLogScale(bool log) {
  log_scale_ = log ? 1 : 0;
  refresh();
}

void SummaryView::dataChanged() {
  importance_cache_.reset();
  ++revision_;
  updateChoices();
  refresh();
}

void SummaryView::updateChoices() {
  const std::vector<SummaryChoice> offered = choices();
  const RunSummary all = combined();
  show_->clear();
  for (const SummaryChoice& choice : offered) show_->addItem(summaryChoiceName(choice, all));
  const bool kept =
      chosen_by_person_ && std::find(offered.begin(), offered.end(), choice_) != offered.end();
  if (!kept) choice_ = defaultSummaryChoice(all, historyOffered() && objective_->searched);
  updateControls();
}

void SummaryView::updateControls() {
  const std::vector<SummaryChoice> offered = choices();
  const auto at = std::find(offered.begin(), offered.end(), choice_);
  if (at != offered.end()) show_->setCurrentIndex(static_cast<int>(at - offered.begin()));
  show_->setEnabled(!offered.empty());
  // The history always shows the study's objective, whatever result the other views show.
  result_box_->setEnabled(choice_.kind != SummaryKind::History);
  swap_->setVisible(choice_.kind == SummaryKind::Heatmap);
  bool numeric = false, log_default = false;
  for (const SweptKey& key : sweptKeys(combined()))
    if (key.key == choice_.key) numeric = key.numeric, log_default = key.log_scale;
  log_->setVisible(choice_.kind == SummaryKind::Slice && numeric);
  log_->blockSignals(true);
  log_->setChecked(log_scale_ < 0 ? log_default : log_scale_ > 0);
  log_->blockSignals(false);
  scatter_->setVisible(choice_.kind == SummaryKind::Parallel);
  switch (choice_.kind) {
    case SummaryKind::Slice:
    case SummaryKind::Heatmap:
      hint_->setText(tr("Click a point or cell to select its trials."));
      break;
    case SummaryKind::Parallel:
      hint_->setText(tr("Drag along an axis to brush a range; drag an axis title to move it."));
      break;
    case SummaryKind::Importance:
      hint_->setText({});
      break;
    case SummaryKind::History:
      hint_->setText(tr("Click a point to select its trial."));
      break;
  }
}

}  // namespace sweeplab::ui
