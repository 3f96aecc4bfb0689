// Choices are remembered, so the window opens the way it was left; until a person makes one,
// the curves start smoothed (kDefaultSmoothing) on the x axis the run reads best on.
#include "curve_controls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>

#include "charts/curve_panel.h"

namespace sweeplab::ui {

CurveControls::CurveControls(CurvePanel* panel, QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 2, 6, 2);
  QSettings settings;

  auto* metric = new QComboBox(this);
  metric->addItem(tr("Accuracy"), static_cast<int>(MetricKind::Accuracy));
  metric->addItem(tr("Loss"), static_cast<int>(MetricKind::Loss));
  metric->addItem(tr("Learning rate"), static_cast<int>(MetricKind::LearningRate));
  metric->setObjectName(QStringLiteral("metric"));
  metric->setToolTip(
      tr("What the two charts show for training (left) and validation (right); the learning "
         "rate, the schedule each trial trained with, in one chart"));
  // Losses span decades (a diverging trial's next to a converged one's): a log axis keeps the
  // small ones apart. Accuracy and the learning rate stay linear.
  auto* log_scale = new QCheckBox(tr("Log scale"), this);
  log_scale->setObjectName(QStringLiteral("logScale"));
  log_scale->setToolTip(tr("A logarithmic y axis for the loss charts"));
  auto* x_axis = new QComboBox(this);
  x_axis->setObjectName(QStringLiteral("xAxis"));
  x_axis->addItem(tr("Step"), static_cast<int>(XAxisKind::Step));
  x_axis->addItem(tr("Epoch"), static_cast<int>(XAxisKind::Epoch));
  x_axis->addItem(tr("Samples seen"), static_cast<int>(XAxisKind::SamplesSeen));
  x_axis->addItem(tr("Wall time"), static_cast<int>(XAxisKind::WallTime));
  x_axis->setToolTip(
      tr("Compare trials of different batch sizes by epoch, samples seen or time. Until you "
         "choose, a sweep of the batch size starts on epochs, others on steps"));
  auto* smoothing = new QSlider(Qt::Horizontal, this);
  smoothing->setRange(0, 99);
  smoothing->setFixedWidth(120);
  smoothing->setObjectName(QStringLiteral("smoothing"));
  smoothing->setToolTip(
      tr("Exponential smoothing of the training lines, TensorBoard's (0.60 until you choose); "
         "the raw values stay faint"));
  // The weight as TensorBoard shows it, so a figure's smoothing can be named in a caption.
  auto* smoothing_value = new QLabel(this);
  smoothing_value->setObjectName(QStringLiteral("smoothingValue"));
  smoothing_value->setMinimumWidth(smoothing_value->fontMetrics().horizontalAdvance("0.00 "));
  smoothing_value->setToolTip(smoothing->toolTip());
  auto* repeats = new QComboBox(this);
  repeats->setObjectName(QStringLiteral("repeatView"));
  repeats->addItem(tr("Each seed"), static_cast<int>(RepeatView::Lines));
  repeats->addItem(tr("Mean ± std"), static_cast<int>(RepeatView::MeanStd));
  repeats->addItem(tr("Mean, min–max"), static_cast<int>(RepeatView::MeanMinMax));
  repeats->setToolTip(
      tr("With seed repeats: one line per seed, or per grid point the mean with a band of one "
         "standard deviation or of the lowest and highest seed"));
  auto* repeats_label = new QLabel(tr("Repeats"), this);
  auto* reset = new QToolButton(this);
  reset->setText(tr("Reset Zoom"));
  reset->setToolTip(tr("Show all points again after zooming with the mouse"));

