// An open-addressing set of row indices keyed by a hash of the row: one pass, no per-row
// allocation, fast enough for the full 830,000-row table.
#include "data/dedupe.h"

#include <cstring>
#include <vector>

namespace sweeplab {
namespace {

// -0.0 and 0.0 compare equal, so they must hash alike.
std::uint32_t canonicalBits(float value) {
  if (value == 0.0f) value = 0.0f;
  std::uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

std::uint64_t hashRow(const float* features, int num_features, std::int64_t label) {
  std::uint64_t hash = 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(label);
  for (int i = 0; i < num_features; ++i) {
    hash = (hash ^ canonicalBits(features[i])) * 0x100000001B3ULL;
    hash ^= hash >> 29;
  }
  hash *= 0xBF58476D1CE4E5B9ULL;
  return hash ^ (hash >> 32);
}

bool rowsEqual(const Table& table, int num_features, std::int64_t a, std::int64_t b) {
  if (table.labels[a] != table.labels[b]) return false;
  const float* fa = &table.features[a * num_features];
  const float* fb = &table.features[b * num_features];
  for (int i = 0; i < num_features; ++i) {
    if (!(fa[i] == fb[i])) return false;
  }
  return true;
}

}  // namespace

std::int64_t dropDuplicateRows(Table& table, int num_features) {
  const std::int64_t rows = table.rows();
  std::size_t capacity = 16;
  while (capacity < static_cast<std::size_t>(rows) * 2) capacity *= 2;
  const std::size_t mask = capacity - 1;
  std::vector<std::int64_t> slots(capacity, -1);  // index of a kept row (already moved)

  std::int64_t kept = 0;
  for (std::int64_t row = 0; row < rows; ++row) {
    const float* features = &table.features[row * num_features];
    std::size_t slot = hashRow(features, num_features, table.labels[row]) & mask;
    bool duplicate = false;
    while (slots[slot] >= 0) {
      // Kept rows have already been compacted, so compare against their new position.
      if (rowsEqual(table, num_features, slots[slot], row)) {
        duplicate = true;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (duplicate) continue;
    if (kept != row) {
      std::memmove(&table.features[kept * num_features], features, sizeof(float) * num_features);
      table.labels[kept] = table.labels[row];
    }
    slots[slot] = kept++;
  }
  table.features.resize(kept * num_features);
  table.labels.resize(kept);
  return rows - kept;
}

}  // namespace sweeplab
