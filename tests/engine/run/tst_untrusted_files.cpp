// Files from elsewhere must not be able to do harm: an experiment file cannot make a run write
// outside the chosen output folder, a checkpoint is checked before it changes a model, and a
// data file that crashes its parsing library only gives an error.
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <unistd.h>

#include <fstream>

#include "data/child_process_reader.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/model_catalog.h"
#include "sweeplab/sweep_runner.h"
#include "train/checkpoint.h"
#include "train/checkpoint_loading.h"
#include "train/torch_model.h"

using namespace sweeplab;

namespace {

QStringList everythingBelow(const QString& folder) {
  QStringList entries;
  QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                  QDirIterator::Subdirectories);
  while (it.hasNext()) entries << it.next();
  return entries;
}

torch::nn::Sequential catalogModel(const std::string& name) {
  ModelSpec spec;
  spec.name = name;
  return buildTorchModel(describeModel(spec));
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no InputError)";
}

}  // namespace

class tst_untrusted_files : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void experimentNameCannotLeaveTheOutputFolder_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("parent folder") << "../escaped";
    QTest::newRow("far up") << "../../../../../../tmp/escaped";
    QTest::newRow("absolute") << "/tmp/escaped";
    QTest::newRow("dot dot") << "..";
    QTest::newRow("dot") << ".";
    QTest::newRow("hidden") << ".hidden";
    QTest::newRow("in the middle") << "a/../../b";
    QTest::newRow("home") << "~/escaped";
    QTest::newRow("backslashes") << "..\\..\\escaped";
    QTest::newRow("control characters") << "tab\there\nnewline";
    QTest::newRow("very long") << QString(5000, 'x');
  }
  void experimentNameCannotLeaveTheOutputFolder() {
    QFETCH(QString, name);
    QTemporaryDir work;
    const QString out = work.filePath("out");
    // Through the YAML reader, as it would come from a file (double-quoted, escapes and all).
    QString quoted = name;
    quoted.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\n", "\\n");
    ExperimentSpec spec = loadExperimentText(
        ("name: \"" + quoted +
         "\"\ndataset:\n  samples: 2000\ntraining:\n  max_epochs: 1\n  learning_rate: 1e-3\n"
         "sweep:\n  training.batch_size: [64, 128]\n")
            .toStdString(),
        "hostile.yaml");
    QCOMPARE(QString::fromStdString(spec.name), name);
    RunOptions options;
    options.out_dir = out.toStdString();
    options.cache_dir.clear();
    SweepRunner runner(spec, options);
    const RunSummary summary = runner.run();
    QCOMPARE(int(summary.trials.size()), 2);

    // One run folder directly inside `out`, and nothing anywhere else.
    QCOMPARE(QDir(work.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{"out"});
    const QStringList runs =
        QDir(out).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(runs.size(), 1);
    QVERIFY2(!runs.front().startsWith('.'), qPrintable(runs.front()));
    QVERIFY(runs.front().size() < 255);
    const QString runDir = QString::fromStdString(runner.runDirectory());
    QCOMPARE(QFileInfo(runDir).canonicalFilePath(), QDir(out).canonicalPath() + "/" + runs.front());
    for (const QString& entry : everythingBelow(out))
      QVERIFY2(QFileInfo(entry).canonicalFilePath().startsWith(QDir(out).canonicalPath() + "/"),
               qPrintable(entry));
    QVERIFY(!QFile::exists("/tmp/escaped"));
  }

  // Swept values are validated, but folder names must be safe even for text that passes.
  void trialFolderNamesStayInsideTheRunFolder_data() {
    QTest::addColumn<QString>("value");
    QTest::newRow("parent") << "../../x";
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("dots") << "..";
    QTest::newRow("hidden") << ".x";
    QTest::newRow("separators only") << "///";
    QTest::newRow("list") << "[64, ../32]";
    QTest::newRow("long") << QString(500, '.');
  }
  void trialFolderNamesStayInsideTheRunFolder() {
    QFETCH(QString, value);
    TrialSpec trial;
    trial.index = 7;
    trial.swept = {{"model", value.toStdString()}, {"training.learning_rate", "1e-3"}};
    const QString folder = QString::fromStdString(trial.folderName());
    QVERIFY2(folder.startsWith("007-"), qPrintable(folder));
    QVERIFY2(!folder.contains('/') && !folder.contains(".."), qPrintable(folder));
    QVERIFY(folder.size() <= 96);
  }

  void checkpointOfTheSameModelLoads() {
    QTemporaryDir work;
    const std::string path = work.filePath("best.pt").toStdString();
    torch::manual_seed(1);
    torch::nn::Sequential saved = catalogModel("jsc-tiny");
    saveStateFile(*saved, path);
    torch::manual_seed(2);
    torch::nn::Sequential loaded = catalogModel("jsc-tiny");
    QVERIFY(!loaded->named_parameters()["2.weight"].equal(saved->named_parameters()["2.weight"]));
    loadStateFile(*loaded, path, "jsc-tiny");
    const auto a = saved->parameters(), b = loaded->parameters();
    for (size_t i = 0; i < a.size(); ++i) QVERIFY(a[i].equal(b[i]));
    const auto ba = saved->buffers(), bb = loaded->buffers();
    for (size_t i = 0; i < ba.size(); ++i) QVERIFY(ba[i].equal(bb[i]));
  }

  void badCheckpointsAreRefusedAndLeaveTheModelAlone_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << "missing"
                             << "nothing.pt: checkpoint not found";
    QTest::newRow("folder") << "folder"
                            << "folder.pt: not a checkpoint file (a folder or a device)";
    QTest::newRow("empty") << "empty"
                           << "empty.pt: not a LibTorch checkpoint (";
    QTest::newRow("random bytes") << "random"
                                  << "random.pt: not a LibTorch checkpoint (";
    QTest::newRow("truncated") << "truncated"
                               << "truncated.pt: not a LibTorch checkpoint (";
    QTest::newRow("huge") << "huge"
                          << "huge.pt: 536870912 bytes is more than a checkpoint of jsc-tiny "
                             "can be (at most ";
    QTest::newRow("other model") << "other"
                                 << "other.pt: '2.weight' has shape [8, 16] in the file but "
                                    "[5, 16] in jsc-tiny (a checkpoint of another model?)";
    QTest::newRow("fewer layers") << "fewer"
                                  << "fewer.pt: has no '1', which jsc-tiny needs (a checkpoint of "
                                     "another model?)";
    QTest::newRow("diverged weights") << "nan"
                                      << "nan.pt: '2.weight' holds NaN or infinite values "
                                         "(saved from a diverged trial?)";
  }
  void badCheckpointsAreRefusedAndLeaveTheModelAlone() {
    QFETCH(QString, kind);
    QFETCH(QString, message);
    QTemporaryDir work;
    const auto file = [&](const char* name) { return work.filePath(name).toStdString(); };
    std::string path;
    torch::nn::Sequential tiny = catalogModel("jsc-tiny");
    if (kind == "missing") path = file("nothing.pt");
    if (kind == "folder") QDir(work.path()).mkdir("folder.pt"), path = file("folder.pt");
    if (kind == "empty") std::ofstream(path = file("empty.pt"));
    if (kind == "random") std::ofstream(path = file("random.pt")) << std::string(3000, '\x5a');
    if (kind == "truncated") {
      saveStateFile(*tiny, path = file("truncated.pt"));
      std::filesystem::resize_file(path, 2000);
    }
    if (kind == "huge") {
      std::ofstream(path = file("huge.pt"));
      std::filesystem::resize_file(path, 512u << 20);  // sparse: costs no disk
    }
    if (kind == "other") saveStateFile(*catalogModel("jsc-toy"), path = file("other.pt"));
    if (kind == "fewer") {
      torch::nn::Sequential firstLayerOnly;
      firstLayerOnly->push_back(torch::nn::BatchNorm1d(16));  // jsc-tiny begins with it
      saveStateFile(*firstLayerOnly, path = file("fewer.pt"));
    }
    if (kind == "nan") {
      torch::nn::Sequential broken = catalogModel("jsc-tiny");
      {
        at::NoGradGuard noGrad;
        broken->named_parameters()["2.weight"][0][0] = std::nan("");
      }
      saveStateFile(*broken, path = file("nan.pt"));
    }
    std::vector<at::Tensor> before;
    for (const auto& tensor : tiny->parameters()) before.push_back(tensor.clone());

    const QString error =
        QString::fromStdString(errorOf([&] { loadStateFile(*tiny, path, "jsc-tiny"); }));
    const QString expected = QString::fromStdString(path).section('/', 0, -2) + "/" + message;
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY2(!error.contains('\n'), qPrintable(error));
    const auto after = tiny->parameters();
    for (size_t i = 0; i < before.size(); ++i) QVERIFY(after[i].equal(before[i]));
  }

  // A parsing library that crashes on a damaged file takes only its child process with it.
  void crashWhileReadingBecomesAnInputError() {
    const QString error = QString::fromStdString(errorOf([] {
      readInChildProcess(
          "jets.h5",
          []() -> RawDataset {
            ::raise(SIGSEGV);
            return {};
          },
          ChildLimits{std::chrono::seconds(60), 8ull << 30});
    }));
    QVERIFY2(error.startsWith("jets.h5: the HDF5 library crashed reading this file ("),
             qPrintable(error));
  }

  void childThatNeverAnswersIsStopped() {
    QElapsedTimer timer;
    timer.start();
    const QString error = QString::fromStdString(errorOf([] {
      readInChildProcess(
          "jets.h5",
          []() -> RawDataset {
            for (;;) ::pause();
          },
          ChildLimits{std::chrono::seconds(1), 8ull << 30});
    }));
    QVERIFY2(error.startsWith("jets.h5: the HDF5 library was still reading this file after 1 s "
                              "and was stopped"),
             qPrintable(error));
    QVERIFY(timer.elapsed() < 10000);
  }

  void childAnswersComeBackWhole() {
    RawDataset table;
    table.feature_names = {"a", "b"};
    table.class_names = {"x", "y", "z"};
    for (int i = 0; i < 100000; ++i) {
      table.table.features.push_back(float(i));
      table.table.features.push_back(-float(i));
      table.table.labels.push_back(i % 3);
    }
    const RawDataset back = readInChildProcess(
        "t.h5", [&] { return table; }, ChildLimits{std::chrono::seconds(60), 8ull << 30});
    QCOMPARE(back.feature_names, table.feature_names);
    QCOMPARE(back.class_names, table.class_names);
    QVERIFY(back.table.features == table.table.features);
    QVERIFY(back.table.labels == table.table.labels);
    QCOMPARE(errorOf([] {
               readInChildProcess(
                   "t.h5", []() -> RawDataset { throw InputError("t.h5: bad"); },
                   ChildLimits{std::chrono::seconds(60), 8ull << 30});
             }),
             std::string("t.h5: bad"));
  }
};

QTEST_GUILESS_MAIN(tst_untrusted_files)
#include "tst_untrusted_files.moc"
