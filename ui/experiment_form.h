// The experiment as a form: one row per key of the key table, grouped in tabs, the sweep, and
// the chosen model's layers. It edits an ExperimentSpec in place, so keys without a row and
// values nobody touched stay exactly as loaded. Problems are marked at the field they concern.
#pragma once

#include <QString>
#include <QWidget>
#include <map>
#include <string>
#include <vector>

#include "sweeplab/experiment_spec.h"

class QLabel;
class QTabWidget;

namespace sweeplab::ui {

class CostPreview;
class KeyField;
class ModelDetails;
class SweepEditor;

class ExperimentForm : public QWidget {
  Q_OBJECT
 public:
  explicit ExperimentForm(QWidget* parent = nullptr);

  // Shows the spec; clears every problem from earlier input. Emits validityChanged().
  void setSpec(const ExperimentSpec& spec);
  // The spec as edited; values still marked as problems keep their last good value.
  const ExperimentSpec& spec() const { return spec_; }
  // The study now lives in this file (it was saved there): relative data paths that pointed
  // from the old folder become absolute, as the saved file writes them.
  void setSourceFile(const QString& path);

  bool isValid() const { return valid_; }
  QString firstProblem() const;                    // "Learning rate: ..." or empty
  QString problemFor(const QString& key) const;    // the mark on that key's field ("sweep" too)
  int trialCount() const { return trial_count_; }  // -1 while the spec does not expand
  // The height that shows the current page and the problem line without scrolling.
  int preferredHeight() const;

  KeyField* field(const QString& key) const;
  SweepEditor* sweepEditor() const { return sweep_; }
  ModelDetails* modelDetails() const { return model_details_; }
  // The line under the form with the study's trials, steps and estimated time.
  CostPreview* costPreview() const { return cost_preview_; }

 Q_SIGNALS:
  void edited();  // a person changed a value
  void validityChanged(bool valid);

 private:
  void buildPages();
  void fieldEdited(KeyField* field);
  void sweepEdited();
  void revalidate();
  void showProblems();
  KeyField* fieldForProblem(const std::string& key) const;

  ExperimentSpec spec_;
  std::vector<KeyField*> fields_;
  std::map<std::string, QString> input_problems_;  // values that applyOverride refused
  QString sweep_input_problem_;
  int sweep_input_axis_ = -1;  // the sweep row without values
  std::string check_key_;      // the key validation complained about, "sweep" for the grid
  QString check_problem_;
  int check_axis_ = -1;  // the sweep row the problem is about; -1: none or the whole grid
  int trial_count_ = -1;
  bool valid_ = true;

  QTabWidget* tabs_ = nullptr;
  SweepEditor* sweep_ = nullptr;
  ModelDetails* model_details_ = nullptr;
  QLabel* banner_ = nullptr;
  CostPreview* cost_preview_ = nullptr;
};

}  // namespace sweeplab::ui
