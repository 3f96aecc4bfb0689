// One key of the experiment file as a form row: an editor chosen by the key's type in the key
// table, its label and tooltip, the value as YAML text for applyOverride, and the problem and
// warning marks.
#pragma once

#include <QObject>
#include <QString>

#include "sweeplab/experiment_keys.h"
#include "sweeplab/experiment_spec.h"

class QLabel;
class QWidget;

namespace sweeplab::ui {

class KeyField : public QObject {
  Q_OBJECT
 public:
  KeyField(const KeyInfo& info, QWidget* parent);

  const KeyInfo& info() const { return info_; }
  QString key() const { return QString::fromStdString(info_.key); }
  QWidget* editor() const { return editor_; }
  QLabel* label() const { return label_; }
  // What the form lays out beside the label: the editor, or the swept values in its place.
  QWidget* cell() const { return cell_; }

  // Shows the spec's value without emitting edited().
  void show(const ExperimentSpec& spec);
  // What the editor holds as YAML text for applyOverride; sets *problem when it cannot be
  // one (not a number, empty where a value is needed).
  QString valueText(QString* problem) const;
  // Marks the editor (red frame, reason in the tooltip); an empty problem clears the mark.
  void setProblem(const QString& problem);
  QString problem() const { return problem_; }
  // Marks an allowed but unusual value (yellow frame, reason in the tooltip); a problem's mark
  // wins. Empty clears it.
  void setWarning(const QString& warning);
  QString warning() const { return warning_; }
  void setRelevant(bool relevant);
  // A swept key's value comes from the sweep: the editor gives way to "swept: 32, 64, 128" and
  // cannot be edited here. Empty values: not swept, the editor is back.
  void setSwept(const QStringList& values);
  bool isSwept() const { return swept_; }
  QString sweptText() const;  // "swept: 32, 64, 128", empty when not swept
  // Relative dataset paths are picked and shown against this folder.
  void setBaseDirectory(const QString& directory);

 Q_SIGNALS:
  void edited();

 private:
  enum class Kind { Integer, Number, Boolean, Choice, EditableChoice, Text, Path, List };

  void createEditor(QWidget* parent);
  QString helpText() const;

  KeyInfo info_;
  Kind kind_ = Kind::Text;
  void updateEnabled();
  void updateMark();

  QWidget* editor_ = nullptr;
  QWidget* cell_ = nullptr;
  QLabel* label_ = nullptr;
  QLabel* swept_note_ = nullptr;
  QString problem_;
  QString warning_;
  bool relevant_ = true;
  bool swept_ = false;
};

}  // namespace sweeplab::ui
