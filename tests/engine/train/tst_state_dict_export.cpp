// Trained weights for Python: Debian's python3 with python3-torch reads the exported file with
// torch.load, loads it strictly into MASE's own network definitions and reproduces the engine's
// forward pass; every key, shape and value matches what the engine holds.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <ATen/ATen.h>
#include <ATen/core/Dict.h>
#include <torch/csrc/jit/serialization/pickle.h>
#include <torch/nn/module.h>
#include <torch/utils.h>

#include <fstream>

#include "sweeplab/model_catalog.h"
#include "train/state_dict_export.h"
#include "train/torch_model.h"

using namespace sweeplab;

namespace {

constexpr const char* kPython = "/usr/bin/python3";

// Weights and batch-norm statistics away from their initial values, so a mix-up shows.
void randomise(torch::nn::Module& model) {
  at::NoGradGuard noGrad;
  for (auto& parameter : model.parameters()) parameter.uniform_(-1, 1);
  for (auto& buffer : model.named_buffers()) {
    if (buffer.key().find("running_var") != std::string::npos) {
      buffer.value().uniform_(0.5, 2);
    } else if (buffer.key().find("num_batches_tracked") != std::string::npos) {
      buffer.value().fill_(4242);
    } else {
      buffer.value().uniform_(-1, 1);
    }
  }
}

void writeBytes(const QString& path, const std::vector<char>& bytes) {
  std::ofstream file(path.toStdString(), std::ios::binary);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

class tst_state_dict_export : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  bool python_has_torch_ = false;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    // Only the torch.load check needs Python; the key names are checked without it.
    QProcess probe;
    probe.start(kPython, {"-c", "import torch"});
    python_has_torch_ = probe.waitForFinished(60000) &&
                        probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
  }

  void jscTinyKeysAreMaseModuleNames() {
    const torch::nn::Sequential model = buildTorchModel(describeModel(ModelSpec{}));
    std::vector<std::string> keys;
    for (const auto& [key, tensor] : stateDictEntries(*model, kMaseSequentialName))
      keys.push_back(key);
    QCOMPARE(keys, (std::vector<std::string>{
                       "seq_blocks.0.weight", "seq_blocks.0.bias", "seq_blocks.0.running_mean",
                       "seq_blocks.0.running_var", "seq_blocks.0.num_batches_tracked",
                       "seq_blocks.2.weight", "seq_blocks.2.bias"}));
  }

  void torchLoadReadsWhatTheEngineHolds_data() {
    QTest::addColumn<QString>("model");
    for (const char* name : {"jsc-tiny", "jsc-toy", "jsc-s", "jsc-tiny-x10"})
      QTest::newRow(name) << name;
  }

  void torchLoadReadsWhatTheEngineHolds() {
    if (!python_has_torch_)
      QSKIP("needs /usr/bin/python3 with python3-torch (packaging/install-deps.sh installs it)");
    QFETCH(QString, model);
    ModelSpec spec;
    spec.name = model.toStdString();
    torch::manual_seed(7);
    torch::nn::Sequential net = buildTorchModel(describeModel(spec));
    randomise(*net);
    net->eval();
    const QString stateFile = dir_.filePath(model + ".state_dict.pt");
    saveStateDictFile(*net, stateFile.toStdString());

    const at::Tensor input = at::randn({32, 16});
    c10::Dict<std::string, at::Tensor> io;
    io.insert("input", input);
    io.insert("output", net->forward(input).detach());
    const QString ioFile = dir_.filePath(model + ".io.pt");
    writeBytes(ioFile, torch::jit::pickle_save(c10::IValue(io)));

    QProcess python;
    python.start(kPython,
                 {QStringLiteral(SWEEPLAB_SOURCE_DIR "/tests/engine/train/torch_load_check.py"),
                  stateFile, ioFile, model});
    QVERIFY(python.waitForFinished(120000));
    const QByteArray out = python.readAllStandardOutput();
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const QJsonObject report = QJsonDocument::fromJson(out).object();
    QVERIFY2(!report.isEmpty(), out.constData());

    // MASE's network, loaded strictly, computes what the engine computed.
    QVERIFY2(report["forward_max_difference"].toDouble() < 1e-5, out.constData());

    const auto entries = stateDictEntries(*net, kMaseSequentialName);
    const QJsonArray keys = report["keys"].toArray();
    QCOMPARE(keys.size(), int(entries.size()));
    for (size_t i = 0; i < entries.size(); ++i) {
      const auto& [key, tensor] = entries[i];
      QCOMPARE(keys[int(i)].toString(), QString::fromStdString(key));
      const QJsonObject loaded =
          report["tensors"].toObject()[QString::fromStdString(key)].toObject();
      QJsonArray shape;
      for (int64_t size : tensor.sizes()) shape.append(qint64(size));
      QCOMPARE(loaded["shape"].toArray(), shape);
      const QJsonArray values = loaded["values"].toArray();
      QCOMPARE(values.size(), int(tensor.numel()));
      const at::Tensor flat = tensor.to(at::kDouble).flatten();
      for (int j = 0; j < values.size(); ++j)
        QCOMPARE(values[j].toDouble(), flat[j].item<double>());  // exact: float32 in both
      QCOMPARE(loaded["dtype"].toString(), tensor.scalar_type() == at::kLong
                                               ? QString("torch.int64")
                                               : QString("torch.float32"));
    }
  }
};

QTEST_GUILESS_MAIN(tst_state_dict_export)
#include "tst_state_dict_export.moc"
