// Growing the regression trees of the importance forest (see regression_forest.h for the rules
// and why they follow scikit-learn's).
#include "regression_forest.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

namespace sweeplab::forest {
namespace {

// scikit-learn's constants: a node whose variance is below machine epsilon is pure, and two
// feature values closer than 1e-7 cannot be told apart by a split.
constexpr double kPureVariance = std::numeric_limits<double>::epsilon();
constexpr double kFeatureResolution = 1e-7;

struct Split {
  int feature = -1;
  int position = 0;  // first sample (in the node's order after sorting by feature) going right
  double threshold = 0;
  double score = -std::numeric_limits<double>::infinity();
};

class TreeGrower {
 public:
  TreeGrower(const std::vector<std::vector<double>>& rows, const std::vector<double>& results,
             const std::vector<double>& weights, const ForestOptions& options, std::mt19937& random)
      : rows_(rows), results_(results), weights_(weights), options_(options), random_(random) {}

  RegressionTree grow(std::vector<int> samples) {
    samples_ = std::move(samples);
    tree_.clear();
    growNode(0, static_cast<int>(samples_.size()), 0);
    return std::move(tree_);
  }

 private:
  // Grows the node of samples_[begin, end) and returns its index in tree_.
  int growNode(int begin, int end, int depth) {
    double weight = 0, sum = 0, squares = 0;
    for (int i = begin; i < end; ++i) {
      const double w = weights_[samples_[i]], y = results_[samples_[i]];
      weight += w;
      sum += w * y;
      squares += w * y * y;
    }
    const int node = static_cast<int>(tree_.size());
    tree_.push_back({});
    tree_[node].value = sum / weight;
    const double variance = squares / weight - tree_[node].value * tree_[node].value;
    const int count = end - begin;
    if (depth >= options_.max_depth || count < options_.min_samples_split ||
        count < 2 * options_.min_samples_leaf || variance <= kPureVariance)
      return node;

    const Split split = bestSplit(begin, end, sum, weight);
    if (split.feature < 0) return node;
    sortByFeature(begin, end, split.feature);
    tree_[node].feature = split.feature;
    tree_[node].threshold = split.threshold;
    const int left = growNode(begin, begin + split.position, depth + 1);
    tree_[node].left = left;
    const int right = growNode(begin + split.position, end, depth + 1);
    tree_[node].right = right;
    return node;
  }

  void sortByFeature(int begin, int end, int feature) {
    std::stable_sort(samples_.begin() + begin, samples_.begin() + end,
                     [&](int a, int b) { return rows_[a][feature] < rows_[b][feature]; });
  }

  // The split with the largest drop in weighted squared error, which is the largest
  // sum_left^2 / w_left + sum_right^2 / w_right. Features are tried in a random order and a tie
  // keeps the first, so which of two equally good keys splits is the seed's choice.
  Split bestSplit(int begin, int end, double sum, double weight) {
    std::vector<int> features(rows_.front().size());
    std::iota(features.begin(), features.end(), 0);
    std::shuffle(features.begin(), features.end(), random_);
    Split best;
    for (int feature : features) {
      sortByFeature(begin, end, feature);
      const auto x = [&](int i) { return rows_[samples_[i]][feature]; };
      if (x(end - 1) <= x(begin) + kFeatureResolution) continue;  // constant here
      double leftSum = 0, leftWeight = 0;
      for (int i = begin + 1; i < end; ++i) {
        leftSum += weights_[samples_[i - 1]] * results_[samples_[i - 1]];
        leftWeight += weights_[samples_[i - 1]];
        if (x(i) <= x(i - 1) + kFeatureResolution) continue;
        const int leftCount = i - begin;
        if (leftCount < options_.min_samples_leaf || end - i < options_.min_samples_leaf) continue;
        const double rightSum = sum - leftSum, rightWeight = weight - leftWeight;
        const double score = leftSum * leftSum / leftWeight + rightSum * rightSum / rightWeight;
        if (score > best.score) {
          best = {feature, leftCount, x(i - 1) / 2 + x(i) / 2, score};
          if (best.threshold == x(i)) best.threshold = x(i - 1);  // rounding: keep x(i) right
        }
      }
    }
    return best;
  }

  const std::vector<std::vector<double>>& rows_;
  const std::vector<double>& results_;
  const std::vector<double>& weights_;
  const ForestOptions& options_;
  std::mt19937& random_;
  std::vector<int> samples_;
  RegressionTree tree_;
};

}  // namespace

std::vector<RegressionTree> fitForest(const std::vector<std::vector<double>>& rows,
                                      const std::vector<double>& results,
                                      const ForestOptions& options) {
  std::vector<RegressionTree> forest;
  if (rows.empty() || rows.front().empty()) return forest;
  const int n = static_cast<int>(rows.size());
  std::mt19937 random(options.seed);
  std::uniform_int_distribution<int> draw(0, n - 1);
  for (int t = 0; t < options.trees; ++t) {
    // A bootstrap sample as weights: a row drawn k times counts k times in every sum, and the
    // rows never drawn stay out of the tree.
    std::vector<double> weights(n, options.bootstrap ? 0.0 : 1.0);
    if (options.bootstrap)
      for (int i = 0; i < n; ++i) weights[draw(random)] += 1;
    std::vector<int> samples;
    for (int i = 0; i < n; ++i)
      if (weights[i] > 0) samples.push_back(i);
    TreeGrower grower(rows, results, weights, options, random);
    forest.push_back(grower.grow(std::move(samples)));
  }
  return forest;
}

double predict(const RegressionTree& tree, const std::vector<double>& row) {
  int node = 0;
  while (tree[node].feature >= 0)
    node = row[tree[node].feature] <= tree[node].threshold ? tree[node].left : tree[node].right;
  return tree[node].value;
}

}  // namespace sweeplab::forest
