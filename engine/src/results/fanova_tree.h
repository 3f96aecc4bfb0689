// Functional ANOVA over one regression tree (Hutter, Hoos and Leyton-Brown 2014, "An Efficient
// Approach for Assessing Hyperparameter Importance"), as Optuna's _FanovaTree computes it. A
// tree cuts the search space (a box, one range per column) into boxes with a constant
// prediction; averaging the prediction over the other columns leaves a function of the chosen
// columns alone, and its variance over their ranges is the variance those columns explain.
#pragma once

#include <utility>
#include <vector>

#include "regression_forest.h"

namespace sweeplab::forest {

using Range = std::pair<double, double>;  // low, high

class FanovaTree {
 public:
  // `space` holds each column's range; every threshold of `tree` lies inside it.
  FanovaTree(RegressionTree tree, std::vector<Range> space);

  // The variance of the prediction over the whole space (each box weighted by its volume).
  double variance() const { return variance_; }
  // The variance of the prediction averaged over every column but `columns`, over their ranges.
  double marginalVariance(const std::vector<int>& columns) const;

 private:
  struct Statistics {
    double value = 0;   // mean prediction over the node's box
    double volume = 0;  // the box's volume
  };
  void computeStatistics();
  void computeSplitCells();
  void computeSubtreeColumns();
  // The prediction at `point` averaged over the columns it leaves NaN, and that average's
  // weight (the volume of the marginalised columns' boxes reached).
  Statistics marginalised(const std::vector<double>& point) const;

  RegressionTree tree_;
  std::vector<Range> space_;
  std::vector<Statistics> statistics_;               // per node
  std::vector<std::vector<double>> cell_midpoints_;  // per column, between its thresholds
  std::vector<std::vector<double>> cell_sizes_;
  std::vector<std::vector<bool>> subtree_columns_;  // per node: columns split below it
  double variance_ = 0;
};

}  // namespace sweeplab::forest
