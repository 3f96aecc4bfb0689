// Synthetic jets: each class is a mixture of Gaussian clusters in a five-dimensional latent space
// (log mass, two-prong and three-prong scores, radiation width, log multiplicity), and the 16
// observables are nonlinear, noisy functions of those latents and of three per-jet nuisances the
// observables do not show directly (transverse momentum, detector response, how energy splits
// between subjets). The classes are balanced and overlap: W and Z differ mostly in mass, some W,
// Z and top jets lose their mass to grooming, a gluon at low pT resembles a quark at high pT.
// Calibrated (docs/datasets.md) so that MASE's networks score on it about as on the real data:
// jsc-tiny about 72 %, the larger networks about 74.5 %. Nothing here encodes a result; the
// constants below are the generator's physics, tuned by measuring the models on its output.
#ifdef __clang__
#pragma clang fp contract(off)  // fused multiply-adds would change the last bits per machine
#endif

#include "data/synthetic_jsc.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

#include "data/deterministic_random.h"
#include "data/portable_math.h"

namespace sweeplab {
namespace {

constexpr int kLatents = 5;  // log mass, two-prong, three-prong, width, log multiplicity
constexpr int kFeatures = 16;
constexpr std::int64_t kChunkRows = 32768;  // fixed, so the data do not depend on thread count
constexpr std::uint64_t kGeneratorSeed = 0x4A53432D53594E31ULL;
// Spread of the prong latents within a cluster, relative to the cluster table's values.
constexpr double kProngSd = 0.7;
// Noise of the prong-sensitive shape observables (D2, M2 and friends), relative to the base
// levels in the feature list: it sets how much of the prong information a single one carries.
constexpr double kProngNoise = 1.5;
// log pT around the sample's typical 1 TeV, and how strongly pT narrows and fills a jet.
constexpr double kLogPtSd = 0.15;
constexpr double kPtWidthSlope = 1.0;
constexpr double kPtMultiplicitySlope = 0.5;
// Jet-to-jet detector response: scales the measured mass; j_c1_b0_mmdt measures it (to 1 %).
constexpr double kResponseSd = 0.08;
constexpr double kResponseFeature = 0.3;
constexpr double kResponseNoise = 0.01;
// C2 and N2 pairs: a shared log-normal energy-sharing scale, the prong signal in their ratio.
constexpr double kRatioScaleSd = 1.0;
constexpr double kRatioSignal = 0.8;
constexpr double kRatioNoise = 0.15;

struct Cluster {
  double weight;
  std::array<double, kLatents> mean;
  std::array<double, kLatents> sd;
};

struct JetClass {
  double prior;
  std::vector<Cluster> clusters;
};

const std::vector<JetClass>& jetClasses() {
  // Means of log mass and log multiplicity are given as logs of GeV and particle counts.
  const auto L = [](double v) { return portable::log(v); };
  static const std::vector<JetClass> classes = {
      {0.20,  // g: light, wide, many particles; hard splittings give a heavy tail
       {{0.80, {L(40), -1.0, -1.2, 0.8, L(45)}, {0.50, 1.0, 1.0, 0.7, 0.25}},
        {0.20, {L(90), 0.0, -0.5, 0.6, L(55)}, {0.35, 1.0, 1.0, 0.7, 0.20}}}},
      {0.20,  // q: light, narrow, few particles
       {{0.85, {L(25), -1.2, -1.4, -0.4, L(28)}, {0.55, 1.0, 1.0, 0.7, 0.30}},
        {0.15, {L(70), -0.2, -0.8, -0.1, L(35)}, {0.35, 1.0, 1.0, 0.7, 0.25}}}},
      {0.20,  // w: two prongs at 80 GeV, or groomed down to a light jet
       {{0.86, {L(80), 1.2, -0.3, -0.3, L(35)}, {0.11, 0.8, 1.0, 0.6, 0.20}},
        {0.14, {L(20), -0.5, -1.0, -0.3, L(32)}, {0.60, 1.0, 1.0, 0.7, 0.25}}}},
      {0.20,  // z: two prongs at 91 GeV, a little busier than w
       {{0.86, {L(91), 1.1, -0.3, 0.3, L(50)}, {0.11, 0.8, 1.0, 0.6, 0.20}},
        {0.14, {L(22), -0.5, -1.0, -0.2, L(34)}, {0.60, 1.0, 1.0, 0.7, 0.25}}}},
      {0.20,  // t: three prongs at 172 GeV, or only its W contained, or groomed
       {{0.72, {L(172), 0.6, 1.2, 0.2, L(55)}, {0.10, 0.8, 0.8, 0.6, 0.20}},
        {0.20, {L(80), 1.0, 0.2, 0.0, L(45)}, {0.12, 0.8, 1.0, 0.6, 0.20}},
        {0.08, {L(30), -0.3, -0.5, 0.1, L(40)}, {0.60, 1.0, 1.0, 0.7, 0.25}}}},
  };
  return classes;
}

template <typename T>
const T& pickWeighted(const std::vector<T>& items, double u, double T::*weight) {
  for (const T& item : items) {
    if (u < item.*weight) return item;
    u -= item.*weight;
  }
  return items.back();
}

void generateRow(DeterministicRandom& random, float* features, std::int64_t* label) {
  const auto& classes = jetClasses();
  const JetClass& jet = pickWeighted(classes, random.uniform(), &JetClass::prior);
  *label = &jet - classes.data();
  const Cluster& cluster = pickWeighted(jet.clusters, random.uniform(), &Cluster::weight);
  std::array<double, kLatents> z{};
  for (int i = 0; i < kLatents; ++i) {
    const double sd = (i == 1 || i == 2) ? cluster.sd[i] * kProngSd : cluster.sd[i];
    z[i] = cluster.mean[i] + sd * random.normal();
  }
  // The jet's transverse momentum is not among the observables, yet it moves them: light-quark
  // and gluon masses grow with it (m ~ pT R), resonance masses do not; every jet gets busier
  // and narrower, and m/pT shrinks. A gluon at low pT then resembles a quark at high pT.
  const double log_pt = kLogPtSd * random.normal();
  const bool qcd = *label <= 1;  // g and q
  const double log_mass = z[0] + (qcd ? log_pt : 0.0);
  const double width = z[3] - kPtWidthSlope * log_pt;
  const double log_multiplicity = z[4] + kPtMultiplicitySlope * log_pt;
  const double two_prong = portable::sigmoid(z[1]);
  const double three_prong = portable::sigmoid(z[2]);
  const double one_prong = 1.0 - two_prong;

  // Multiplicative noise makes the shape variables positive and right-skewed, like the real ones.
  const auto noisy = [&random](double sigma) { return portable::exp(sigma * random.normal()); };
  // The detector's energy response varies from jet to jet; it scales every measured mass and is
  // itself seen in the groomed energy fraction (j_c1_b0_mmdt), so the true mass is a ratio.
  const double response = portable::exp(kResponseSd * random.normal());
  const double mass =
      std::max(0.0, portable::exp(log_mass) * response * (1.0 + 0.04 * random.normal()));
  const double multiplicity =
      std::max(1.0, std::floor(portable::exp(log_multiplicity + 0.15 * random.normal()) + 0.5));
  const double r = mass / (1000.0 * portable::exp(log_pt));  // mass over pT (about 1 TeV)

  // Pairs of observables share a per-jet scale (the jet's energy spread between its subjets):
  // each one alone says little, their ratio says how many prongs the jet has.
  const double shared_a = kRatioScaleSd * random.normal();
  const double shared_b = kRatioScaleSd * random.normal();
  const auto scaled = [&random](double shared, double signal, double sigma) {
    return portable::exp(shared + signal + sigma * random.normal());
  };
  const double values[kFeatures] = {
      -(0.55 * portable::log(multiplicity) + 0.25 * width) + 0.15 * random.normal(),
      kResponseFeature * response * noisy(kResponseNoise),
      r * (0.4 + 0.2 * two_prong) * noisy(0.05),
      r * r * (0.5 + 0.3 * two_prong) * noisy(0.08),
      scaled(shared_a, kRatioSignal * two_prong, kRatioNoise),
      scaled(shared_a, -kRatioSignal * two_prong, kRatioNoise),
      1.0 + 2.0 * one_prong * noisy(0.30 * kProngNoise) +
          0.8 * three_prong * noisy(0.30 * kProngNoise),
      0.8 + 2.5 * one_prong * one_prong * (0.5 + portable::sigmoid(width)) *
                noisy(0.35 * kProngNoise),
      0.5 + 2.0 * one_prong * (1.0 + 3.0 * r) * noisy(0.30 * kProngNoise),
      0.4 + 2.0 * std::sqrt(one_prong) * (0.3 + multiplicity / 60.0) * noisy(0.35 * kProngNoise),
      0.02 + 0.1 * two_prong * (1.0 - 0.5 * three_prong) * noisy(0.30 * kProngNoise),
      0.01 + 0.06 * three_prong * three_prong * (0.5 + r * 5.0) * noisy(0.35 * kProngNoise),
      scaled(shared_b, kRatioSignal * three_prong, kRatioNoise),
      scaled(shared_b, -kRatioSignal * three_prong, kRatioNoise),
      mass,
      multiplicity,
  };
  for (int i = 0; i < kFeatures; ++i) features[i] = static_cast<float>(values[i]);
}

void generateChunk(std::uint64_t seed, std::int64_t chunk, std::int64_t rows, Table& table) {
  std::uint64_t chunk_state = seed ^ static_cast<std::uint64_t>(chunk);
  DeterministicRandom random(splitMix64(chunk_state));
  const std::int64_t first = chunk * kChunkRows;
  for (std::int64_t row = first; row < first + rows; ++row) {
    generateRow(random, &table.features[row * kFeatures], &table.labels[row]);
  }
}

}  // namespace

RawDataset generateSyntheticJsc(std::int64_t samples) {
  RawDataset data;
  data.feature_names = jscFeatureNames();
  data.class_names = jscClassNames();
  const std::int64_t rows = std::max<std::int64_t>(samples, 0);
  data.table.features.resize(rows * kFeatures);
  data.table.labels.resize(rows);

  std::uint64_t seed_state = kGeneratorSeed ^ static_cast<std::uint64_t>(rows);
  const std::uint64_t seed = splitMix64(seed_state);
  const std::int64_t chunks = (rows + kChunkRows - 1) / kChunkRows;
  const std::int64_t max_workers = std::clamp<std::int64_t>(chunks, 1, 8);
  const int workers = static_cast<int>(
      std::clamp<std::int64_t>(std::thread::hardware_concurrency(), 1, max_workers));
  const auto work = [&](int worker) {
    for (std::int64_t chunk = worker; chunk < chunks; chunk += workers) {
      generateChunk(seed, chunk, std::min(kChunkRows, rows - chunk * kChunkRows), data.table);
    }
  };
  std::vector<std::thread> threads;
  for (int worker = 1; worker < workers; ++worker) threads.emplace_back(work, worker);
  if (chunks > 0) work(0);
  for (auto& thread : threads) thread.join();
  return data;
}

}  // namespace sweeplab
