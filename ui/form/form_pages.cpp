// Page scaffolding only; what goes where is decided in field_layout.cpp.
#include "form/form_pages.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

#include "form/key_field.h"
#include "form/model_details.h"
#include "form/sweep_editor.h"

namespace sweeplab::ui {

bool isFormType(const std::string& type) {
  return type == "string" || type == "integer" || type == "number" || type == "boolean" ||
         type == "choice" || type == "integer-list" || type == "string-list";
}

FormPages::FormPages(QTabWidget* tabs) {
  for (int index = 0; index < kFormPageCount; ++index) {
    auto* scroll = new QScrollArea(tabs);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    Page& page = pages_[index];
    page.body = new QVBoxLayout(content);
    page.body->setContentsMargins(8, 6, 8, 6);
    auto* columns = new QHBoxLayout;
    columns->setSpacing(24);
    for (QFormLayout*& column : page.columns) {
      column = new QFormLayout;
      column->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
      column->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
      column->setVerticalSpacing(5);
      columns->addLayout(column, 1);
    }
    page.body->addLayout(columns);
    scroll->setWidget(content);
    tabs->addTab(scroll, pageTitle(static_cast<FormPage>(index)));
  }
}

void FormPages::addField(KeyField* field) {
  const std::string& key = field->info().key;
  Page& page = pages_[static_cast<int>(pageOf(key))];
  QFormLayout* column = page.columns[columnOf(key)];
  column->addRow(field->label(), field->cell());
}

void FormPages::addSweepEditor(SweepEditor* editor) {
  Page& page = pages_[static_cast<int>(FormPage::Study)];
  auto* title =
      new QLabel(QObject::tr("<b>Swept keys</b> (trials are the grid over them, times "
                             "the repeats)"));
  page.body->addSpacing(4);
  page.body->addWidget(title);
  page.body->addWidget(editor);
  page.body->addStretch(1);
  for (Page& other : pages_)
    if (&other != &page) other.body->addStretch(1);
}

void FormPages::addModelDetails(ModelDetails* details) {
  Page& page = pages_[static_cast<int>(FormPage::Model)];
  auto* group = new QGroupBox(QObject::tr("Layers"));
  auto* layout = new QVBoxLayout(group);
  layout->addWidget(details);
  page.columns[1]->addRow(group);
}

}  // namespace sweeplab::ui
