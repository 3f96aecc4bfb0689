// Where and how a study runs on a Slurm cluster: partition, account, time limit, CPUs, GPUs,
// memory, parallelism and the command prefix that reaches the cluster. What a person entered
// is remembered per experiment file.
#pragma once

#include <optional>

#include <QDialog>

#include "sweeplab/cluster/slurm_settings.h"

class QLineEdit;
class QSpinBox;

namespace sweeplab::ui {

class SlurmDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SlurmDialog(QWidget* parent = nullptr);

  void setSettings(const SlurmSettings& settings);
  SlurmSettings settings() const;

 private:
  QLineEdit* partition_;
  QLineEdit* account_;
  QLineEdit* qos_;
  QLineEdit* time_;
  QLineEdit* mem_;
  QSpinBox* cpus_;
  QSpinBox* gpus_;
  QSpinBox* parallelism_;
  QSpinBox* trials_per_task_;
  QLineEdit* sbatch_args_;
  QLineEdit* prefix_;
};

// The settings last submitted with the experiment file `path`; none before its first
// submission from the window (the dialog then starts from the file's cluster: section).
std::optional<SlurmSettings> rememberedSlurmSettings(const QString& path);
void rememberSlurmSettings(const QString& path, const SlurmSettings& settings);

}  // namespace sweeplab::ui
