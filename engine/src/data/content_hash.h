// A fast 64-bit hash of byte buffers, used to key the dataset cache by file content and to
// check cache files for corruption. Not cryptographic; stable across platforms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sweeplab {

class ContentHash {
 public:
  void add(const void* data, std::size_t size);
  void addString(const std::string& text);  // length-prefixed, so "ab"+"c" != "a"+"bc"
  void addU64(std::uint64_t value);
  void addDouble(double value);
  std::uint64_t digest() const;

 private:
  std::uint64_t lanes_[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL,
                             0x082EFA98EC4E6C89ULL};
  unsigned char pending_[32] = {};
  std::size_t pending_size_ = 0;
  std::uint64_t total_ = 0;

  void mixBlock(const unsigned char* block);
};

std::string toHex(std::uint64_t value);

}  // namespace sweeplab
