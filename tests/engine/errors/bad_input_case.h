// What every case of the bad-input catalogue is made of: the folder a case writes its files in,
// the case itself (its place on docs/errors.md, its command and the line sweeplab-cli must
// answer with), and the small experiments and writers the cases are built from.
#pragma once

#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <functional>
#include <string>
#include <vector>

#include "../data/hdf5_test_writer.h"
#include "sweeplab/dataset.h"

namespace sweeplab::test {

// The folder a case runs in: it writes the case's files there.
class CaseFolder {
 public:
  explicit CaseFolder(QString path) : dir_(std::move(path)) {}
  QString path(const QString& name) const { return dir_.filePath(name); }

  void write(const QString& name, const QByteArray& content) const {
    QFile file(path(name));
    if (file.open(QIODevice::WriteOnly)) file.write(content);
  }
  void makeFolder(const QString& name) const { dir_.mkpath(name); }
  void copy(const QString& from, const QString& name) const { QFile::copy(from, path(name)); }
  void setPermissions(const QString& name, QFile::Permissions permissions) const {
    QFile::setPermissions(path(name), permissions);
  }
  // The hls4ml layout: 16 float features and five one-hot label fields, `rows` rows, with
  // `change` free to rename, retype or drop fields before the file is written.
  void writeJscHdf5(const QString& name, int rows,
                    const std::function<void(std::vector<Hdf5Field>&)>& change = {},
                    const QString& datasetName = "t_allpar_new") const {
    std::vector<Hdf5Field> fields;
    const std::vector<std::string>& features = jscFeatureNames();
    for (std::size_t f = 0; f < features.size(); ++f)
      fields.push_back({features[f], FieldType::Float32,
                        [f](int row) { return 0.25 * double(row) + double(f); }});
    const char* labels[] = {"j_g", "j_q", "j_w", "j_z", "j_t"};
    for (int c = 0; c < 5; ++c)
      fields.push_back({labels[c], FieldType::Int8, [c](int row) { return row % 5 == c ? 1 : 0; }});
    if (change) change(fields);
    writeCompoundHdf5(path(name).toStdString(), datasetName.toStdString(), fields, rows);
  }

 private:
  QDir dir_;
};

struct BadInputCase {
  QString area;     // section of docs/errors.md
  QString name;     // short name, unique
  QString problem;  // what is wrong, in the words of the page
  std::function<void(const CaseFolder&)> prepare;
  QStringList args;  // sweeplab-cli arguments; paths are relative to the case folder
  // The error line after "sweeplab-cli: error: ". Run folders are written runs/NAME-DATE.
  QString message;
  qint64 file_size_limit = 0;            // > 0: run under setrlimit(RLIMIT_FSIZE) (full disk)
  bool needs_permission_checks = false;  // skipped where permissions do not bind (root)
  bool leaves_summary = false;           // the sweep started: summary.json says how it ended
};

namespace cases {

// Small enough that a case which does train finishes in a second.
inline QByteArray experiment(const QByteArray& dataset, const QByteArray& rest = {}) {
  return "name: bad\n" + dataset + "model: jsc-tiny\ntraining:\n  max_epochs: 1\n" + rest;
}
inline const QByteArray kSynthetic = "dataset:\n  source: synthetic-jsc\n  samples: 2000\n";
inline const QByteArray kCsv = "dataset:\n  source: csv\n  path: jets.csv\n";
inline const QByteArray kHdf5 = "dataset:\n  source: jsc-hdf5\n  path: jets.h5\n";
inline const QStringList kRun{"run", "bad.yaml", "--quiet", "--out", "runs"};

inline std::function<void(const CaseFolder&)> yaml(const QByteArray& text) {
  return [text](const CaseFolder& folder) { folder.write("bad.yaml", text); };
}
inline std::function<void(const CaseFolder&)> csv(const QByteArray& text) {
  return [text](const CaseFolder& folder) {
    folder.write("bad.yaml", experiment(kCsv));
    folder.write("jets.csv", text);
  };
}
inline std::function<void(const CaseFolder&)> hdf5(
    int rows, std::function<void(std::vector<Hdf5Field>&)> change = {},
    const QString& datasetName = "t_allpar_new") {
  return [=](const CaseFolder& folder) {
    folder.write("bad.yaml", experiment(kHdf5));
    folder.writeJscHdf5("jets.h5", rows, change, datasetName);
  };
}
inline const QStringList kEvaluate{"evaluate", "tiny.pt", "--experiment", "bad.yaml"};
// A jsc-tiny checkpoint as a run writes it (tests/engine/errors/files/jsc-tiny.pt), next to an
// experiment whose model is `model`.
inline std::function<void(const CaseFolder&)> checkpointFor(const QByteArray& model) {
  return [model](const CaseFolder& folder) {
    folder.write("bad.yaml", "name: bad\n" + kSynthetic + "model: " + model + "\n");
    folder.copy(QStringLiteral(SWEEPLAB_SOURCE_DIR) + "/tests/engine/errors/files/jsc-tiny.pt",
                "tiny.pt");
  };
}
inline void setField(std::vector<Hdf5Field>& fields, const std::string& name, Hdf5Field field) {
  for (Hdf5Field& existing : fields)
    if (existing.name == name) existing = std::move(field);
}

}  // namespace cases

}  // namespace sweeplab::test
