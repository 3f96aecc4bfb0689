// Axes and values shared by the summary figures: a trial's swept value, axis ranges with
// readable ticks (linear, logarithmic, categorical) and result texts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "insight/summary_figures.h"

namespace sweeplab::ui {

// The trial's value of a swept key; nullopt when it was not swept in that trial.
std::optional<std::string> sweptValueOf(const TrialSummary& trial, const std::string& key);
// The text as a number; nullopt when it is not one.
std::optional<double> numberOf(const std::string& text);

// An axis over the given values: ticks at the values themselves when there are few (a swept
// key's axis), else at round numbers; a small margin keeps points off the frame. Log axes need
// positive values.
SummaryAxis valueAxis(const std::string& title, const std::vector<double>& values, bool log,
                      bool margin);
// An axis for results (nice round range and ticks); shares stay inside 0..1.
SummaryAxis resultAxis(const std::string& title, double low, double high, bool share,
                       bool fromZero);
SummaryAxis categoryAxis(const std::string& title, const std::vector<std::string>& categories);

// A key's name for people: "training.batch_size" -> "batch size".
std::string keyTitle(const std::string& key);

}  // namespace sweeplab::ui
