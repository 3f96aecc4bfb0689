// The Summary view's figures and the pointer on them: clicks select the trials under the
// pointer, drags along a parallel-coordinate axis brush a range, drags of an axis title move it.
#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPointer>
#include <QThreadPool>
#include <algorithm>
#include <cmath>

#include "insight/summary_axes.h"
#include "insight/summary_canvas.h"
#include "insight/summary_view.h"

namespace sweeplab::ui {

SliceFigure SummaryView::slice(const std::string& key) const {
  return sliceFigure(runs(), key, result_, log_scale_);
}

HeatmapFigure SummaryView::heatmap() const {
  const std::vector<std::string> names = keys();
  if (names.size() < 2) return {};
  const std::string& x = heat_swapped_ ? names[1] : names[0];
  const std::string& y = heat_swapped_ ? names[0] : names[1];
  return heatmapFigure(combined(), x, y, result_);
}

ParallelFigure SummaryView::parallel() const {
  return parallelFigure(combined(), result_, parallel_order_);
}

ImportanceFigure SummaryView::importance() const {
  if (!importance_cache_) importance_cache_ = importanceFigure(combined(), result_);
  return *importance_cache_;
}

HistoryFigure SummaryView::history() const {
  if (!objective_) return {};
  return historyFigure(combined(), *objective_);
}

QString SummaryView::figureTitle() const {
  if (choice_.kind == SummaryKind::History && objective_) return historyFigureTitle(*objective_);
  return summaryFigureTitle(choice_, result_, combined(), heat_swapped_);
}

namespace {

// The scatter beside the parallel coordinates: the result against each swept key, stacked.
void paintScatters(QPainter& painter, const QSizeF& size, const SummaryView& view,
                   const QSet<int>& selected, SummaryHits* hits) {
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  std::vector<std::string> names;
  for (const ParallelAxis& axis : view.parallel().axes)
    if (!axis.key.empty()) names.push_back(axis.key);
  if (names.empty()) return;
  // One title for the column: the result each small chart shows against its key.
  const SummaryStyle style = summaryStyleFor(size);
  const double top = drawTitle(painter, style, QSizeF(size.width(), style.base * 2.2),
                               QString::fromStdString(resultTitle(view.result())));
  const double height = (size.height() - top) / names.size();
  for (std::size_t i = 0; i < names.size(); ++i) {
    SliceLook look;
    look.legend = false;
    look.wallChart = false;
    look.yTitle = false;
    SummaryHits own;
    painter.save();
    painter.translate(0, top + i * height);
    paintSliceFigure(painter, QSizeF(size.width(), height), view.slice(names[i]), look, selected,
                     hits ? &own : nullptr);
    painter.restore();
    if (hits)
      for (HitArea& area : own.areas) {
        area.shape.translate(0, top + i * height);
        hits->areas.push_back(std::move(area));
      }
  }
}

}  // namespace

void SummaryView::paintView(QPainter& painter, const QSizeF& size, const QSet<int>& selected,
                            const std::vector<AxisBrush>& brushes, SummaryHits* hits) const {
  const QString title = figureTitle();
  switch (choice_.kind) {
    case SummaryKind::Slice:
      paintSliceFigure(painter, size, slice(choice_.key), {title, true, true, true}, selected,
                       hits);
      break;
    case SummaryKind::Heatmap:
      paintHeatmapFigure(painter, size, heatmap(), title, selected, hits);
      break;
    case SummaryKind::Parallel:
      paintParallelFigure(painter, size, parallel(), title, brushes, selected, hits);
      break;
    case SummaryKind::History:
      paintHistoryFigure(painter, size, history(), title, selected, hits);
      break;
    case SummaryKind::Importance:
      if (!hits) {  // a figure for a file: fitted now, whatever it costs
        paintImportanceFigure(painter, size, importance(), title);
      } else if (importance_cache_) {
        paintImportanceFigure(painter, size, *importance_cache_, title);
      } else {
        fitImportanceInBackground();
        ImportanceFigure waiting;
        waiting.result = result_;
        waiting.fitting = true;
        paintImportanceFigure(painter, size, waiting, title);
      }
      break;
  }
}

void SummaryView::fitImportanceInBackground() const {
  if (fitting_) return;
  fitting_ = true;
  const int revision = revision_;
  QThreadPool::globalInstance()->start(
      [summary = combined(), result = result_, revision, view = QPointer<const SummaryView>(this)] {
        ImportanceFigure figure = importanceFigure(summary, result);
        // Delivered on the GUI thread, where the pointer is read; a closed view is skipped.
        QMetaObject::invokeMethod(
            qApp,
            [figure = std::move(figure), revision, view] {
              if (!view) return;
              view->fitting_ = false;
              if (revision == view->revision_) view->importance_cache_ = figure;
              view->canvas_->update();  // shows the fit, or starts one for the newer data
            },
            Qt::QueuedConnection);
      });
}

void SummaryView::paintShown(QPainter& painter, const QSizeF& size) const {
  paintView(painter, size, {}, brushes_, nullptr);
}

void SummaryView::refresh() {
  if (keys().empty()) {
    canvas_->setPaint([](QPainter& painter, const QSizeF& size, SummaryHits*) {
      painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
      painter.setPen(QColor(0x56, 0x60, 0x70));
      painter.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap,
                       tr("The Summary shows results against the swept keys: run or reopen a "
                          "sweep."));
    });
    scatter_->setPaint({});
    return;
  }
  canvas_->setPaint([this](QPainter& painter, const QSizeF& size, SummaryHits* hits) {
    std::vector<AxisBrush> shown = brushes_;
    if (dragging_brush_) {  // the range being dragged replaces its axis' brush while it moves
      shown.erase(
          std::remove_if(shown.begin(), shown.end(),
                         [this](const AxisBrush& b) { return b.axis == dragging_brush_->axis; }),
          shown.end());
      shown.push_back(*dragging_brush_);
    }
    paintView(painter, size, selected_, shown, hits);
  });
  scatter_->setPaint([this](QPainter& painter, const QSizeF& size, SummaryHits* hits) {
    paintScatters(painter, size, *this, selected_, hits);
  });
}

