// Four independent multiply-rotate lanes over 32-byte blocks keep the CPU busy (several GB/s),
// so hashing a large data file costs far less than parsing it.
#include "data/content_hash.h"

#include <algorithm>
#include <cstring>

namespace sweeplab {
namespace {

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

std::uint64_t rotl(std::uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

// Reads little-endian regardless of the machine, so digests match across platforms.
std::uint64_t load64(const unsigned char* p) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | p[i];
  return value;
}

std::uint64_t mixLane(std::uint64_t lane, std::uint64_t input) {
  lane += input * kPrime2;
  return rotl(lane, 31) * kPrime1;
}

}  // namespace

void ContentHash::mixBlock(const unsigned char* block) {
  for (int lane = 0; lane < 4; ++lane)
    lanes_[lane] = mixLane(lanes_[lane], load64(block + 8 * lane));
}

void ContentHash::add(const void* data, std::size_t size) {
  if (size == 0) return;  // an empty buffer's pointer may be null, which memcpy must not see
  const auto* bytes = static_cast<const unsigned char*>(data);
  total_ += size;
  if (pending_size_ > 0) {
    const std::size_t take = std::min(size, sizeof pending_ - pending_size_);
    std::memcpy(pending_ + pending_size_, bytes, take);
    pending_size_ += take;
    bytes += take;
    size -= take;
    if (pending_size_ < sizeof pending_) return;
    mixBlock(pending_);
    pending_size_ = 0;
  }
  for (; size >= 32; bytes += 32, size -= 32) mixBlock(bytes);
  std::memcpy(pending_, bytes, size);
  pending_size_ = size;
}

void ContentHash::addString(const std::string& text) {
  addU64(text.size());
  add(text.data(), text.size());
}

void ContentHash::addU64(std::uint64_t value) {
  unsigned char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(value >> (8 * i));
  add(bytes, sizeof bytes);
}

void ContentHash::addDouble(double value) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  addU64(bits);
}

std::uint64_t ContentHash::digest() const {
  std::uint64_t hash = rotl(lanes_[0], 1) + rotl(lanes_[1], 7) + rotl(lanes_[2], 12) +
                       rotl(lanes_[3], 18) + total_ * kPrime2;
  for (std::size_t i = 0; i < pending_size_; ++i) {
    hash = rotl(hash ^ (pending_[i] * kPrime1), 11) * kPrime2;
  }
  hash ^= hash >> 33;
  hash *= kPrime2;
  hash ^= hash >> 29;
  hash *= kPrime1;
  return hash ^ (hash >> 32);
}

std::string toHex(std::uint64_t value) {
  static const char digits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) text[i] = digits[value & 0xF];
  return text;
}

}  // namespace sweeplab
