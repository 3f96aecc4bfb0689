// sweeplab-tpe-bench: the best value Sweeplab's TPE (default and with normalised kernels) and
// random search find on Branin and Hartmann-6 after 50 trials, for seeds 0..19, as JSON on
// stdout; arguments: seeds, trials. tpe_vs_optuna.py runs it and
// Optuna's TPESampler on the same functions and budget and compares the medians.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sweeplab/search/function_study.h"
#include "sweeplab/search/sampler.h"
#include "sweeplab/search/test_functions.h"

using namespace sweeplab::search;
namespace tf = sweeplab::search::testfunctions;

namespace {

struct Problem {
  const char* name;
  SearchSpace space;
  double (*function)(const std::vector<double>&);
};

std::string numbers(const std::vector<double>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + shortestText(values[i]);
  return text + "]";
}

}  // namespace

int main(int argc, char** argv) {
  const int seeds = argc > 1 ? std::atoi(argv[1]) : 20;
  const int trials = argc > 2 ? std::atoi(argv[2]) : 50;
  const Problem problems[] = {{"branin", tf::braninSpace(), tf::branin},
                              {"hartmann6", tf::hartmann6Space(), tf::hartmann6}};
  std::printf("{\"seeds\": %d, \"trials\": %d, \"functions\": {", seeds, trials);
  bool firstProblem = true;
  for (const Problem& problem : problems) {
    std::vector<double> tpeBest;
    std::vector<double> normalizedBest;
    std::vector<double> randomBest;
    const auto start = std::chrono::steady_clock::now();
    for (int seed = 0; seed < seeds; ++seed) {
      const TpeSampler tpe(problem.space, static_cast<std::uint64_t>(seed), Direction::Minimize);
      tpeBest.push_back(runFunctionStudy(tpe, problem.function, trials).back().bestSoFar);
    }
    const double tpeSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    TpeOptions normalized;
    normalized.normalizedKernels = true;
    for (int seed = 0; seed < seeds; ++seed) {
      const auto s = static_cast<std::uint64_t>(seed);
      const TpeSampler tpe(problem.space, s, Direction::Minimize, normalized);
      normalizedBest.push_back(runFunctionStudy(tpe, problem.function, trials).back().bestSoFar);
      const RandomSampler random(problem.space, s);
      randomBest.push_back(runFunctionStudy(random, problem.function, trials).back().bestSoFar);
    }
    std::printf(
        "%s\"%s\": {\"tpe\": %s, \"tpe_normalized\": %s, \"random\": %s, \"tpe_seconds\": %.3f}",
        firstProblem ? "" : ", ", problem.name, numbers(tpeBest).c_str(),
        numbers(normalizedBest).c_str(), numbers(randomBest).c_str(), tpeSeconds);
    firstProblem = false;
  }
  std::printf("}}\n");
  return 0;
}