void SummaryView::select(const std::vector<int>& trials) {
  selected_ = QSet<int>(trials.begin(), trials.end());
  canvas_->update();
  scatter_->update();
  Q_EMIT trialsSelected(selected_);
}

void SummaryView::canvasClicked(const QPointF& point, const std::vector<int>& trials) {
  if (choice_.kind == SummaryKind::Parallel && sender() == canvas_) {
    // A click on a brushed axis removes its brush (lines end on the axes: they come second).
    const ParallelLayout layout =
        parallelLayout(QSizeF(canvas_->size()), parallel(), figureTitle());
    for (const AxisBrush& brush : brushes_)
      if (brush.axis < static_cast<int>(layout.axisX.size()) &&
          std::abs(point.x() - layout.axisX[brush.axis]) < 8)
        return brushAxis(brush.axis, 0, 0);
  }
  select(trials);
}

void SummaryView::brushAxis(int axis, double low, double high) {
  if (low > high) std::swap(low, high);
  brushes_.erase(std::remove_if(brushes_.begin(), brushes_.end(),
                                [axis](const AxisBrush& b) { return b.axis == axis; }),
                 brushes_.end());
  if (high - low > 1e-6) brushes_.push_back({axis, std::clamp(low, 0.0, 1.0), std::min(high, 1.0)});
  if (brushes_.empty())
    select({});
  else
    select(trialsInBrushes(parallel(), brushes_));
}

void SummaryView::clearBrushes() {
  brushes_.clear();
  select({});
}

std::vector<std::string> SummaryView::parallelOrder() const {
  std::vector<std::string> order;
  for (const ParallelAxis& axis : parallel().axes)
    if (!axis.key.empty()) order.push_back(axis.key);
  return order;
}

void SummaryView::setParallelOrder(const std::vector<std::string>& keys) {
  parallel_order_ = keys;
  brushes_.clear();  // brushes belong to axis positions, which just moved
  canvas_->update();
  scatter_->update();
}

void SummaryView::canvasDragged(const QPointF& from, const QPointF& to, bool finished) {
  if (choice_.kind != SummaryKind::Parallel) return;
  const ParallelFigure figure = parallel();
  const ParallelLayout layout = parallelLayout(QSizeF(canvas_->size()), figure, figureTitle());
  int axis = -1;
  double nearest = 24;  // pixels: how close to an axis a drag must start
  for (std::size_t i = 0; i < layout.axisX.size(); ++i)
    if (std::abs(from.x() - layout.axisX[i]) < nearest)
      nearest = std::abs(from.x() - layout.axisX[i]), axis = static_cast<int>(i);
  if (axis < 0) return;
  const int key_axes = static_cast<int>(figure.axes.size()) - 1;
  if (from.y() < layout.top) {  // on the title: move the axis
    if (!finished || axis >= key_axes) return;
    int target = 0;
    for (int i = 0; i < key_axes; ++i)
      if (std::abs(to.x() - layout.axisX[i]) < std::abs(to.x() - layout.axisX[target])) target = i;
    std::vector<std::string> order = parallelOrder();
    const std::string moved = order.at(axis);
    order.erase(order.begin() + axis);
    order.insert(order.begin() + target, moved);
    setParallelOrder(order);
    return;
  }
  const double a = std::clamp(layout.position(from.y()), 0.0, 1.0);
  const double b = std::clamp(layout.position(to.y()), 0.0, 1.0);
  if (!finished) {
    dragging_brush_ = AxisBrush{axis, std::min(a, b), std::max(a, b)};
    canvas_->update();
    return;
  }
  dragging_brush_.reset();
  brushAxis(axis, std::min(a, b), std::max(a, b));
}

}  // namespace sweeplab::ui
