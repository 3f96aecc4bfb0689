#include "form/cost_preview.h"

#include <QLocale>
#include <QMetaObject>

#include "sweeplab/errors.h"

namespace sweeplab::ui {
namespace {

constexpr int kTypingPauseMs = 400;
constexpr double kLongStudySeconds = 3600;

QString steps(long long count) {
  return QLocale(QLocale::English).toString(count);
}

QString duration(double seconds) {
  return QString::fromStdString(formatEstimatedDuration(seconds));
}

// "6–35 s", "40 s–3 min": the unit once where both ends share it.
QString durationRange(double low, double high) {
  const QString from = duration(low), to = duration(high);
  const int space = from.lastIndexOf(' ');
  if (!from.contains('h') && space > 0 && to.endsWith(from.mid(space)) && !to.contains('h'))
    return from.left(space) + QStringLiteral("–") + to;
  return from + QStringLiteral("–") + to;
}

QString trialsText(long long count) {
  return count == 1 ? CostPreview::tr("1 trial") : CostPreview::tr("%1 trials").arg(count);
}

}  // namespace

CostPreview::CostPreview(QWidget* parent) : QLabel(parent) {
  setObjectName(QStringLiteral("costPreview"));
  setStyleSheet(QStringLiteral("padding: 2px 6px;"));
  setTextInteractionFlags(Qt::TextSelectableByMouse);
  delay_.setSingleShot(true);
  delay_.setInterval(kTypingPauseMs);
  connect(&delay_, &QTimer::timeout, this, &CostPreview::startWorker);
  hide();
}

CostPreview::~CostPreview() {
  cancel_ = true;
  joinWorker();
}

QString CostPreview::summaryText(const CostEstimate& estimate) {
  const QString trials = trialsText(static_cast<long long>(estimate.trials.size()));
  const QString upTo = estimate.early_stopping ? tr("at most ") : QString();
  if (estimate.pruning)
    return tr("%1 · %2%3–%4 steps · about %5 on this machine, depending on how many are pruned")
        .arg(trials, upTo, steps(estimate.min_steps), steps(estimate.steps),
             durationRange(estimate.min_wall_seconds, estimate.wall_seconds));
  return tr("%1 · %2%3 steps · about %4 on this machine")
      .arg(trials, upTo, steps(estimate.steps), duration(estimate.wall_seconds));
}

void CostPreview::setSpec(const ExperimentSpec& spec, int trials) {
  ++generation_;
  estimate_.reset();
  spec_ = spec;
  trials_ = trials;
  if (worker_running_) {
    cancel_ = true;  // the worker stops at its next timing; finished() starts the new one
    restart_ = true;
  }
  if (trials < 0) {
    delay_.stop();
    hide();
    return;
  }
  setText(tr("%1 · estimating the time…").arg(trialsText(trials)));
  setToolTip(QString());
  show();
  if (!paused_) delay_.start();
}

void CostPreview::setPaused(bool paused) {
  paused_ = paused;
  if (paused) {
    delay_.stop();
    if (worker_running_) {
      cancel_ = true;
      restart_ = true;
    }
  } else if (trials_ >= 0 && !estimate_) {
    delay_.start();
  }
}

void CostPreview::startWorker() {
  if (paused_ || trials_ < 0) return;
  if (worker_running_) {
    restart_ = true;
    return;
  }
  joinWorker();  // the last one has ended; release its thread
  if (!estimator_) estimator_ = std::make_unique<CostEstimator>(options_);
  estimator_->options() = options_;
  estimator_->options().cancel = &cancel_;
  cancel_ = false;
  restart_ = false;
  worker_running_ = true;
  const std::uint64_t generation = generation_;
  worker_ = std::thread([this, generation, spec = spec_] {
    std::optional<CostEstimate> estimate;
    QString problem;
    try {
      estimate = estimator_->estimate(spec);
    } catch (const EstimateCancelled&) {
      problem = QStringLiteral("cancelled");
    } catch (const std::exception& e) {
      problem = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(
        this,
        [this, generation, estimate = std::move(estimate), problem] {
          finished(generation, estimate, problem);
        },
        Qt::QueuedConnection);
  });
}

void CostPreview::finished(std::uint64_t generation, std::optional<CostEstimate> estimate,
                           QString problem) {
  worker_running_ = false;
  joinWorker();
  if (generation != generation_ || restart_) {
    if (!paused_ && trials_ >= 0) startWorker();
    return;
  }
  if (estimate) {
    estimate_ = std::move(estimate);
    setText(summaryText(*estimate_));
    QString details = tr("From timing real training steps of each model and batch size on "
                         "this machine (%1), with %2 side by side.")
                          .arg(QString::fromStdString(estimate_->machine))
                          .arg(estimate_->workers);
    if (estimate_->cpu_share < 1)
      details += tr("\nThe machine is busy: with nothing else running, about %1.")
                     .arg(duration(estimate_->quiet_wall_seconds));
    if (estimate_->early_stopping)
      details += tr("\nEarly stopping may end trials sooner: the figures are upper bounds.");
    if (estimate_->drawn_for_tpe)
      details +=
          tr("\nTPE suggests trials as results come in: random draws from the same "
             "distributions stand for them.");
    setToolTip(details);
  } else {
    setText(tr("%1 · the time cannot be estimated: %2").arg(trialsText(trials_), problem));
  }
  Q_EMIT estimated();
}

QString longStudyQuestion(const std::optional<CostEstimate>& estimate) {
  if (!estimate || estimate->wall_seconds <= kLongStudySeconds) return {};
  return CostPreview::tr(
             "“%1” is estimated to take about %2 on this machine (%3, %4 optimizer "
             "steps). Start it?")
      .arg(QString::fromStdString(estimate->study), duration(estimate->wall_seconds),
           trialsText(static_cast<long long>(estimate->trials.size())), steps(estimate->steps));
}

void CostPreview::joinWorker() {
  if (worker_.joinable()) worker_.join();
}

}  // namespace sweeplab::ui
