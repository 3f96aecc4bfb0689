// Editors per key type. Values travel as YAML text through getValue/applyOverride, the same
// path the command line's --set takes, so the form cannot drift from the file format.
#include "form/key_field.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <climits>
#include <cmath>

#include "display_format.h"
#include "form/field_layout.h"
#include "form/path_picker.h"
#include "form/yaml_text.h"
#include "sweeplab/model_catalog.h"

namespace sweeplab::ui {

namespace {
const char* const kInvalidStyle = "border: 1px solid #c62828; border-radius: 3px;";
const char* const kWarningStyle =
    "border: 1px solid #c79100; border-radius: 3px; background: #fff8e1;";

int clampToInt(double value) {
  if (value <= INT_MIN) return INT_MIN + 1;
  if (value >= INT_MAX) return INT_MAX;
  return static_cast<int>(value);
}

QStringList choicesFor(const KeyInfo& info) {
  QStringList choices;
  for (const std::string& choice : info.choices) choices << QString::fromStdString(choice);
  if (info.key == "model.name") {
    for (const std::string& name : catalogModelNames())
      if (!choices.contains(QString::fromStdString(name))) choices << QString::fromStdString(name);
    if (!choices.contains(QStringLiteral("mlp"))) choices << QStringLiteral("mlp");
  }
  return choices;
}
}  // namespace

KeyField::KeyField(const KeyInfo& info, QWidget* parent) : QObject(parent), info_(info) {
  label_ = new QLabel(fieldLabel(info_.key), parent);
  cell_ = new QWidget(parent);
  auto* cell_layout = new QHBoxLayout(cell_);
  cell_layout->setContentsMargins(0, 0, 0, 0);
  createEditor(cell_);
  cell_layout->addWidget(editor_);
  swept_note_ = new QLabel(cell_);
  swept_note_->setObjectName(key() + QStringLiteral(".swept"));
  swept_note_->setWordWrap(true);
  swept_note_->setMinimumHeight(editor_->sizeHint().height());
  QFont italic = swept_note_->font();
  italic.setItalic(true);
  swept_note_->setFont(italic);
  swept_note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  swept_note_->setToolTip(
      tr("This key is swept: each trial takes one of these values. Edit them under "
         "Swept keys on the Study tab; remove the key there to set one value here."));
  swept_note_->hide();
  cell_layout->addWidget(swept_note_, 1);
  label_->setBuddy(editor_);
  // Numbers and choices are short; only free text, paths and lists use the full width.
  if (kind_ != Kind::Text && kind_ != Kind::Path && kind_ != Kind::List)
    cell_->setMaximumWidth(260);
  editor_->setObjectName(key());
  const QString help = helpText();
  editor_->setToolTip(help);
  label_->setToolTip(help);
}

void KeyField::createEditor(QWidget* parent) {
  const std::string& type = info_.type;
  if (info_.key == "dataset.path") {
    kind_ = Kind::Path;
    auto* picker = new PathPicker(parent);
    connect(picker, &PathPicker::edited, this, &KeyField::edited);
    editor_ = picker;
  } else if (type == "integer") {
    kind_ = Kind::Integer;
    auto* spin = new QSpinBox(parent);
    int low = clampToInt(info_.min_exclusive ? info_.min + 1 : info_.min);
    int high = clampToInt(info_.max_exclusive ? info_.max - 1 : info_.max);
    if (info_.nullable) {
      --low;  // the value below the range stands for "unset"
      spin->setSpecialValueText(tr("unset"));
    }
    spin->setRange(low, high);
    if (info_.key == "parallel_trials") spin->setSpecialValueText(tr("one per core"));
    spin->setGroupSeparatorShown(high > 99999);
    spin->setMinimumWidth(110);
    connect(spin, &QSpinBox::valueChanged, this, &KeyField::edited);
    editor_ = spin;
  } else if (type == "boolean") {
    kind_ = Kind::Boolean;
    auto* check = new QCheckBox(parent);
    connect(check, &QCheckBox::toggled, this, &KeyField::edited);
    editor_ = check;
  } else if (type == "choice" || info_.key == "model.name" || info_.key == "device") {
    const bool editable = info_.key == "device";
    kind_ = editable ? Kind::EditableChoice : Kind::Choice;
    auto* combo = new QComboBox(parent);
    combo->setEditable(editable);
    combo->addItems(choicesFor(info_));
    if (editable)
      connect(combo, &QComboBox::currentTextChanged, this, &KeyField::edited);
    else
      connect(combo, &QComboBox::activated, this, &KeyField::edited);
    editor_ = combo;
  } else {
    kind_ = type == "number"                                    ? Kind::Number
            : (type == "integer-list" || type == "string-list") ? Kind::List
                                                                : Kind::Text;
    auto* line = new QLineEdit(parent);
    if (kind_ == Kind::Number) line->setPlaceholderText(tr("e.g. 1e-3"));
    if (kind_ == Kind::List) line->setPlaceholderText(tr("comma separated, e.g. 64, 32"));
    if (info_.nullable && kind_ != Kind::List) line->setPlaceholderText(tr("unset"));
    connect(line, &QLineEdit::textEdited, this, &KeyField::edited);
    editor_ = line;
  }
}

QString KeyField::helpText() const {
  QString text = QStringLiteral("<b>%1</b>").arg(key().toHtmlEscaped());
  if (!info_.help.empty())
    text += QStringLiteral("<br>%1").arg(QString::fromStdString(info_.help).toHtmlEscaped());
  const std::string allowed = describeAllowed(info_);
  if (!allowed.empty())
    text += QStringLiteral("<br><i>Allowed:</i> %1")
                .arg(QString::fromStdString(allowed).toHtmlEscaped());
  if (!info_.default_value.empty())
    text += QStringLiteral("<br><i>Default:</i> %1")
                .arg(QString::fromStdString(info_.default_value).toHtmlEscaped());
  if (!problem_.isEmpty())
    text += QStringLiteral("<br><span style='color:#c62828'><b>Problem:</b> %1</span>")
                .arg(problem_.toHtmlEscaped());
  else if (!warning_.isEmpty())
    text += QStringLiteral("<br><span style='color:#8a6500'><b>Unusual:</b> %1</span>")
                .arg(warning_.toHtmlEscaped());
  return text;
}

void KeyField::show(const ExperimentSpec& spec) {
  const QString value = QString::fromStdString(getValue(spec, info_.key));
  const QSignalBlocker blocker(editor_);
  switch (kind_) {
    case Kind::Integer: {
      auto* spin = static_cast<QSpinBox*>(editor_);
      spin->setValue(value.isEmpty() ? spin->minimum() : value.toInt());
      break;
    }
    case Kind::Boolean:
      static_cast<QCheckBox*>(editor_)->setChecked(value == QLatin1String("true"));
      break;
    case Kind::Choice:
    case Kind::EditableChoice: {
      auto* combo = static_cast<QComboBox*>(editor_);
      const QString text = unquotedYamlString(value);
      if (combo->findText(text) < 0) combo->addItem(text);
      combo->setCurrentIndex(combo->findText(text));
      break;
    }
    case Kind::Path:
      static_cast<PathPicker*>(editor_)->setPath(unquotedYamlString(value));
      break;
    case Kind::List:
      static_cast<QLineEdit*>(editor_)->setText(withoutBrackets(value));
      break;
    case Kind::Number:
      static_cast<QLineEdit*>(editor_)->setText(value);
      break;
    case Kind::Text: {
      auto* line = static_cast<QLineEdit*>(editor_);
      line->setText(unquotedYamlString(value));
      line->setCursorPosition(0);  // long descriptions read from their start
      break;
    }
  }
}

QString KeyField::valueText(QString* problem) const {
  switch (kind_) {
    case Kind::Integer: {
      auto* spin = static_cast<QSpinBox*>(editor_);
      if (info_.nullable && spin->value() == spin->minimum()) return {};
      return QString::number(spin->value());
    }
    case Kind::Boolean:
      return static_cast<QCheckBox*>(editor_)->isChecked() ? QStringLiteral("true")
                                                           : QStringLiteral("false");
    case Kind::Choice:
    case Kind::EditableChoice:
      return quotedYamlString(static_cast<QComboBox*>(editor_)->currentText().trimmed());
    case Kind::Path:
      return quotedYamlString(static_cast<PathPicker*>(editor_)->path());
    case Kind::List:
      return QStringLiteral("[%1]").arg(static_cast<QLineEdit*>(editor_)->text().trimmed());
    case Kind::Number: {
      const QString text = static_cast<QLineEdit*>(editor_)->text().trimmed();
      double value = 0;
      if (text.isEmpty() && info_.nullable) return {};
      if (!parseDouble(text, &value))
        *problem = text.isEmpty() ? tr("a value is needed")
                                  : tr("'%1' is not a number (write e.g. 0.001 or 1e-3)").arg(text);
      return text;
    }
    case Kind::Text:
      return quotedYamlString(static_cast<QLineEdit*>(editor_)->text());
  }
  return {};
}

void KeyField::setProblem(const QString& problem) {
  if (problem == problem_) return;
  problem_ = problem;
  updateMark();
}

void KeyField::setWarning(const QString& warning) {
  if (warning == warning_) return;
  warning_ = warning;
  updateMark();
}

void KeyField::updateMark() {
  const char* style = !problem_.isEmpty()   ? kInvalidStyle
                      : !warning_.isEmpty() ? kWarningStyle
                                            : "";
  editor_->setStyleSheet(QString::fromLatin1(style));
  editor_->setToolTip(helpText());
}

void KeyField::setRelevant(bool relevant) {
  relevant_ = relevant;
  updateEnabled();
}

void KeyField::setSwept(const QStringList& values) {
  swept_ = !values.isEmpty();
  swept_note_->setText(swept_ ? tr("swept: %1").arg(values.join(QStringLiteral(", "))) : QString());
  // Hidden rather than only disabled: a greyed 128 beside a sweep of 32..512 still reads as a
  // value that might win.
  editor_->setVisible(!swept_);
  swept_note_->setVisible(swept_);
  updateEnabled();
}

QString KeyField::sweptText() const {
  return swept_ ? swept_note_->text() : QString();
}

void KeyField::updateEnabled() {
  editor_->setEnabled(relevant_ && !swept_);
  swept_note_->setEnabled(relevant_);
  label_->setEnabled(relevant_);
}

void KeyField::setBaseDirectory(const QString& directory) {
  if (kind_ == Kind::Path) static_cast<PathPicker*>(editor_)->setBaseDirectory(directory);
}

}  // namespace sweeplab::ui
