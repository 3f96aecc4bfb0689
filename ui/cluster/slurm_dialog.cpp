#include "cluster/slurm_dialog.h"

#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace sweeplab::ui {
namespace {

QSpinBox* countBox(int maximum, const QString& zeroText) {
  auto* box = new QSpinBox;
  box->setRange(0, maximum);
  box->setSpecialValueText(zeroText);
  return box;
}

QString text(const std::string& value) {
  return QString::fromStdString(value);
}

std::string text(const QLineEdit* edit) {
  return edit->text().trimmed().toStdString();
}

// One settings group per experiment file; a hash keeps slashes out of the key.
QString groupFor(const QString& path) {
  const QByteArray hash =
      QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
  return QStringLiteral("slurm/") + QString::fromLatin1(hash);
}

}  // namespace

SlurmDialog::SlurmDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Run on a Slurm cluster"));
  auto* form = new QFormLayout(this);
  auto* intro = new QLabel(
      tr("The study is submitted as one array job. Its run folder must be on a filesystem the "
         "cluster's nodes see (the runs folder: a shared home or an sshfs mount). Empty fields "
         "leave the cluster's defaults."));
  intro->setWordWrap(true);
  form->addRow(intro);
  form->addRow(tr("&Partition:"), partition_ = new QLineEdit);
  form->addRow(tr("&Account:"), account_ = new QLineEdit);
  form->addRow(tr("&QOS:"), qos_ = new QLineEdit);
  form->addRow(tr("&Time per task:"), time_ = new QLineEdit);
  time_->setPlaceholderText(tr("D-HH:MM:SS, e.g. 0-01:00:00"));
  form->addRow(tr("&Memory per task:"), mem_ = new QLineEdit);
  mem_->setPlaceholderText(tr("e.g. 4G"));
  form->addRow(tr("&CPUs per task:"), cpus_ = countBox(256, tr("default")));
  form->addRow(tr("&GPUs per task:"), gpus_ = countBox(16, tr("none")));
  form->addRow(tr("Tasks at a &time:"), parallelism_ = countBox(100000, tr("no limit")));
  form->addRow(tr("Trials per t&ask:"), trials_per_task_ = countBox(100000, tr("automatic")));
  form->addRow(tr("Other sbatch &options:"), sbatch_args_ = new QLineEdit);
  sbatch_args_->setPlaceholderText(tr("e.g. --constraint=a100 --exclusive"));
  form->addRow(tr("Command p&refix:"), prefix_ = new QLineEdit);
  prefix_->setPlaceholderText(tr("empty: Slurm's commands on this machine; e.g. ssh login"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Submit"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  setMinimumWidth(520);
}

void SlurmDialog::setSettings(const SlurmSettings& s) {
  partition_->setText(text(s.partition));
  account_->setText(text(s.account));
  qos_->setText(text(s.qos));
  time_->setText(text(s.time));
  mem_->setText(text(s.mem));
  cpus_->setValue(s.cpus_per_task);
  gpus_->setValue(s.gpus_per_task);
  parallelism_->setValue(s.array_parallelism);
  trials_per_task_->setValue(s.trials_per_task);
  QStringList args;
  for (const std::string& arg : s.sbatch_args) args << text(arg);
  sbatch_args_->setText(args.join(QLatin1Char(' ')));
  prefix_->setText(text(s.command_prefix));
}

SlurmSettings SlurmDialog::settings() const {
  SlurmSettings s;
  s.partition = text(partition_);
  s.account = text(account_);
  s.qos = text(qos_);
  s.time = text(time_);
  s.mem = text(mem_);
  s.cpus_per_task = cpus_->value();
  s.gpus_per_task = gpus_->value();
  s.array_parallelism = parallelism_->value();
  s.trials_per_task = trials_per_task_->value();
  for (const QString& arg : sbatch_args_->text().split(QLatin1Char(' '), Qt::SkipEmptyParts))
    s.sbatch_args.push_back(arg.toStdString());
  s.command_prefix = text(prefix_);
  return s;
}

std::optional<SlurmSettings> rememberedSlurmSettings(const QString& path) {
  QSettings settings;
  settings.beginGroup(groupFor(path));
  if (settings.childKeys().isEmpty()) return std::nullopt;
  SlurmSettings s;
  s.partition = settings.value(QStringLiteral("partition")).toString().toStdString();
  s.account = settings.value(QStringLiteral("account")).toString().toStdString();
  s.qos = settings.value(QStringLiteral("qos")).toString().toStdString();
  s.time = settings.value(QStringLiteral("time")).toString().toStdString();
  s.mem = settings.value(QStringLiteral("mem")).toString().toStdString();
  s.cpus_per_task = settings.value(QStringLiteral("cpusPerTask"), 0).toInt();
  s.gpus_per_task = settings.value(QStringLiteral("gpusPerTask"), 0).toInt();
  s.array_parallelism = settings.value(QStringLiteral("arrayParallelism"), 0).toInt();
  s.trials_per_task = settings.value(QStringLiteral("trialsPerTask"), 0).toInt();
  for (const QString& arg : settings.value(QStringLiteral("sbatchArgs")).toStringList())
    s.sbatch_args.push_back(arg.toStdString());
  s.command_prefix = settings.value(QStringLiteral("commandPrefix")).toString().toStdString();
  return s;
}

void rememberSlurmSettings(const QString& path, const SlurmSettings& s) {
  QSettings settings;
  settings.beginGroup(groupFor(path));
  settings.setValue(QStringLiteral("partition"), text(s.partition));
  settings.setValue(QStringLiteral("account"), text(s.account));
  settings.setValue(QStringLiteral("qos"), text(s.qos));
  settings.setValue(QStringLiteral("time"), text(s.time));
  settings.setValue(QStringLiteral("mem"), text(s.mem));
  settings.setValue(QStringLiteral("cpusPerTask"), s.cpus_per_task);
  settings.setValue(QStringLiteral("gpusPerTask"), s.gpus_per_task);
  settings.setValue(QStringLiteral("arrayParallelism"), s.array_parallelism);
  settings.setValue(QStringLiteral("trialsPerTask"), s.trials_per_task);
  QStringList args;
  for (const std::string& arg : s.sbatch_args) args << text(arg);
  settings.setValue(QStringLiteral("sbatchArgs"), args);
  settings.setValue(QStringLiteral("commandPrefix"), text(s.command_prefix));
}

}  // namespace sweeplab::ui