  layout->addWidget(new QLabel(tr("Metric"), this));
  layout->addWidget(metric);
  layout->addWidget(log_scale);
  layout->addSpacing(12);
  layout->addWidget(new QLabel(tr("X axis"), this));
  layout->addWidget(x_axis);
  layout->addSpacing(12);
  layout->addWidget(new QLabel(tr("Smoothing"), this));
  layout->addWidget(smoothing);
  layout->addWidget(smoothing_value);
  layout->addSpacing(12);
  layout->addWidget(repeats_label);
  layout->addWidget(repeats);
  layout->addStretch(1);
  layout->addWidget(reset);

  const auto offerLogScale = [metric, log_scale] {
    log_scale->setEnabled(static_cast<MetricKind>(metric->currentData().toInt()) ==
                          MetricKind::Loss);
  };
  const auto showWeight = [smoothing_value](int value) {
    smoothing_value->setText(QString::number(value / 100.0, 'f', 2));
  };
  const auto showXAxis = [x_axis](XAxisKind kind) {
    const QSignalBlocker quiet(x_axis);  // the panel's own change is not a person's choice
    x_axis->setCurrentIndex(x_axis->findData(static_cast<int>(kind)));
  };

  // Restored before the handlers below are connected, which store only what a person changes:
  // a key in the settings is always a choice (this was so before as well, since restoring an
  // unchanged control emitted nothing), and without one the default shows.
  metric->setCurrentIndex(settings.value("curves/metric", 0).toInt());
  log_scale->setChecked(settings.value("curves/logY", false).toBool());
  // Without a choice the panel starts each run on the x axis it reads best on.
  if (settings.contains("curves/xAxis")) {
    x_axis->setCurrentIndex(settings.value("curves/xAxis").toInt());
    panel->setXAxis(static_cast<XAxisKind>(x_axis->currentData().toInt()));
  }
  showXAxis(panel->xAxis());
  smoothing->setValue(settings.value("curves/smoothing", qRound(kDefaultSmoothing * 100)).toInt());
  repeats->setCurrentIndex(settings.value("curves/repeats", 1).toInt());
  panel->setMetric(static_cast<MetricKind>(metric->currentData().toInt()));
  panel->setLogScale(log_scale->isChecked());
  panel->setSmoothing(smoothing->value() / 100.0);
  panel->setRepeatView(static_cast<RepeatView>(repeats->currentData().toInt()));
  offerLogScale();
  showWeight(smoothing->value());

  connect(metric, &QComboBox::currentIndexChanged, this, [panel, metric, offerLogScale] {
    panel->setMetric(static_cast<MetricKind>(metric->currentData().toInt()));
    QSettings().setValue("curves/metric", metric->currentIndex());
    offerLogScale();
  });
  connect(log_scale, &QCheckBox::toggled, this, [panel](bool on) {
    panel->setLogScale(on);
    QSettings().setValue("curves/logY", on);
  });
  connect(x_axis, &QComboBox::currentIndexChanged, this, [panel, x_axis] {
    panel->setXAxis(static_cast<XAxisKind>(x_axis->currentData().toInt()));
    QSettings().setValue("curves/xAxis", x_axis->currentIndex());
  });
  connect(panel, &CurvePanel::xAxisChanged, this, showXAxis);
  connect(smoothing, &QSlider::valueChanged, this, [panel, showWeight](int value) {
    panel->setSmoothing(value / 100.0);
    showWeight(value);
    QSettings().setValue("curves/smoothing", value);
  });
  connect(repeats, &QComboBox::currentIndexChanged, this, [panel, repeats] {
    panel->setRepeatView(static_cast<RepeatView>(repeats->currentData().toInt()));
    QSettings().setValue("curves/repeats", repeats->currentIndex());
  });
  // Offered only while the shown run has seed repeats to fold into bands.
  const auto offer = [repeats, repeats_label](bool available) {
    repeats->setVisible(available);
    repeats_label->setVisible(available);
  };
  connect(panel, &CurvePanel::repeatBandsAvailable, this, offer);
  offer(panel->hasRepeatBands());
  connect(reset, &QToolButton::clicked, panel, &CurvePanel::resetZoom);
}

}  // namespace sweeplab::ui
