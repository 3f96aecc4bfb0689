// A random forest of regression trees, grown the way scikit-learn's RandomForestRegressor grows
// them with Optuna's fANOVA settings: bootstrap samples, every feature considered at every node
// (in a random order), splits at the midpoint between neighbouring distinct values chosen by the
// largest drop in squared error, a node kept as a leaf when it is pure, holds fewer than
// min_samples_split distinct samples or has no split that leaves min_samples_leaf on each side.
//
// Why not a library: Debian's dlib 19.24 has random-forest regression and exposes its trees, but
// its trainer splits every node of two or more samples even when they share one feature vector
// (seed repeats of one grid point, or bootstrap duplicates), at a threshold equal to that
// value. fANOVA reads each split as a partition of the key's range, so seed noise would be
// credited to an arbitrary key: on a 2 x 2 grid with 4 seeds per point, 12 of a tree's 15 splits
// were of that kind. Its thresholds are also stored as float, and there is no depth limit.
#pragma once

#include <vector>

namespace sweeplab::forest {

// One node of a tree; a leaf has feature == -1. A sample goes left when x[feature] <= threshold.
struct TreeNode {
  int feature = -1;
  double threshold = 0;
  int left = -1, right = -1;
  double value = 0;  // the mean result of the training samples in the node
};
using RegressionTree = std::vector<TreeNode>;  // nodes[0] is the root

struct ForestOptions {
  int trees = 64;
  int max_depth = 64;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  bool bootstrap = true;  // each tree sees n draws with replacement of the n rows
  unsigned seed = 0;
};

// Fits ForestOptions::trees trees to rows[i] -> results[i]. Every row has the same width.
std::vector<RegressionTree> fitForest(const std::vector<std::vector<double>>& rows,
                                      const std::vector<double>& results,
                                      const ForestOptions& options);

double predict(const RegressionTree& tree, const std::vector<double>& row);

}  // namespace sweeplab::forest
