// Seed repeats: with `repeats > 1` each grid point trains several seeds. Their final metrics are
// summarised as mean ± standard deviation, and two grid points are compared with Welch's t-test
// to say whether a difference in test accuracy is larger than the noise between seeds.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sweeplab/metrics.h"

namespace sweeplab {

inline constexpr double kSignificanceLevel = 0.05;

struct MeanStd {
  int n = 0;  // finite values counted
  double mean = kNoValue;
  double std = kNoValue;  // sample standard deviation (n - 1); NaN for fewer than two values
};
MeanStd meanStd(const std::vector<double>& values);  // NaN values are skipped

// The trials of one grid point (same swept values, different seeds). Only finished trials count
// towards the statistics: a stopped or diverged seed has no comparable final metrics.
struct GridPointStatistics {
  std::string label;  // gridPointLabel(swept)
  std::vector<std::pair<std::string, std::string>> swept;
  std::vector<int> trials;  // indices of all its trials
  int finished = 0;
  std::vector<double> test_acc_values;  // of the finished trials
  MeanStd test_acc, test_loss, best_val_acc, val_acc;
};

// A grid point's name in tables, legends and summaries: "batch_size=256, lr=0.01"; "all seeds"
// for a study of seeds alone, whose one grid point is every trial.
std::string gridPointLabel(const std::vector<std::pair<std::string, std::string>>& swept);

// Grid points in the order their first trial appears.
std::vector<GridPointStatistics> repeatStatistics(const RunSummary& summary);

// True when some grid point has more than one trial.
bool hasSeedRepeats(const RunSummary& summary);

struct WelchTest {
  bool valid = false;            // false when a side has fewer than two values
  double difference = kNoValue;  // mean(a) - mean(b)
  double t = kNoValue;
  double df = kNoValue;       // Welch-Satterthwaite degrees of freedom
  double p_value = kNoValue;  // two-sided
  bool significant() const { return valid && p_value < kSignificanceLevel; }
};
WelchTest welchTTest(const std::vector<double>& a, const std::vector<double>& b);

// P(T <= t) for Student's t distribution with `df` > 0 degrees of freedom (df need not be a
// whole number, as Welch's test gives), through the regularized incomplete beta function.
double studentTCdf(double t, double df);
// I_x(a, b) for a, b > 0 and 0 <= x <= 1 (continued fraction, Lentz's method).
double regularizedIncompleteBeta(double a, double b, double x);

// The best grid point (highest mean test accuracy) against each other one; with two grid points
// this is the one two-way comparison.
struct RepeatComparison {
  int better = 0;  // positions in repeatStatistics()
  int other = 0;
  WelchTest test;  // better's test accuracies against other's
};
std::vector<RepeatComparison> compareWithBest(const std::vector<GridPointStatistics>& points);

// The Markdown section tables print below the trials when a run has seed repeats ("" if none).
std::string repeatStatisticsMarkdown(const RunSummary& summary);
// The same as CSV, one row per grid point with its p-value against the best ("" if none).
std::string repeatStatisticsCsv(const RunSummary& summary);

}  // namespace sweeplab
