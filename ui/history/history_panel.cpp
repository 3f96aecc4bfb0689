// Layout, filters and the actions of the history panel; the rows are filled in
// history_rows.cpp.
#include "history/history_panel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "sweeplab/resume.h"

namespace sweeplab::ui {
namespace {

const QDate kAnyDate(2000, 1, 1);  // the date edits' "any" value

QLineEdit* filterEdit(const QString& name, const QString& placeholder) {
  auto* edit = new QLineEdit;
  edit->setObjectName(name);
  edit->setPlaceholderText(placeholder);
  edit->setClearButtonEnabled(true);
  return edit;
}

QDateEdit* dateEdit(const QString& name) {
  auto* edit = new QDateEdit;
  edit->setObjectName(name);
  edit->setCalendarPopup(true);
  edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
  edit->setMinimumDate(kAnyDate);
  edit->setSpecialValueText(QObject::tr("any"));
  edit->setDate(kAnyDate);
  return edit;
}

}  // namespace

HistoryPanel::HistoryPanel(QWidget* parent) : QWidget(parent) {
  buildLayout();
  updateButtons();
}

HistoryPanel::~HistoryPanel() = default;

void HistoryPanel::buildLayout() {
  name_ = filterEdit(QStringLiteral("historyName"), tr("name contains"));
  model_ = filterEdit(QStringLiteral("historyModel"), tr("model contains"));
  dataset_ = filterEdit(QStringLiteral("historyDataset"), tr("dataset contains"));
  status_ = new QComboBox;
  status_->setObjectName(QStringLiteral("historyStatus"));
  status_->addItem(tr("any status"), QString());
  for (const char* status :
       {"running", "finished", "incomplete", "interrupted", "stopped", "diverged", "failed"})
    status_->addItem(QString::fromLatin1(status), QString::fromLatin1(status));
  since_ = dateEdit(QStringLiteral("historySince"));
  until_ = dateEdit(QStringLiteral("historyUntil"));

  auto* filters = new QFormLayout;
  filters->setContentsMargins(0, 0, 0, 0);
  filters->addRow(tr("Name"), name_);
  filters->addRow(tr("Model"), model_);
  filters->addRow(tr("Dataset"), dataset_);
  filters->addRow(tr("Status"), status_);
  auto* dates = new QHBoxLayout;
  dates->addWidget(since_);
  dates->addWidget(new QLabel(tr("to")));
  dates->addWidget(until_);
  filters->addRow(tr("Started"), dates);

  tree_ = new QTreeWidget;
  tree_->setObjectName(QStringLiteral("historyTree"));
  tree_->setHeaderLabels({tr("Experiment / trial"), tr("Started"), tr("Status"), tr("Model"),
                          tr("Test acc"), tr("Note")});
  tree_->setSelectionMode(QAbstractItemView::SingleSelection);
  tree_->setUniformRowHeights(true);
  // Columns as wide as their longest entry (names like "learning_rate=1e-3" were cut to
  // "learnin…"); the note takes what is left.
  tree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  tree_->header()->setStretchLastSection(true);
  tree_->setToolTip(
      tr("Check trials of one or more experiments and press Overlay to compare "
         "them in one chart; double-click an experiment to reopen it."));

  message_ = new QLabel;
  message_->setWordWrap(true);
  message_->setVisible(false);

  open_ = new QPushButton(tr("Open"));
  resume_ = new QPushButton(tr("Resume"));
  resume_->setObjectName("historyResume");
  overlay_ = new QPushButton(tr("Overlay"));
  overlay_->setObjectName("historyOverlay");
  rename_ = new QPushButton(tr("Rename…"));
  note_ = new QPushButton(tr("Note…"));
  delete_ = new QPushButton(tr("Delete…"));
  auto* refresh = new QPushButton(tr("Refresh"));
  open_->setToolTip(tr("Show the selected experiment: its form, curves and table"));
  resume_->setToolTip(
      tr("Reopen the selected experiment and train the trials that did not "
         "finish (interrupted, stopped, failed), with their seeds, into its run "
         "folder"));
  overlay_->setToolTip(tr("Draw the checked trials, from any experiments, in one chart"));
  delete_->setToolTip(tr("Remove the experiment from the history and its run folder from disk"));
  auto* buttons = new QGridLayout;
  buttons->addWidget(open_, 0, 0);
  buttons->addWidget(resume_, 0, 1);
  buttons->addWidget(overlay_, 0, 2);
  buttons->addWidget(rename_, 1, 0);
  buttons->addWidget(note_, 1, 1);
  buttons->addWidget(delete_, 1, 2);
  buttons->addWidget(refresh, 2, 2);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addLayout(filters);
  layout->addWidget(tree_, 1);
  layout->addWidget(message_);
  layout->addLayout(buttons);

  for (QLineEdit* edit : {name_, model_, dataset_})
    connect(edit, &QLineEdit::textChanged, this, &HistoryPanel::refresh);
  connect(status_, &QComboBox::currentIndexChanged, this, &HistoryPanel::refresh);
  for (QDateEdit* edit : {since_, until_})
    connect(edit, &QDateEdit::dateChanged, this, &HistoryPanel::refresh);
  connect(refresh, &QPushButton::clicked, this, &HistoryPanel::refresh);
  connect(tree_, &QTreeWidget::itemSelectionChanged, this, &HistoryPanel::updateButtons);
  connect(tree_, &QTreeWidget::itemChanged, this, &HistoryPanel::updateButtons);
  connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    if (!running_ && item && !item->parent()) Q_EMIT openRequested(selectedExperiment());
  });
  connect(open_, &QPushButton::clicked, this,
          [this] { Q_EMIT openRequested(selectedExperiment()); });
  connect(resume_, &QPushButton::clicked, this,
          [this] { Q_EMIT resumeRequested(selectedExperiment()); });
  connect(overlay_, &QPushButton::clicked, this,
          [this] { Q_EMIT overlayRequested(checkedTrials()); });
  connect(rename_, &QPushButton::clicked, this, &HistoryPanel::askRename);
  connect(note_, &QPushButton::clicked, this, &HistoryPanel::askNote);
  connect(delete_, &QPushButton::clicked, this, &HistoryPanel::askDelete);
}

