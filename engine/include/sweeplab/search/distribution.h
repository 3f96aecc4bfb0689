// The distributions a searched key is drawn from (log_uniform, uniform, int_uniform,
// int_log_uniform, choice, optionally quantised by a step), and the uniform random source that
// every draw starts from. A value has two forms: the text a trial is given, as the grid gives its
// swept values ("0.001", "64", "[64, 32]"), and an internal number (the value itself, or the
// index of a choice) that samplers compute with. The text parses back to the same number, so a
// study rebuilt from stored trials sees exactly the values its sampler suggested.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sweeplab {
class DeterministicRandom;
}

namespace sweeplab::search {

// Uniform numbers in [0, 1); distributions and samplers draw only through this.
class UniformSource {
 public:
  virtual ~UniformSource() = default;
  virtual double next() = 0;
};

// An independent stream for each (seed, stream) pair: the same numbers on every run and
// platform, and no overlap between neighbouring seeds or streams (both are hashed first).
class SeededUniformSource : public UniformSource {
 public:
  SeededUniformSource(std::uint64_t seed, std::uint64_t stream);
  ~SeededUniformSource() override;
  double next() override;

 private:
  std::unique_ptr<DeterministicRandom> random_;
};

enum class DistributionKind { Uniform, LogUniform, IntUniform, IntLogUniform, Choice };

// Built only through the factories, which refuse contradictions with an InputError that says
// what to write instead; the experiment file adds the file and line when it wires this in.
class Distribution {
 public:
  static Distribution uniform(double low, double high, std::optional<double> step = {});
  static Distribution logUniform(double low, double high);
  static Distribution intUniform(long long low, long long high, long long step = 1);
  static Distribution intLogUniform(long long low, long long high);
  static Distribution choice(std::vector<std::string> values);

  DistributionKind kind() const { return kind_; }
  double low() const { return low_; }
  double high() const { return high_; }
  std::optional<double> step() const { return step_; }  // uniform with step, int_uniform
  const std::vector<std::string>& choices() const { return choices_; }
  bool isLog() const;

  // One draw, as Optuna's RandomSampler draws it: log keys uniform in the logarithm, integer and
  // stepped keys rounded from a range widened by half a step, choices equally likely.
  double sample(UniformSource& source) const;

  // The trial's text for an internal value, and back. parse() throws InputError for text
  // that is not a value of this distribution.
  std::string format(double value) const;
  double parse(const std::string& text) const;
  // The internal value the text of `value` parses back to (step values lose float noise).
  double canonical(double value) const { return parse(format(value)); }

  // "log_uniform [1e-05, 0.1]", "choice of 3", for messages.
  std::string describe() const;

 private:
  Distribution() = default;

  DistributionKind kind_ = DistributionKind::Uniform;
  double low_ = 0.0;
  double high_ = 0.0;
  std::optional<double> step_;
  std::vector<std::string> choices_;
};

// Shortest decimal text that reads back as exactly `value` ("0.001", "1e-05", "3.25").
std::string shortestText(double value);

}  // namespace sweeplab::search
