// The CPU MLP kernel must compute what LibTorch's forward, cross_entropy and backward compute:
// the same loss, logits, gradients and batch norm running statistics for every catalog network
// and every activation, at batch sizes that do and do not fill whole vector registers; and it
// must leave alone the models it cannot train exactly (Dropout).
#include <QtTest>

#include <torch/nn/functional/loss.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>
#include <torch/utils.h>

#include <map>

#include "sweeplab/model_catalog.h"
#include "train/checkpoint.h"
#include "train/cpu_mlp_step.h"
#include "train/flat_optimizer.h"
#include "train/torch_model.h"

using namespace sweeplab;

namespace {

// Catalog names, or "mlp-<activation>[-nobn]" for a free-form MLP with hidden layers 12 and 7.
ModelSpec modelSpec(const QString& name) {
  ModelSpec spec;
  if (!name.startsWith("mlp-")) {
    spec.name = name.toStdString();
    return spec;
  }
  spec.name = "mlp";
  spec.hidden = {12, 7};
  const QStringList parts = name.split('-');
  spec.activation = parts.at(1).toStdString();
  spec.batch_norm = !parts.contains("nobn");
  return spec;
}

// The same model three times: LibTorch's float32 reference, the kernel's copy and a float64 twin
// that gives the exact values. Parameters and running statistics are not the
// fresh defaults (gamma 1, beta 0, mean 0, var 1 would hide mistakes in their use).
struct Triplet {
  torch::nn::Sequential reference, copy, exact;
};

Triplet tripletModels(const std::function<torch::nn::Sequential()>& build) {
  torch::manual_seed(11);
  torch::nn::Sequential reference = build();
  {
    c10::NoGradGuard noGrad;
    for (at::Tensor parameter : reference->parameters())
      parameter.add_(torch::randn(parameter.sizes()) * 0.3);
    for (at::Tensor buffer : reference->buffers())
      if (buffer.is_floating_point()) buffer.add_(torch::rand(buffer.sizes()));
  }
  torch::nn::Sequential copy = build();
  restoreState(*copy, snapshotState(*reference));
  torch::nn::Sequential exact = build();
  restoreState(*exact, snapshotState(*reference));
  exact->to(at::kDouble);
  return {reference, copy, exact};
}

// Float64 forward and backward on the exact twin. For every gradient entry it also keeps the
// sum of the absolute terms the entry adds up over the batch: float32 rounding is relative to
// that, not to the result, which cancels to nearly nothing in places (a Linear bias feeding
// batch norm has gradient zero; through batch norm over two rows gradients are small
// differences of large terms).
struct ExactStep {
  at::Tensor logits, loss;
  std::map<std::string, at::Tensor> termSizes;  // by parameter name
};

ExactStep exactStep(torch::nn::Sequential& model, const at::Tensor& x, const at::Tensor& y) {
  std::vector<at::Tensor> inputs, outputs;
  at::Tensor activation = x.to(at::kDouble);
  for (auto& module : *model) {
    inputs.push_back(activation.detach());
    activation = module.forward(activation);
    if (activation.requires_grad()) activation.retain_grad();
    outputs.push_back(activation);
  }
  ExactStep step;
  step.logits = activation;
  step.loss = torch::nn::functional::cross_entropy(activation, y);
  model->zero_grad();
  step.loss.backward();
  for (size_t index = 0; index < model->size(); ++index) {
    const std::string prefix = std::to_string(index) + ".";
    const std::shared_ptr<torch::nn::Module> module = model->ptr(index);
    const at::Tensor& in = inputs[index];
    if (module->as<torch::nn::LinearImpl>()) {
      const at::Tensor dy = outputs[index].grad().abs();
      step.termSizes[prefix + "weight"] = dy.t().mm(in.abs());
      step.termSizes[prefix + "bias"] = dy.sum(0);
    } else if (const auto* norm = module->as<torch::nn::BatchNorm1dImpl>()) {
      const at::Tensor dy = outputs[index].grad().abs();
      const at::Tensor normalised =
          (in - in.mean(0)) / (in.var(0, /*unbiased=*/false) + norm->options.eps()).sqrt();
      step.termSizes[prefix + "weight"] = (dy * normalised.abs()).sum(0);
      step.termSizes[prefix + "bias"] = dy.sum(0);
    }
  }
  return step;
}

// The kernel is judged against the float64 truth, beside LibTorch's float32 result. Where
// LibTorch is within 1e-5 of the truth, the kernel must be too, so the two agree to 2e-5: float32
// sums in another order differ by a few units in the last place, and 1e-5 allows for that many
// times over. Over two rows batch norm is ill-conditioned (the spread of a Linear's outputs is a
// sliver of their size, and its backward pass subtracts nearly equal terms), so every float32
// computation is further off; there the kernel may be off by four times LibTorch's error.
constexpr double kRelative = 1e-5;
constexpr double kTimesLibTorch = 4;

// A forward result (loss, logits, running statistics), relative to its largest entry.
QString offForward(const at::Tensor& ours, const at::Tensor& libtorch, const at::Tensor& exact,
                   const QString& what) {
  if (ours.sizes() != exact.sizes()) return what + ": shapes differ";
  const double scale = exact.abs().max().item<double>();
  const double error = (ours.to(at::kDouble) - exact).abs().max().item<double>();
  const double libtorchError = (libtorch.to(at::kDouble) - exact).abs().max().item<double>();
  if (error <= kRelative * scale || error <= kTimesLibTorch * libtorchError) return {};
  return QString("%1 is off by %2, LibTorch's by %3 (largest entry %4)")
      .arg(what)
      .arg(error)
      .arg(libtorchError)
      .arg(scale);
}

// A gradient relative to its terms' size entry by entry, not to the result, which cancels to
// nearly nothing in places; plus 1e-7 of the largest term (an entry whose terms are all but zero
// still carries rounding from the layers behind it).
QString offGradient(const at::Tensor& ours, const at::Tensor& libtorch, const at::Tensor& exact,
                    const at::Tensor& termSize, const QString& what) {
  if (ours.sizes() != exact.sizes()) return what + ": shapes differ";
  const at::Tensor excess =
      (ours.to(at::kDouble) - exact).abs() - (termSize * kRelative + termSize.max() * 1e-7);
  const double libtorchError = (libtorch.to(at::kDouble) - exact).abs().max().item<double>();
  if (excess.max().item<double>() <= kTimesLibTorch * libtorchError) return {};
  const int64_t worst = excess.flatten().argmax().item<int64_t>();
  return QString("%1[%2] is %3, exactly %4 (terms add up to %5; LibTorch is off by up to %6)")
      .arg(what)
      .arg(worst)
      .arg(ours.flatten()[worst].item<double>())
      .arg(exact.flatten()[worst].item<double>())
      .arg(termSize.flatten()[worst].item<double>())
      .arg(libtorchError);
}

// One step through the kernel on the copy, judged against the exact twin and against LibTorch's
// own float32 step on the reference.
void compareOneStep(Triplet& models, CpuMlpStep& kernel, int64_t rows) {
  const at::Tensor x = torch::randn({rows, kernel.inputs()}) * 1.5 + 0.3;
  const at::Tensor y = torch::randint(0, 5, {rows});
  const at::Tensor logits = models.reference->forward(x);
  const at::Tensor lossTensor = torch::nn::functional::cross_entropy(logits, y);
  for (at::Tensor parameter : models.reference->parameters()) parameter.mutable_grad().zero_();
  lossTensor.backward();
  const double loss = lossTensor.item<double>();
  const ExactStep exact = exactStep(models.exact, x, y);
  torch::nn::Sequential& copy = models.copy;
  // Stale values: the kernel must overwrite every gradient, not add to it.
  for (at::Tensor parameter : copy->parameters()) parameter.mutable_grad().fill_(123.0);
  std::vector<int64_t> predictions(rows, -1);
  const double kernelLoss =
      kernel.step(x.data_ptr<float>(), y.data_ptr<int64_t>(), rows, predictions.data());
  const at::Tensor kernelLogits = kernel.logits();

  QString problem = offForward(at::scalar_tensor(kernelLoss, at::kDouble),
                               at::scalar_tensor(loss, at::kDouble), exact.loss.detach(), "loss");
  QVERIFY2(problem.isEmpty(), qPrintable(problem));
  problem = offForward(kernelLogits, logits.detach(), exact.logits.detach(), "logits");
  QVERIFY2(problem.isEmpty(), qPrintable(problem));
  const at::Tensor firstMaxima = kernelLogits.argmax(1);
  for (int64_t row = 0; row < rows; ++row)
    QCOMPARE(predictions[row], firstMaxima[row].item<int64_t>());

  const auto exactParameters = models.exact->named_parameters();
  const auto libtorchParameters = models.reference->named_parameters();
  for (const auto& item : copy->named_parameters()) {
    problem = offGradient(item.value().grad(), libtorchParameters[item.key()].grad(),
                          exactParameters[item.key()].grad(), exact.termSizes.at(item.key()),
                          QString::fromStdString("gradient of " + item.key()));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
  }
  const auto exactBuffers = models.exact->named_buffers();
  const auto libtorchBuffers = models.reference->named_buffers();
  for (const auto& item : copy->named_buffers()) {
    const at::Tensor& truth = exactBuffers[item.key()];
    if (!item.value().is_floating_point()) {  // num_batches_tracked counts exactly
      QVERIFY2(item.value().equal(truth), qPrintable(QString::fromStdString(item.key())));
      continue;
    }
    problem = offForward(item.value(), libtorchBuffers[item.key()], truth,
                         QString::fromStdString(item.key()));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
  }
}

}  // namespace

