// The form's tabs: each page two columns of labelled rows, scrollable when the window is small.
#pragma once

#include <array>
#include <string>

#include "form/field_layout.h"

class QFormLayout;
class QTabWidget;
class QVBoxLayout;
class QWidget;

namespace sweeplab::ui {

class KeyField;
class ModelDetails;
class SweepEditor;

// Key types the form has an editor for.
bool isFormType(const std::string& type);

class FormPages {
 public:
  explicit FormPages(QTabWidget* tabs);
  void addField(KeyField* field);
  void addSweepEditor(SweepEditor* editor);     // under the Study page's rows
  void addModelDetails(ModelDetails* details);  // the Model page's right column

 private:
  struct Page {
    QVBoxLayout* body = nullptr;
    std::array<QFormLayout*, 2> columns{};
  };
  std::array<Page, kFormPageCount> pages_;
};

}  // namespace sweeplab::ui
