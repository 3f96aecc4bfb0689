// Synthetic jets: each class is a mixture of Gaussian clusters in a five-dimensional latent space
// (log mass, two-prong and three-prong scores, radiation width, log multiplicity), and the 16
// observables are nonlinear, noisy functions of those latents. The clusters overlap (W and Z
// differ mostly in mass; some W, Z and top jets lose their mass to grooming), so like the real
// data a linear model stays near 70% while a small MLP does a few points better.
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
      {0.24,  // g: light, wide, many particles; hard splittings give a heavy tail
       {{0.70, {L(40), -1.0, -1.2, 0.8, L(45)}, {0.50, 1.0, 1.0, 0.7, 0.25}},
        {0.30, {L(90), 0.0, -0.5, 0.6, L(55)}, {0.35, 1.0, 1.0, 0.7, 0.20}}}},
      {0.20,  // q: light, narrow, few particles
       {{0.75, {L(25), -1.2, -1.4, -0.4, L(28)}, {0.55, 1.0, 1.0, 0.7, 0.30}},
        {0.25, {L(70), -0.2, -0.8, -0.1, L(35)}, {0.35, 1.0, 1.0, 0.7, 0.25}}}},
      {0.18,  // w: two prongs at 80 GeV, or groomed down to a light jet
       {{0.85, {L(80), 1.2, -0.3, -0.3, L(35)}, {0.06, 0.8, 1.0, 0.6, 0.20}},
        {0.15, {L(20), -0.5, -1.0, -0.3, L(32)}, {0.60, 1.0, 1.0, 0.7, 0.25}}}},
      {0.18,  // z: two prongs at 91 GeV, a little busier than w
       {{0.85, {L(91), 1.1, -0.3, 0.3, L(50)}, {0.06, 0.8, 1.0, 0.6, 0.20}},
        {0.15, {L(22), -0.5, -1.0, -0.2, L(34)}, {0.60, 1.0, 1.0, 0.7, 0.25}}}},
      {0.20,  // t: three prongs at 172 GeV, or only its W contained, or groomed
       {{0.60, {L(172), 0.6, 1.2, 0.2, L(55)}, {0.10, 0.8, 0.8, 0.6, 0.20}},
        {0.28, {L(80), 1.0, 0.2, 0.0, L(45)}, {0.12, 0.8, 1.0, 0.6, 0.20}},
        {0.12, {L(30), -0.3, -0.5, 0.1, L(40)}, {0.60, 1.0, 1.0, 0.7, 0.25}}}},
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
  for (int i = 0; i < kLatents; ++i) z[i] = cluster.mean[i] + cluster.sd[i] * random.normal();
  const double log_mass = z[0], width = z[3], log_multiplicity = z[4];
  const double two_prong = portable::sigmoid(z[1]);
  const double three_prong = portable::sigmoid(z[2]);
  const double one_prong = 1.0 - two_prong;

  // Multiplicative noise makes the shape variables positive and right-skewed, like the real ones.
  const auto noisy = [&random](double sigma) { return portable::exp(sigma * random.normal()); };
  const double mass = std::max(0.0, portable::exp(log_mass) * (1.0 + 0.04 * random.normal()));
  const double multiplicity =
      std::max(1.0, std::floor(portable::exp(log_multiplicity + 0.15 * random.normal()) + 0.5));
  const double r = mass / 1000.0;  // mass over a typical jet pT of 1 TeV

  const double values[kFeatures] = {
      -(0.55 * portable::log(multiplicity) + 0.25 * width) + 0.15 * random.normal(),
      0.2 + 0.15 * portable::tanh(width) + 0.5 * r + 0.03 * random.normal(),
      r * (0.4 + 0.2 * two_prong) * noisy(0.10),
      r * r * (0.5 + 0.3 * two_prong) * noisy(0.15),
      0.05 + 0.25 * one_prong * (1.0 - 0.5 * three_prong) * noisy(0.30),
      0.02 + 0.2 * one_prong * portable::sigmoid(width) * noisy(0.35),
      1.0 + 2.0 * one_prong * noisy(0.30) + 0.8 * three_prong * noisy(0.30),
      0.8 + 2.5 * one_prong * one_prong * (0.5 + portable::sigmoid(width)) * noisy(0.35),
      0.5 + 2.0 * one_prong * (1.0 + 3.0 * r) * noisy(0.30),
      0.4 + 2.0 * std::sqrt(one_prong) * (0.3 + multiplicity / 60.0) * noisy(0.35),
      0.02 + 0.1 * two_prong * (1.0 - 0.5 * three_prong) * noisy(0.30),
      0.01 + 0.06 * three_prong * three_prong * (0.5 + r * 5.0) * noisy(0.35),
      0.1 + 0.25 * one_prong * noisy(0.25),
      0.05 + 0.2 * one_prong * (1.5 - portable::sigmoid(width)) * noisy(0.30),
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