void HistoryPanel::setStorePath(const QString& path) {
  path_ = path;
  store_.reset();
  refresh();
}

const RunStore* HistoryPanel::store() {
  if (store_ || path_.isEmpty()) return store_.get();
  try {
    // Not created here: the first recorded run creates it.
    store_ = std::make_unique<RunStore>(path_.toStdString(), /*create=*/false);
    message_->setVisible(false);
  } catch (const StoreError& error) {
    const bool absent = !QFileInfo::exists(path_);
    showProblem(absent ? tr("No runs recorded yet. Runs will be kept in %1.").arg(path_)
                       : QString::fromUtf8(error.what()));
  }
  return store_.get();
}

void HistoryPanel::setSweepRunning(bool running) {
  running_ = running;
  updateButtons();
}

HistoryFilter HistoryPanel::filter() const {
  HistoryFilter filter;
  filter.name = name_->text().trimmed().toStdString();
  filter.model = model_->text().trimmed().toStdString();
  filter.dataset = dataset_->text().trimmed().toStdString();
  filter.status = status_->currentData().toString().toStdString();
  if (since_->date() != kAnyDate) filter.since = since_->date().toString(Qt::ISODate).toStdString();
  if (until_->date() != kAnyDate) filter.until = until_->date().toString(Qt::ISODate).toStdString();
  return filter;
}

void HistoryPanel::updateButtons() {
  const bool selected = selectedExperiment() > 0;
  open_->setEnabled(selected && !running_);
  resume_->setEnabled(selected && !running_ && hasTrialsToResume(selectedExperiment()));
  overlay_->setEnabled(!checkedTrials().empty() && !running_);
  rename_->setEnabled(selected);
  note_->setEnabled(selected);
  delete_->setEnabled(selected && !running_);
}

// Its process died before the sweep ended, or some trials stopped or failed: Resume has work.
// (The window checks the run folder itself when asked; this only decides the button.)
bool HistoryPanel::hasTrialsToResume(long long experimentId) {
  const RunStore* runs = store();
  if (!runs) return false;
  try {
    const StoredExperiment experiment = runs->experiment(experimentId);
    if (experiment.run_dir.empty()) return false;
    if (experiment.status == "running") return false;  // its process is still training it
    if (experiment.status == "interrupted") return true;
    for (const std::string& status : experiment.trial_statuses)
      if (trialNeedsRerun(trialStatusFromString(status))) return true;
  } catch (const std::exception&) {
    // A row another process just deleted, or a status this version does not know.
  }
  return false;
}

void HistoryPanel::showProblem(const QString& message) {
  message_->setText(message);
  message_->setVisible(!message.isEmpty());
}

bool HistoryPanel::changeStore(const std::function<void(RunStore&)>& change) {
  try {
    if (!store()) return false;
    change(*store_);
  } catch (const std::exception& error) {
    showProblem(QString::fromUtf8(error.what()));
    return false;
  }
  refresh();
  return true;
}

bool HistoryPanel::renameExperiment(long long id, const QString& name) {
  const std::string text = name.trimmed().toStdString();
  if (!changeStore([&](RunStore& store) { store.renameExperiment(id, text); })) return false;
  selectExperiment(id);
  return true;
}

bool HistoryPanel::setNote(long long id, const QString& note) {
  const std::string text = note.toStdString();
  if (!changeStore([&](RunStore& store) { store.setExperimentNote(id, text); })) return false;
  selectExperiment(id);
  return true;
}

bool HistoryPanel::deleteExperiment(long long id) {
  return changeStore([&](RunStore& store) { deleteExperimentWithFiles(store, id); });
}

void HistoryPanel::askRename() {
  const long long id = selectedExperiment();
  QTreeWidgetItem* item = experimentItem(id);
  if (!item) return;
  bool ok = false;
  const QString name =
      QInputDialog::getText(this, tr("Rename experiment"), tr("New name:"), QLineEdit::Normal,
                            item->data(0, Qt::UserRole + 2).toString(), &ok);
  if (ok && !name.trimmed().isEmpty()) renameExperiment(id, name);
}

void HistoryPanel::askNote() {
  const long long id = selectedExperiment();
  QTreeWidgetItem* item = experimentItem(id);
  if (!item) return;
  bool ok = false;
  const QString note = QInputDialog::getMultiLineText(
      this, tr("Note"), tr("A note on %1:").arg(item->text(0)), item->text(5), &ok);
  if (ok) setNote(id, note);
}

void HistoryPanel::askDelete() {
  const long long id = selectedExperiment();
  QTreeWidgetItem* item = experimentItem(id);
  if (!item) return;
  const QString folder = item->data(0, Qt::UserRole + 3).toString();
  const QString what =
      folder.isEmpty()
          ? tr("Remove %1 from the run history?").arg(item->text(0))
          : tr("Remove %1 from the run history and delete its run folder\n%2\nwith its "
               "checkpoints and metrics? This cannot be undone.")
                .arg(item->text(0), folder);
  if (ask_ && QMessageBox::question(this, tr("Delete experiment"), what,
                                    QMessageBox::Yes | QMessageBox::Cancel,
                                    QMessageBox::Cancel) != QMessageBox::Yes)
    return;
  deleteExperiment(id);
}

}  // namespace sweeplab::ui
