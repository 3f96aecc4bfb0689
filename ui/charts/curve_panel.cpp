// Live training and validation curves: raw points kept per trial, drawn decimated at most
// ~30 times a second with QXYSeries::replace().
#include "charts/curve_panel.h"

#include <QFontInfo>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include "charts/curve_panel_impl.h"

namespace sweeplab::ui {
namespace {

QLabel* createTrainingHint(CurveChartView* view) {
  auto* hint = new QLabel(QObject::tr("No training step logged yet: one is logged every\n"
                                      "\"Log every (steps)\" steps (Training tab)."),
                          view->viewport());
  hint->setObjectName(QStringLiteral("trainingHint"));
  hint->setAlignment(Qt::AlignCenter);
  hint->setStyleSheet(QStringLiteral("QLabel { color: #606060; background: transparent; }"));
  hint->setAttribute(Qt::WA_TransparentForMouseEvents);  // the chart keeps its zoom gestures
  hint->setVisible(false);
  auto* layout = new QVBoxLayout(view->viewport());
  layout->addWidget(hint, 0, Qt::AlignCenter);
  return hint;
}

}  // namespace

CurvePanel::CurvePanel(QWidget* parent) : QWidget(parent), impl_(std::make_unique<Impl>(this)) {
  impl_->fonts = chartFontsForPixelSize(std::max(11, QFontInfo(font()).pixelSize()));
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->setSpacing(2);
  impl_->note = new QLabel(this);
  impl_->note->setObjectName(QStringLiteral("comparisonNote"));
  impl_->note->setWordWrap(true);
  impl_->note->setStyleSheet(QStringLiteral(
      "QLabel { background: #fff4d6; border: 1px solid #e0b84c; padding: 3px 6px; }"));
  impl_->note->setVisible(false);
  outer->addWidget(impl_->note);
  auto* layout = new QHBoxLayout;
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  outer->addLayout(layout, 1);
  for (int chart = 0; chart < 2; ++chart) {
    QChart* qchart = createCurveChart(impl_->fonts);
    qchart->setMargins(QMargins(4, 4, 4, 4));
    qchart->legend()->setVisible(chart == Impl::kValidationChart);
    qchart->legend()->setAlignment(Qt::AlignRight);
    qchart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    auto* view = new CurveChartView(qchart, this);
    view->setObjectName(chart == Impl::kTrainingChart ? QStringLiteral("trainingChart")
                                                      : QStringLiteral("validationChart"));
    view->setMinimumSize(280, 220);
    layout->addWidget(view, 1);
    impl_->charts[static_cast<size_t>(chart)] = qchart;
    impl_->views[static_cast<size_t>(chart)] = view;
    connect(xAxisOf(qchart), &QValueAxis::rangeChanged, this,
            [this, chart] { impl_->handleRangeChanged(chart); });
    connect(view, &CurveChartView::zoomResetRequested, this, &CurvePanel::resetZoom);
    impl_->trackers[static_cast<size_t>(chart)] = std::make_unique<CurveTracker>(qchart);
    connect(view, &CurveChartView::pointerMoved, this,
            [this, chart](const QPointF& at) { impl_->trackPointer(chart, at); });
    connect(view, &CurveChartView::pointerLeft, this, [this, chart] { impl_->leavePlot(chart); });
    // A wider plot can show more points; refresh when the layout changes its size.
    connect(qchart, &QChart::plotAreaChanged, this, [this] { impl_->schedule(); });
  }
  impl_->trainingHint = createTrainingHint(impl_->views[Impl::kTrainingChart]);
  impl_->applyYAxes();
  impl_->updateTitles();
  impl_->refreshTimer.setSingleShot(true);
  impl_->refreshTimer.setInterval(Impl::kRefreshIntervalMs);
  connect(&impl_->refreshTimer, &QTimer::timeout, this, [this] { impl_->refresh(); });
  impl_->settleTimer.setSingleShot(true);
  impl_->settleTimer.setInterval(Impl::kSettleIntervalMs);
  connect(&impl_->settleTimer, &QTimer::timeout, this, [this] { impl_->settle(); });
}

CurvePanel::~CurvePanel() = default;

void CurvePanel::setTrials(const std::vector<TrialDisplay>& given) {
  impl_->removeAllSeries();
  QStringList labels;
  for (const TrialDisplay& display : given) labels << display.label;
  impl_->styles = trialStyles(labels);
  std::vector<TrialDisplay> trials = given;
  std::map<int, QString> labelOf;
  for (TrialDisplay& display : trials) {
    labelOf[display.trial] = display.label;
    if (!impl_->styles.grid) continue;
    display.color = impl_->styles.color(display.label);
    display.lineStyle = impl_->styles.lineStyle(display.label);
  }
  const bool withSeries = trials.size() <= static_cast<size_t>(Impl::kEagerSeriesLimit);
  for (const TrialDisplay& display : trials) impl_->addTrial(display, false, withSeries);
  impl_->bands.setTrials(impl_->charts, trials);
  impl_->gridLegend.setTrials(impl_->charts[Impl::kValidationChart], impl_->styles, labelOf);
  impl_->connectGridLegend();
  impl_->syncLegend();
  Q_EMIT repeatBandsAvailable(impl_->bands.hasBands());
  resetZoom();
}

void CurvePanel::appendPoints(int trial, const std::vector<sweeplab::MetricPoint>& points) {
  impl_->noteStreaming();
  impl_->trialFor(trial);
  impl_->model.append(trial, points);
  impl_->schedule();
}

void CurvePanel::setTrialLabel(int trial, const QString& label) {
  const auto it = impl_->trials.find(trial);
  if (it == impl_->trials.end() || it->second.display.label == label) return;
  TrialCurves& curves = it->second;
  curves.display.label = label;
  if (curves.hasSeries()) {
    // The legend reads the line's name; the other series carry it for tests and accessibility.
    const QString name = impl_->styles.legendText(label);
    for (ChartCurve& curve : curves.charts) {
      curve.raw->setName(name);
      curve.line->setName(name);
      curve.failure->setName(name);
      if (curve.pruned) curve.pruned->setName(name);
    }
  }
  impl_->syncLegend();
}

void CurvePanel::setTrialStatus(int trial, sweeplab::TrialStatus status) {
  impl_->trialFor(trial);
  impl_->model.setStatus(trial, status);
  impl_->schedule();
}

void CurvePanel::highlightTrials(const QSet<int>& trials) {
  impl_->highlighted = trials;
  for (auto& [index, trial] : impl_->trials) impl_->applyStyle(trial);
  impl_->syncLegend();
}

void CurvePanel::clear() {
  impl_->removeAllSeries();
  impl_->highlighted.clear();
  resetZoom();
}

void CurvePanel::setXAxis(XAxisKind kind) {
  impl_->chosenX = kind;
  showXAxis(kind);
}

void CurvePanel::setPreferredXAxis(XAxisKind kind) {
  impl_->preferredX = kind;
  if (!impl_->chosenX) showXAxis(kind);
}

XAxisKind CurvePanel::xAxis() const {
  return impl_->model.xAxis();
}

void CurvePanel::showXAxis(XAxisKind kind) {
  if (kind == impl_->model.xAxis()) return;
  impl_->model.setXAxis(kind);
  impl_->updateTitles();
  resetZoom();
  Q_EMIT xAxisChanged(kind);
}

void CurvePanel::setMetric(MetricKind kind) {
  if (kind == impl_->model.metric()) return;
  impl_->model.setMetric(kind);
  impl_->applyYAxes();
  impl_->updateTitles();
  resetZoom();
}

void CurvePanel::setSmoothing(double weight) {
  const double before = impl_->model.smoothing();
  impl_->model.setSmoothing(weight);
  if (impl_->model.smoothing() != before) impl_->schedule();
}

void CurvePanel::setRepeatView(RepeatView view) {
  if (view == impl_->repeatView) return;
  impl_->repeatView = view;
  for (auto& [index, trial] : impl_->trials) impl_->applyVisibility(trial);
  impl_->syncLegend();
  impl_->model.markAllDirty();
  impl_->schedule();
}

void CurvePanel::setLogScale(bool on) {
  if (on == impl_->model.logScale()) return;
  impl_->model.setLogScale(on);
  impl_->applyYAxes();
  impl_->updateTitles();
  resetZoom();
}

bool CurvePanel::logScale() const {
  return impl_->model.logScale();
}

RepeatView CurvePanel::repeatView() const {
  return impl_->repeatView;
}

bool CurvePanel::hasRepeatBands() const {
  return impl_->bands.hasBands();
}

void CurvePanel::setNote(const QString& text) {
  impl_->note->setText(text);
  impl_->note->setVisible(!text.isEmpty());
}

QString CurvePanel::note() const {
  return impl_->note->text();
}

int CurvePanel::pointCount(int chart, int trial) const {
  const TrialCurveData* data = impl_->model.find(trial);
  if (!data || chart < 0 || chart > 1) return 0;
  return static_cast<int>(data->stored[static_cast<size_t>(impl_->model.metricSlot(chart))].size());
}

int CurvePanel::seriesCount(int chart) const {
  return chart < 0 || chart > 1 ? 0 : static_cast<int>(impl_->trials.size());
}

int CurvePanel::displayedPointCount(int chart, int trial) const {
  auto it = impl_->trials.find(trial);
  if (it == impl_->trials.end() || chart < 0 || chart > 1 || !it->second.hasSeries()) return 0;
  return it->second.charts[static_cast<size_t>(chart)].line->count();
}

bool CurvePanel::isTrialShown(int trial) const {
  return impl_->isShown(trial);
}

void CurvePanel::setTrialShown(int trial, bool shown) {
  auto it = impl_->trials.find(trial);
  if (it == impl_->trials.end() || !impl_->model.setShown(trial, shown)) return;
  impl_->applyVisibility(it->second);
  impl_->syncLegend();
  impl_->schedule();
  Q_EMIT trialShownChanged(trial, shown);
}

void CurvePanel::resetZoom() {
  impl_->applyingRange = true;
  for (QChart* chart : impl_->charts) chart->zoomReset();
  impl_->applyingRange = false;
  impl_->zoomed = {false, false};
  impl_->refit = {true, true};
  impl_->model.markAllDirty();
  impl_->refreshAll();
}

void CurvePanel::refreshNow() {
  impl_->refreshAll();
}

QString CurvePanel::trackerText(int chart) const {
  if (chart < 0 || chart > 1) return {};
  return impl_->trackers[static_cast<size_t>(chart)]->text();
}

FigureData CurvePanel::figureData() const {
  const CurveFigureModel& model = impl_->model;
  FigureData figure;
  for (int chart = model.singleChart() ? 1 : 0; chart < 2; ++chart) {
    FigureChart data{chartTitle(chart, model.metric()),
                     xAxisTitle(model.xAxis()),
                     yAxisTitle(model.metric()),
                     model.metric() == MetricKind::Accuracy,
                     {}};
    for (const auto& [index, trial] : impl_->trials) {
      const TrialCurveData* numbers = model.find(index);
      if (!numbers || !numbers->shown) continue;
      FigureCurve curve{index,
                        trial.display.label,
                        trial.display.color,
                        model.figurePoints(chart, index),
                        endsInFailure(numbers->status),
                        endsPruned(numbers->status),
                        trial.display.lineStyle,
                        prunedAtEpochText(model.prunedEpoch(index))};
      data.curves.push_back(std::move(curve));
    }
    data.smoothing = model.smoothingOf(chart);
    data.logY = model.logY();
    figure.charts.push_back(std::move(data));
  }
  return figure;
}

}  // namespace sweeplab::ui
