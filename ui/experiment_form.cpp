// Editing and validation: a changed field goes through applyOverride on its own key, then the
// whole spec through validateExperiment and expandTrials; the first problem is marked where
// it belongs and shown under the tabs.
#include "experiment_form.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QScrollArea>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "form/cost_preview.h"
#include "form/field_layout.h"
#include "form/form_pages.h"
#include "form/key_field.h"
#include "form/model_details.h"
#include "form/sweep_editor.h"
#include "form/unusual_values.h"
#include "sweeplab/errors.h"
#include "sweeplab/experiment_io.h"
#include "sweeplab/experiment_keys.h"
#include "sweeplab/trial.h"

namespace sweeplab::ui {

namespace {
std::string canonicalKey(const std::string& key) {
  return key == "model" ? std::string("model.name") : key;
}

// The values of the axis that sweeps the key; nullptr when it is not swept.
const SweepAxis* sweepOf(const ExperimentSpec& spec, const std::string& key) {
  for (const SweepAxis& axis : spec.sweep)
    if (canonicalKey(axis.key) == canonicalKey(key)) return &axis;
  return nullptr;
}

bool isSwept(const ExperimentSpec& spec, const std::string& key) {
  return sweepOf(spec, key) != nullptr;
}

// The row a sweep problem about this key belongs to: the last axis of the key, as a key swept
// twice is reported at its second row; -1 when no axis sweeps it.
int lastAxisOf(const ExperimentSpec& spec, const std::string& key) {
  int found = -1;
  for (size_t axis = 0; axis < spec.sweep.size(); ++axis)
    if (canonicalKey(spec.sweep[axis].key) == canonicalKey(key)) found = static_cast<int>(axis);
  return found;
}

QStringList sweptValues(const ExperimentSpec& spec, const std::string& key) {
  QStringList values;
  if (const SweepAxis* axis = sweepOf(spec, key))
    for (const std::string& value : axis->values) values << QString::fromStdString(value);
  // A row whose values are still being typed is swept all the same.
  if (values.isEmpty() && isSwept(spec, key)) values << ExperimentForm::tr("no values yet");
  return values;
}
}  // namespace

ExperimentForm::ExperimentForm(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  tabs_ = new QTabWidget(this);
  tabs_->setDocumentMode(true);
  layout->addWidget(tabs_, 1);
  banner_ = new QLabel(this);
  banner_->setWordWrap(true);
  banner_->setStyleSheet(QStringLiteral("color: #c62828; padding: 2px 6px;"));
  banner_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  banner_->hide();
  layout->addWidget(banner_);
  cost_preview_ = new CostPreview(this);
  layout->addWidget(cost_preview_);
  buildPages();
  setSpec(ExperimentSpec{});
}

void ExperimentForm::buildPages() {
  FormPages pages(tabs_);
  for (const KeyInfo& info : experimentKeys()) {
    if (info.shorthand || !isFormType(info.type)) continue;
    // The cluster section is set in the Slurm dialog (Run > Run on Slurm Cluster), which starts
    // from it; the form keeps it in the spec untouched.
    if (info.key.rfind("cluster.", 0) == 0) continue;
    auto* field = new KeyField(info, this);
    fields_.push_back(field);
    pages.addField(field);
    connect(field, &KeyField::edited, this, [this, field] { fieldEdited(field); });
  }
  sweep_ = new SweepEditor(this);
  pages.addSweepEditor(sweep_);
  connect(sweep_, &SweepEditor::edited, this, &ExperimentForm::sweepEdited);
  model_details_ = new ModelDetails(this);
  pages.addModelDetails(model_details_);
}

void ExperimentForm::setSpec(const ExperimentSpec& spec) {
  spec_ = spec;
  input_problems_.clear();
  sweep_input_problem_.clear();
  const QString base = spec.source_file.empty()
                           ? QString()
                           : QFileInfo(QString::fromStdString(spec.source_file)).absolutePath();
  for (KeyField* field : fields_) {
    field->setBaseDirectory(base);
    field->show(spec_);
  }
  sweep_->setAxes(spec_.sweep);
  revalidate();
}

void ExperimentForm::setSourceFile(const QString& path) {
  const QString before = spec_.source_file.empty()
                             ? QDir::currentPath()
                             : QFileInfo(QString::fromStdString(spec_.source_file)).absolutePath();
  const QString after = QFileInfo(path).absolutePath();
  const QString data = QString::fromStdString(spec_.dataset.path);
  if (!data.isEmpty() && QDir::isRelativePath(data) && QDir(before) != QDir(after))
    spec_.dataset.path = QDir::cleanPath(QDir(before).absoluteFilePath(data)).toStdString();
  spec_.source_file = QDir::toNativeSeparators(path).toStdString();
  for (KeyField* field : fields_) {
    field->setBaseDirectory(after);
    if (field->info().key == "dataset.path") field->show(spec_);
  }
}

void ExperimentForm::fieldEdited(KeyField* field) {
  const std::string key = field->info().key;
  QString problem;
  const QString text = field->valueText(&problem);
  if (problem.isEmpty()) {
    try {
      ExperimentSpec edited = spec_;
      applyOverride(edited, key, text.toStdString(), "form");
      spec_ = std::move(edited);
    } catch (const SpecError& e) {
      problem = QString::fromStdString(e.problem());
    } catch (const InputError& e) {
      problem = QString::fromUtf8(e.what());
    }
  }
  if (problem.isEmpty())
    input_problems_.erase(key);
  else
    input_problems_[key] = problem;
  revalidate();
  Q_EMIT edited();
}

void ExperimentForm::sweepEdited() {
  spec_.sweep = sweep_->axes();
  sweep_input_problem_.clear();
  sweep_input_axis_ = -1;
  // A value half typed in a field that is now swept no longer matters: the sweep sets it.
  for (auto it = input_problems_.begin(); it != input_problems_.end();)
    it = isSwept(spec_, it->first) ? input_problems_.erase(it) : std::next(it);
  for (size_t axis = 0; axis < spec_.sweep.size() && sweep_input_axis_ < 0; ++axis) {
    if (!spec_.sweep[axis].values.empty()) continue;
    sweep_input_axis_ = static_cast<int>(axis);
    sweep_input_problem_ =
        tr("%1: give at least one value").arg(QString::fromStdString(spec_.sweep[axis].key));
  }
  revalidate();
  Q_EMIT edited();
}

void ExperimentForm::revalidate() {
  check_key_.clear();
  check_problem_.clear();
  check_axis_ = -1;
  trial_count_ = -1;
  try {
    validateExperiment(spec_);
    try {
      // A tpe study's trials follow from the results before them; their number is known.
      trial_count_ = static_cast<int>(spec_.search.method == SearchMethod::Tpe
                                          ? sweeplab::trialCount(spec_)
                                          : static_cast<long long>(expandTrials(spec_).size()));
    } catch (const SpecError& e) {
      check_key_ = "sweep";  // a swept value is out of range for its key
      check_problem_ = QString::fromStdString(e.key() + ": " + e.problem());
      check_axis_ = lastAxisOf(spec_, e.key());
    }
  } catch (const SpecError& e) {
    // A problem with a swept key is one of its swept values: the sweep editor shows it.
    const bool swept = isSwept(spec_, e.key()) || e.key().rfind("sweep", 0) == 0;
    check_key_ = swept ? "sweep" : e.key();
    check_problem_ = QString::fromStdString(swept ? e.key() + ": " + e.problem() : e.problem());
    if (swept) check_axis_ = lastAxisOf(spec_, e.key());
  } catch (const InputError& e) {
    check_key_ = "sweep";
    check_problem_ = QString::fromUtf8(e.what());
  }
  QStringList sweep_warnings;
  for (const SweepAxis& axis : spec_.sweep) {
    QString reason;
    for (const std::string& value : axis.values) {
      reason = unusualSweptValueReason(spec_, axis.key, value);
      if (!reason.isEmpty()) break;
    }
    sweep_warnings << reason;
  }
  sweep_->setWarnings(sweep_warnings);
  for (KeyField* field : fields_) {
    const std::string& key = field->info().key;
    field->setRelevant(isRelevant(key, spec_));
    field->setSwept(sweptValues(spec_, key));
    // A swept key's single value does not train; its swept values are checked above.
    field->setWarning(isSwept(spec_, key) || !isRelevant(key, spec_)
                          ? QString()
                          : unusualValueReason(spec_, key));
  }
  model_details_->showModel(spec_.model);
  sweep_->setTrialCount(trial_count_ < 0 ? -1 : trial_count_);
  showProblems();
  const bool valid =
      input_problems_.empty() && sweep_input_problem_.isEmpty() && check_problem_.isEmpty();
  valid_ = valid;
  cost_preview_->setSpec(spec_, valid ? trial_count_ : -1);
  Q_EMIT validityChanged(valid);
}

KeyField* ExperimentForm::fieldForProblem(const std::string& key) const {
  KeyField* best = nullptr;
  for (KeyField* field : fields_) {
    const std::string& candidate = field->info().key;
    const bool prefix = key.size() > candidate.size() && key.rfind(candidate, 0) == 0 &&
                        (key[candidate.size()] == '.' || key[candidate.size()] == '[');
    if (candidate == key) return field;
    if (prefix && (!best || candidate.size() > best->info().key.size())) best = field;
  }
  return best;
}

void ExperimentForm::showProblems() {
  KeyField* checked = check_key_.rfind("sweep", 0) == 0 ? nullptr : fieldForProblem(check_key_);
  std::vector<int> page_problems(kFormPageCount, 0);
  for (KeyField* field : fields_) {
    QString problem;
    if (auto found = input_problems_.find(field->info().key); found != input_problems_.end())
      problem = found->second;
    else if (field == checked)
      problem = check_problem_;
    field->setProblem(problem);
    if (!problem.isEmpty()) ++page_problems[static_cast<int>(pageOf(field->info().key))];
  }
  QString sweep_problem = sweep_input_problem_;
  int sweep_axis = sweep_input_axis_;
  if (sweep_problem.isEmpty() && !check_problem_.isEmpty() && check_key_.rfind("sweep", 0) == 0) {
    sweep_problem = check_problem_;
    sweep_axis = check_axis_;
  }
  sweep_->setProblem(sweep_problem, sweep_axis);
  if (!sweep_problem.isEmpty()) ++page_problems[static_cast<int>(FormPage::Study)];
  // A page with only unusual values gets the milder sign, so a warning on a tab out of view is
  // still seen before Run.
  std::vector<int> page_warnings(kFormPageCount, 0);
  for (KeyField* field : fields_)
    if (!field->warning().isEmpty()) ++page_warnings[static_cast<int>(pageOf(field->info().key))];
  for (int axis = 0; axis < static_cast<int>(spec_.sweep.size()); ++axis)
    if (!sweep_->warning(axis).isEmpty()) ++page_warnings[static_cast<int>(FormPage::Study)];
  const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
  const QIcon unusual = style()->standardIcon(QStyle::SP_MessageBoxInformation);
  for (int page = 0; page < tabs_->count() && page < kFormPageCount; ++page)
    tabs_->setTabIcon(page, page_problems[page] > 0   ? warning
                            : page_warnings[page] > 0 ? unusual
                                                      : QIcon());

  const QString first = firstProblem();
  banner_->setText(first.isEmpty() ? QString() : QStringLiteral("⚠ ") + first);
  banner_->setVisible(!first.isEmpty());
  // A problem that no field shows (an unknown key of a hand-written file) still needs a place.
  if (!check_problem_.isEmpty() && !checked && check_key_.rfind("sweep", 0) != 0)
    banner_->setText(
        QStringLiteral("⚠ %1: %2").arg(QString::fromStdString(check_key_), check_problem_));
}

int ExperimentForm::preferredHeight() const {
  int height = tabs_->tabBar()->sizeHint().height();
  if (auto* page = qobject_cast<QScrollArea*>(tabs_->currentWidget()); page && page->widget())
    height += page->widget()->sizeHint().height();
  if (banner_->isVisibleTo(this))
    height += banner_->heightForWidth(std::max(width(), 200)) + layout()->spacing();
  if (cost_preview_->isVisibleTo(this))
    height += cost_preview_->sizeHint().height() + layout()->spacing();
  return height + 2 * tabs_->style()->pixelMetric(QStyle::PM_DefaultFrameWidth);
}

QString ExperimentForm::firstProblem() const {
  for (KeyField* field : fields_)
    if (!field->problem().isEmpty())
      return QStringLiteral("%1 (%2): %3")
          .arg(field->label()->text(), field->key(), field->problem());
  if (!sweep_->problem().isEmpty()) return tr("Sweep: %1").arg(sweep_->problem());
  if (!check_problem_.isEmpty())
    return QStringLiteral("%1: %2").arg(QString::fromStdString(check_key_), check_problem_);
  return {};
}

QString ExperimentForm::problemFor(const QString& key) const {
  if (key == QLatin1String("sweep")) return sweep_->problem();
  KeyField* found = field(key);
  return found ? found->problem() : QString();
}

KeyField* ExperimentForm::field(const QString& key) const {
  for (KeyField* field : fields_)
    if (field->key() == key) return field;
  return nullptr;
}

}  // namespace sweeplab::ui
