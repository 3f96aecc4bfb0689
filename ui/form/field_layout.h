// Where each key of the experiment file appears in the form, what its row is called, and when
// it matters (a CSV label column means nothing for synthetic data).
#pragma once

#include <QString>
#include <string>

#include "sweeplab/experiment_spec.h"

namespace sweeplab::ui {

enum class FormPage { Study, Data, Model, Training, Schedule, Search };
inline constexpr int kFormPageCount = 6;

QString pageTitle(FormPage page);
FormPage pageOf(const std::string& key);
// Which of the page's two columns the key goes to.
int columnOf(const std::string& key);
// "training.learning_rate" -> "Learning rate".
QString fieldLabel(const std::string& key);
// False when the key has no effect with the spec's other settings.
bool isRelevant(const std::string& key, const ExperimentSpec& spec);

}  // namespace sweeplab::ui