class tst_cpu_mlp_step : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void stepMatchesAutograd_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("rows");
    const QStringList models = {"jsc-tiny",       "jsc-tiny-x10",  "jsc-toy",
                                "jsc-s",          "mlp-tanh",      "mlp-gelu",
                                "mlp-leaky_relu", "mlp-relu-nobn", "mlp-tanh-nobn"};
    // 2: the smallest batch norm trains on; 13 and 300 leave a remainder after whole vectors.
    for (const QString& model : models)
      for (int rows : {2, 13, 64, 300})
        QTest::newRow(qPrintable(QString("%1 x%2").arg(model).arg(rows))) << model << rows;
  }
  void stepMatchesAutograd() {
    QFETCH(QString, model);
    QFETCH(int, rows);
    const ModelInfo info = describeModel(modelSpec(model));
    Triplet models = tripletModels([&] { return buildTorchModel(info); });
    const TrainingSpec training;
    FlatOptimizer referenceOptimizer(training, models.reference->parameters());
    FlatOptimizer optimizer(training, models.copy->parameters());
    const std::unique_ptr<CpuMlpStep> kernel = CpuMlpStep::create(*models.copy, rows);
    QVERIFY(kernel);
    torch::manual_seed(rows);
    compareOneStep(models, *kernel, rows);
    if (QTest::currentTestFailed()) return;
    // A smaller batch next (an epoch's last), with the statistics the first one left.
    compareOneStep(models, *kernel, std::max(2, rows / 2 + 1));
  }

  // Without momentum PyTorch keeps a cumulative average: factor 1 / batches seen.
  void runningStatisticsWithoutMomentumAverageAllBatches() {
    const auto build = [] {
      torch::nn::Sequential model;
      model->push_back(
          torch::nn::BatchNorm1d(torch::nn::BatchNormOptions(16).momentum(c10::nullopt).eps(1e-3)));
      model->push_back(torch::nn::Linear(16, 5));
      return model;
    };
    Triplet models = tripletModels(build);
    const TrainingSpec training;
    FlatOptimizer referenceOptimizer(training, models.reference->parameters());
    FlatOptimizer optimizer(training, models.copy->parameters());
    const std::unique_ptr<CpuMlpStep> kernel = CpuMlpStep::create(*models.copy, 40);
    QVERIFY(kernel);
    torch::manual_seed(5);
    for (int step = 0; step < 3 && !QTest::currentTestFailed(); ++step)
      compareOneStep(models, *kernel, 40);
  }

  // Dropout draws its masks from LibTorch's generator, which plain loops cannot follow; such
  // models, and anything else the kernel does not know, keep autograd.
  void modelsItCannotTrainExactlyAreRefused() {
    ModelSpec dropout = modelSpec("mlp-relu");
    dropout.dropout = 0.2;
    torch::nn::Sequential withDropout = buildTorchModel(describeModel(dropout));
    const TrainingSpec training;
    FlatOptimizer optimizer(training, withDropout->parameters());
    QVERIFY(!CpuMlpStep::create(*withDropout, 64));

    torch::nn::Sequential plain = buildTorchModel(describeModel(modelSpec("jsc-tiny")));
    QVERIFY2(!CpuMlpStep::create(*plain, 64), "no gradient tensors to write into yet");
    FlatOptimizer plainOptimizer(training, plain->parameters());
    QVERIFY(CpuMlpStep::create(*plain, 64));

    torch::nn::Sequential noAffine;
    noAffine->push_back(torch::nn::BatchNorm1d(torch::nn::BatchNormOptions(16).affine(false)));
    noAffine->push_back(torch::nn::Linear(16, 5));
    FlatOptimizer noAffineOptimizer(training, noAffine->parameters());
    QVERIFY(!CpuMlpStep::create(*noAffine, 64));
  }

  void badBatchesAreRefusedWithAMessage() {
    torch::nn::Sequential model = buildTorchModel(describeModel(modelSpec("jsc-tiny")));
    const TrainingSpec training;
    FlatOptimizer optimizer(training, model->parameters());
    const std::unique_ptr<CpuMlpStep> kernel = CpuMlpStep::create(*model, 8);
    const std::vector<float> x(16 * 9, 0.5f);
    std::vector<int64_t> y(9, 1);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kernel->step(x.data(), y.data(), 9, nullptr));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kernel->step(x.data(), y.data(), 1, nullptr));
    y[3] = 5;
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, kernel->step(x.data(), y.data(), 8, nullptr));
  }
};

QTEST_GUILESS_MAIN(tst_cpu_mlp_step)
#include "tst_cpu_mlp_step.moc"
