// Functional ANOVA over one regression tree; a port of Optuna 3.1's _FanovaTree (see
// fanova_tree.h), so that Sweeplab's importances are the ones optuna-dashboard would show.
#include "fanova_tree.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace sweeplab::forest {
namespace {

double volumeOf(const std::vector<Range>& box) {
  double volume = 1;
  for (const auto& [low, high] : box) volume *= high - low;
  return volume;
}

// Weighted mean and variance (population form, as numpy.average computes them).
std::pair<double, double> weightedMeanVariance(const std::vector<double>& values,
                                               const std::vector<double>& weights) {
  double total = 0, sum = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    total += weights[i];
    sum += weights[i] * values[i];
  }
  const double mean = sum / total;
  double squares = 0;
  for (size_t i = 0; i < values.size(); ++i)
    squares += weights[i] * (values[i] - mean) * (values[i] - mean);
  return {mean, squares / total};
}

}  // namespace

FanovaTree::FanovaTree(RegressionTree tree, std::vector<Range> space)
    : tree_(std::move(tree)), space_(std::move(space)) {
  computeStatistics();
  computeSplitCells();
  computeSubtreeColumns();
  std::vector<double> values, volumes;
  for (size_t node = 0; node < tree_.size(); ++node) {
    if (tree_[node].feature >= 0) continue;
    values.push_back(statistics_[node].value);
    volumes.push_back(statistics_[node].volume);
  }
  variance_ = weightedMeanVariance(values, volumes).second;
}

void FanovaTree::computeStatistics() {
  // Each node's box, from the root's down; children always come after their parent.
  std::vector<std::vector<Range>> boxes(tree_.size());
  boxes[0] = space_;
  statistics_.assign(tree_.size(), {});
  for (size_t node = 0; node < tree_.size(); ++node) {
    const TreeNode& n = tree_[node];
    if (n.feature < 0) {
      statistics_[node] = {n.value, volumeOf(boxes[node])};
      continue;
    }
    boxes[n.left] = boxes[node];
    boxes[n.left][n.feature].second = n.threshold;
    boxes[n.right] = boxes[node];
    boxes[n.right][n.feature].first = n.threshold;
  }
  for (size_t node = tree_.size(); node-- > 0;) {
    const TreeNode& n = tree_[node];
    if (n.feature < 0) continue;
    const Statistics& left = statistics_[n.left];
    const Statistics& right = statistics_[n.right];
    const double volume = left.volume + right.volume;
    statistics_[node] = {(left.value * left.volume + right.value * right.volume) / volume, volume};
  }
}

void FanovaTree::computeSplitCells() {
  std::vector<std::set<double>> thresholds(space_.size());
  for (const TreeNode& n : tree_)
    if (n.feature >= 0) thresholds[n.feature].insert(n.threshold);
  cell_midpoints_.assign(space_.size(), {});
  cell_sizes_.assign(space_.size(), {});
  for (size_t column = 0; column < space_.size(); ++column) {
    std::vector<double> edges = {space_[column].first};
    edges.insert(edges.end(), thresholds[column].begin(), thresholds[column].end());
    edges.push_back(space_[column].second);
    for (size_t i = 0; i + 1 < edges.size(); ++i) {
      cell_midpoints_[column].push_back(0.5 * (edges[i] + edges[i + 1]));
      cell_sizes_[column].push_back(edges[i + 1] - edges[i]);
    }
  }
}

void FanovaTree::computeSubtreeColumns() {
  subtree_columns_.assign(tree_.size(), std::vector<bool>(space_.size(), false));
  for (size_t node = tree_.size(); node-- > 0;) {
    const TreeNode& n = tree_[node];
    if (n.feature < 0) continue;
    subtree_columns_[node][n.feature] = true;
    for (int child : {n.left, n.right})
      for (size_t column = 0; column < space_.size(); ++column)
        if (subtree_columns_[child][column]) subtree_columns_[node][column] = true;
  }
}

FanovaTree::Statistics FanovaTree::marginalised(const std::vector<double>& point) const {
  // The marginalised columns count with a unit range here: their volume comes from the
  // statistics of the nodes reached, divided by the volume of the active columns' box.
  std::vector<Range> box = space_;
  for (size_t column = 0; column < point.size(); ++column)
    if (std::isnan(point[column])) box[column] = {0.0, 1.0};

  std::vector<std::pair<int, std::vector<Range>>> stack = {{0, box}};
  std::vector<double> values, weights;
  while (!stack.empty()) {
    auto [node, nodeBox] = std::move(stack.back());
    stack.pop_back();
    const TreeNode& n = tree_[node];
    if (n.feature >= 0) {
      if (!std::isnan(point[n.feature])) {  // an active column decides the way
        const bool left = point[n.feature] <= n.threshold;
        (left ? nodeBox[n.feature].second : nodeBox[n.feature].first) = n.threshold;
        stack.emplace_back(left ? n.left : n.right, std::move(nodeBox));
        continue;
      }
      bool splitsActiveBelow = false;
      for (size_t column = 0; column < point.size(); ++column)
        if (!std::isnan(point[column]) && subtree_columns_[node][column]) splitsActiveBelow = true;
      if (splitsActiveBelow) {
        stack.emplace_back(n.left, nodeBox);
        stack.emplace_back(n.right, std::move(nodeBox));
        continue;
      }
    }
    values.push_back(statistics_[node].value);
    weights.push_back(statistics_[node].volume / volumeOf(nodeBox));
  }
  double total = 0;
  for (double w : weights) total += w;
  return {weightedMeanVariance(values, weights).first, total};
}

double FanovaTree::marginalVariance(const std::vector<int>& columns) const {
  // Every combination of the columns' cells (the product of their split intervals): the
  // marginal prediction is constant on each, so its variance is a weighted sum over them.
  std::vector<size_t> cell(columns.size(), 0);
  std::vector<double> point(space_.size(), std::nan(""));
  std::vector<double> values, weights;
  while (true) {
    double size = 1;
    for (size_t i = 0; i < columns.size(); ++i) {
      point[columns[i]] = cell_midpoints_[columns[i]][cell[i]];
      size *= cell_sizes_[columns[i]][cell[i]];
    }
    const Statistics at = marginalised(point);
    values.push_back(at.value);
    weights.push_back(at.volume * size);
    size_t i = 0;  // next combination, the first column fastest
    while (i < columns.size() && ++cell[i] == cell_midpoints_[columns[i]].size()) cell[i++] = 0;
    if (i == columns.size()) break;
  }
  return std::max(0.0, weightedMeanVariance(values, weights).second);
}

}  // namespace sweeplab::forest
