// Sweep insight: a run's results arranged against its swept keys. These are the numbers behind
// the Summary views (one swept key: a result against each value; two keys: a heatmap; more:
// parallel coordinates), the "by value" results table and the importance of each key. Plain
// data, no Qt, so the views, the exported figures, the report and the CLI read the same numbers.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sweeplab/metrics.h"
#include "sweeplab/repeat_statistics.h"

namespace sweeplab {

// The results a person can put on the y axis (or colour a heatmap or line by).
enum class InsightResult {
  BestValAcc,   // TrialSummary::best_val_acc
  FinalValAcc,  // validation accuracy of the last completed epoch
  TestAcc,      // the tested checkpoint on the test split
  TestLoss,
  WallSeconds,      // the trial's training time
  SecondsPerEpoch,  // wall_seconds / epochs_completed
  Steps,            // optimizer steps taken
};
std::vector<InsightResult> allInsightResults();       // in the order above
std::string insightResultName(InsightResult result);  // for people: "test accuracy"
std::string insightResultKey(InsightResult result);   // for files and the CLI: "test_acc"
// Parses insightResultKey's names; throws InputError listing them.
InsightResult insightResultFromKey(const std::string& key);
bool higherIsBetter(InsightResult result);  // accuracies; losses and costs are lower-is-better
// The trial's value of `result` as its summary holds it now (a running trial's latest epoch);
// NaN when it has none yet (not tested, no test split, no epoch done, never ran). The grouping
// functions below count finished trials only.
double insightResultValue(const TrialSummary& trial, InsightResult result);

// A swept key and the values its trials took.
struct SweptKey {
  std::string key;                  // dotted: "training.batch_size"
  std::vector<std::string> values;  // distinct, in the order of first appearance (file order)
  bool numeric = false;             // every value parses as a number: sorted ascending in values
  bool log_scale = false;  // numeric, all positive, and a learning rate or weight decay key, or
                           // values spanning more than two decades
};
// The keys the trials were swept over, in file order. A sweep of training.seed alone (repeats)
// is not a key: seeds are repeats, shown as error bars.
std::vector<SweptKey> sweptKeys(const RunSummary& summary);
// True when the trials cover every combination of the swept keys' values (a grid); a random or
// hand-picked set of trials is not.
bool isFullGrid(const RunSummary& summary);
// The swept key named `key`, dotted ("training.batch_size") or short ("batch_size"); throws
// InputError naming the swept keys when it is none of them. The functions below that take a key
// accept both forms.
SweptKey findSweptKey(const RunSummary& summary, const std::string& key);

// One value of one swept key, and the trials that had it.
struct ValueGroup {
  std::string value;
  double number = kNoValue;     // the value as a number; NaN for a category
  std::vector<int> trials;      // positions in RunSummary::trials of the trials with a result
  std::vector<double> results;  // their results, in the same order (the seeds' dots)
  MeanStd result;               // over results
  MeanStd wall_seconds;         // of the same trials
};
// Only finished trials with a finite result count; a value none of them reached still has its
// group (n = 0), so the axis shows every value of the sweep.
std::vector<ValueGroup> groupByValue(const RunSummary& summary, const std::string& key,
                                     InsightResult result);

// The two-key grid: one cell per pair of values; cells[y * x_key.values.size() + x].
struct HeatmapCell {
  int x = 0, y = 0;         // positions in x_key.values and y_key.values
  std::vector<int> trials;  // finished trials with a result (n = 0: not run)
  MeanStd result;
};
struct Heatmap {
  SweptKey x_key, y_key;
  std::vector<HeatmapCell> cells;
};
Heatmap heatmap(const RunSummary& summary, const std::string& x_key, const std::string& y_key,
                InsightResult result);

// Importance: the share of the result's variance each swept key explains, by functional ANOVA
// (fANOVA) over a random-forest fit of the result against the keys, as Optuna's default
// FanovaImportanceEvaluator computes it (64 trees of depth up to 64 on bootstrap samples; a
// key's share is the variance of its main effect over each tree's variance, averaged over the
// trees). Shares are >= 0 and sum to 1 over the keys (all 0 when the result does not vary). One
// difference, on purpose: a log-scale key is fitted on the logarithm of its values, so that each
// decade of a learning-rate sweep weighs the same (Optuna 3.1 fits it in linear space, where
// 0.01 to 0.1 is 90 % of a 1e-5 to 0.1 range).
struct ImportanceOptions {
  int trees = 64;
  int max_depth = 64;
  unsigned seed = 0;  // same seed, same importances
};
struct KeyImportance {
  std::string key;
  double importance = 0;
};
// A plain table: one row per trial, one column per key. A numeric key's column holds the value
// (its base-10 logarithm for a log-scale key), a category's the index of its value; categories
// are fitted as one-hot columns judged together, as Optuna does, so no order between them is
// invented. A key with one value in the table gets importance 0.
struct ImportanceTable {
  std::vector<std::string> keys;
  std::vector<bool> categorical;          // per key
  std::vector<std::vector<double>> rows;  // rows[trial][key]
  std::vector<double> results;            // per row
};
std::vector<KeyImportance> fanovaImportance(const ImportanceTable& table,
                                            const ImportanceOptions& options = {});
// The run's finished trials with a finite result as an ImportanceTable over sweptKeys().
ImportanceTable importanceTable(const RunSummary& summary, InsightResult result);
// Sorted most important first. Cost: a few milliseconds for a 25-trial grid, about 0.7 s for
// 1000 trials over an 8-value category and three numeric keys (one core of an EPYC), growing
// with the trials and with 2^(values) for a category; compute it off the GUI thread for a large
// run.
std::vector<KeyImportance> keyImportance(const RunSummary& summary, InsightResult result,
                                         const ImportanceOptions& options = {});

}  // namespace sweeplab
