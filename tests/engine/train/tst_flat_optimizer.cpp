// The flat-buffer optimizer must train exactly as LibTorch's Adam, AdamW and SGD do: same
// parameters after many steps from the same start, on a real catalog model.
#include <QtTest>

#include <torch/nn/functional/loss.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>

#include "sweeplab/model_catalog.h"
#include "train/checkpoint.h"
#include "train/flat_optimizer.h"
#include "train/torch_model.h"

using namespace sweeplab;

namespace {

std::unique_ptr<torch::optim::Optimizer> referenceOptimizer(const TrainingSpec& training,
                                                            std::vector<at::Tensor> parameters) {
  const double lr = training.learning_rate;
  switch (training.optimizer) {
    case Optimizer::Adam:
      return std::make_unique<torch::optim::Adam>(
          parameters, torch::optim::AdamOptions(lr).weight_decay(training.weight_decay));
    case Optimizer::AdamW:
      return std::make_unique<torch::optim::AdamW>(
          parameters, torch::optim::AdamWOptions(lr).weight_decay(training.weight_decay));
    case Optimizer::Sgd:
      return std::make_unique<torch::optim::SGD>(parameters,
                                                 torch::optim::SGDOptions(lr)
                                                     .momentum(training.momentum)
                                                     .weight_decay(training.weight_decay));
  }
  return nullptr;
}

torch::nn::Sequential freshModel(const std::string& name) {
  torch::manual_seed(7);
  ModelSpec spec;
  spec.name = name;
  return buildTorchModel(describeModel(spec));
}

}  // namespace

class tst_flat_optimizer : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void matchesLibTorchOptimizers_data() {
    QTest::addColumn<int>("optimizer");
    QTest::addColumn<double>("weightDecay");
    QTest::addColumn<double>("momentum");
    QTest::addColumn<QString>("model");
    // Device scalars: the step count and rate as tensors, as the GPU's captured step needs them.
    QTest::addColumn<bool>("deviceScalars");
    QTest::newRow("adam tiny") << int(Optimizer::Adam) << 0.0 << 0.0 << "jsc-tiny" << false;
    QTest::newRow("adam x10 decay")
        << int(Optimizer::Adam) << 1e-3 << 0.0 << "jsc-tiny-x10" << false;
    QTest::newRow("adamw s") << int(Optimizer::AdamW) << 1e-2 << 0.0 << "jsc-s" << false;
    QTest::newRow("sgd") << int(Optimizer::Sgd) << 0.0 << 0.0 << "jsc-tiny" << false;
    QTest::newRow("sgd momentum decay") << int(Optimizer::Sgd) << 1e-4 << 0.9 << "jsc-toy" << false;
    // Not jsc-s or jsc-toy here: their Linear biases feed batch norm, so their gradients are
    // rounding noise near Adam's epsilon, and a last-bit difference in one step changes the next
    // update by up to the learning rate; both ways of computing are right, neither is stable.
    QTest::newRow("adam tiny, device scalars")
        << int(Optimizer::Adam) << 0.0 << 0.0 << "jsc-tiny" << true;
    QTest::newRow("adam x10 decay, device scalars")
        << int(Optimizer::Adam) << 1e-3 << 0.0 << "jsc-tiny-x10" << true;
    QTest::newRow("adamw tiny, device scalars")
        << int(Optimizer::AdamW) << 1e-2 << 0.0 << "jsc-tiny" << true;
    QTest::newRow("sgd momentum decay, device scalars")
        << int(Optimizer::Sgd) << 1e-4 << 0.9 << "jsc-toy" << true;
  }
  void matchesLibTorchOptimizers() {
    QFETCH(int, optimizer);
    QFETCH(double, weightDecay);
    QFETCH(double, momentum);
    QFETCH(QString, model);
    QFETCH(bool, deviceScalars);
    TrainingSpec training;
    training.optimizer = static_cast<Optimizer>(optimizer);
    training.learning_rate = 1e-2;
    training.weight_decay = weightDecay;
    training.momentum = momentum;

    torch::nn::Sequential reference = freshModel(model.toStdString());
    torch::nn::Sequential flat = freshModel(model.toStdString());
    auto libtorch = referenceOptimizer(training, reference->parameters());
    FlatOptimizer ours(training, flat->parameters());
    if (deviceScalars) ours.keepScalarsOnDevice();

    torch::manual_seed(3);
    const at::Tensor x = torch::randn({64, 16});
    const at::Tensor y = torch::randint(0, 5, {64});
    for (int step = 0; step < 50; ++step) {
      if (step == 25) {  // a schedule changes the rate between epochs
        for (auto& group : libtorch->param_groups()) group.options().set_lr(3e-3);
        ours.setLearningRate(3e-3);
      }
      libtorch->zero_grad();
      torch::nn::functional::cross_entropy(reference->forward(x), y).backward();
      libtorch->step();
      ours.zeroGrad();
      torch::nn::functional::cross_entropy(flat->forward(x), y).backward();
      ours.step();
    }
    const ModelState expected = snapshotState(*reference);
    const ModelState actual = snapshotState(*flat);
    QCOMPARE(actual.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      const double difference = (actual[i] - expected[i]).abs().max().item<double>();
      // float32 bias corrections round in the last bits; the arithmetic is the same.
      const double tolerance = deviceScalars ? 1e-5 : 1e-6;
      QVERIFY2(difference < tolerance,
               qPrintable(QString("tensor %1 differs by %2").arg(i).arg(difference)));
    }
  }

  void parametersStayThoseOfTheModule() {
    TrainingSpec training;
    training.learning_rate = 0.1;
    torch::nn::Sequential model = freshModel("jsc-tiny");
    FlatOptimizer optimizer(training, model->parameters());
    const ModelState before = snapshotState(*model);
    torch::nn::functional::cross_entropy(model->forward(torch::randn({8, 16})),
                                         torch::randint(0, 5, {8}))
        .backward();
    optimizer.step();
    const ModelState after = snapshotState(*model);
    QVERIFY(!after[2].equal(before[2]));  // the Linear weight moved, seen through the module
  }
};

QTEST_GUILESS_MAIN(tst_flat_optimizer)
#include "tst_flat_optimizer.moc"
