// The grouped optimizer's update of each trial must be FlatOptimizer's update of that trial
// alone: each trial with its own learning rate, weight decay and momentum, steps taken by some
// trials and not by others, and a trial given back its own storage keeping its values.
#include <QtTest>

#include <ATen/ATen.h>
#include <c10/core/GradMode.h>

#include "train/flat_optimizer.h"
#include "train/grouped_optimizer.h"

using namespace sweeplab;

namespace {

std::vector<at::Tensor> parametersOf(int seed) {
  at::manual_seed(seed);
  std::vector<at::Tensor> parameters = {at::randn({5, 16}), at::randn({5}), at::randn({16}),
                                        at::randn({3})};
  for (at::Tensor& parameter : parameters) parameter.set_requires_grad(true);
  return parameters;
}

std::vector<at::Tensor> copies(const std::vector<at::Tensor>& parameters) {
  std::vector<at::Tensor> result;
  for (const at::Tensor& parameter : parameters)
    result.push_back(parameter.detach().clone().set_requires_grad(true));
  return result;
}

// The same pseudo-random gradient for both copies of a trial at a step.
void setGradients(const std::vector<at::Tensor>& parameters, int trial, int step) {
  c10::NoGradGuard noGrad;
  at::manual_seed(1000 * trial + step);
  for (const at::Tensor& parameter : parameters)
    parameter.mutable_grad().copy_(at::randn(parameter.sizes()) * 0.1);
}

// Largest difference relative to each tensor's largest magnitude.
double largestDifference(const std::vector<at::Tensor>& a, const std::vector<at::Tensor>& b) {
  double largest = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const at::Tensor x = a[i].detach().to(at::kDouble), y = b[i].detach().to(at::kDouble);
    largest = std::max(largest, ((x - y).abs().max() / x.abs().max()).item<double>());
  }
  return largest;
}

}  // namespace

class tst_grouped_optimizer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void eachTrialIsUpdatedAsAlone_data() {
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<double>("tolerance");
    // SGD: the same fused operations, the same bits. Adam: float32 rounding (see the optimizer).
    QTest::newRow("adam") << static_cast<int>(Optimizer::Adam) << 1e-6;
    QTest::newRow("adamw") << static_cast<int>(Optimizer::AdamW) << 1e-6;
    QTest::newRow("sgd") << static_cast<int>(Optimizer::Sgd) << 0.0;
  }

  void eachTrialIsUpdatedAsAlone() {
    QFETCH(int, optimizer);
    QFETCH(double, tolerance);
    constexpr int kTrials = 3;
    std::vector<TrainingSpec> specs(kTrials);
    std::vector<std::vector<at::Tensor>> alone, group;
    std::vector<std::unique_ptr<FlatOptimizer>> flat;
    for (int t = 0; t < kTrials; ++t) {
      specs[t].optimizer = static_cast<Optimizer>(optimizer);
      specs[t].learning_rate = std::pow(10.0, -1 - t);
      specs[t].weight_decay = t == 0 ? 0.0 : 0.01 * t;
      specs[t].momentum = t == 2 ? 0.0 : 0.9;
      alone.push_back(parametersOf(t));
      group.push_back(copies(alone.back()));
      for (at::Tensor& parameter : alone.back())
        parameter.mutable_grad() = at::zeros_like(parameter);
      flat.push_back(std::make_unique<FlatOptimizer>(specs[t], alone.back()));
    }
    GroupedOptimizer grouped(static_cast<Optimizer>(optimizer), group,
                             {&specs[0], &specs[1], &specs[2]});
    for (int step = 0; step < 20; ++step) {
      // Trial 1 sits out every third step, as a trial that left its epoch would.
      std::vector<int> stepping;
      for (int t = 0; t < kTrials; ++t) {
        if (t == 1 && step % 3 == 2) continue;
        stepping.push_back(t);
        const double lr = specs[t].learning_rate * (1 + 0.1 * step);
        flat[t]->setLearningRate(lr);
        grouped.setLearningRate(t, lr);
        setGradients(alone[t], t, step);
        setGradients(group[t], t, step);
        flat[t]->step();
      }
      grouped.step(stepping);
    }
    for (int t = 0; t < kTrials; ++t) {
      const double difference = largestDifference(group[t], alone[t]);
      qInfo("trial %d: within %.2g of FlatOptimizer", t, difference);
      QVERIFY2(difference <= tolerance, qPrintable(QString::number(difference)));
    }
    GroupedOptimizer::release(group[0]);
    QVERIFY(largestDifference(group[0], alone[0]) <= tolerance);
    QCOMPARE(group[0][0].storage().nbytes(), size_t{5 * 16 * sizeof(float)});
  }
};

QTEST_GUILESS_MAIN(tst_grouped_optimizer)
#include "tst_grouped_optimizer.moc"
