// Where each value of an experiment file was written, so checks that run on the parsed spec can
// still name the line and column a person has to fix.
#pragma once

#include <map>
#include <string>
#include <utility>

#include "sweeplab/errors.h"

namespace sweeplab {

struct Place {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

// A problem with one key of a spec, before it is tied to a place in a file.
struct KeyedProblem {
  KeyedProblem(std::string key_, std::string problem_, std::string place_key_ = {})
      : key(std::move(key_)), problem(std::move(problem_)), place_key(std::move(place_key_)) {}

  std::string key;
  std::string problem;
  std::string place_key;  // where to point when `key` itself was not written; "" for key
};

class SpecLocator {
 public:
  explicit SpecLocator(std::string file = {}) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }
  void setKey(const std::string& key, Place place) { keys_[key] = place; }
  void setAxis(size_t axis, Place place) { axes_[axis] = place; }
  void setItem(size_t axis, size_t item, Place place) { items_[{axis, item}] = place; }

  Place key(const std::string& key) const { return find(keys_, key); }
  Place axis(size_t axis) const { return find(axes_, axis); }
  // An item without a place of its own points at its axis.
  Place item(size_t axis, size_t item) const {
    const Place place = find(items_, std::make_pair(axis, item));
    return place.line > 0 ? place : this->axis(axis);
  }

  SpecError error(Place place, const std::string& key, const std::string& problem) const {
    return SpecError(file_, place.line, place.column, key, problem);
  }

 private:
  template <class Map, class Key>
  static Place find(const Map& map, const Key& key) {
    const auto found = map.find(key);
    return found == map.end() ? Place{} : found->second;
  }

  std::string file_;
  std::map<std::string, Place> keys_;
  std::map<size_t, Place> axes_;
  std::map<std::pair<size_t, size_t>, Place> items_;
};

}  // namespace sweeplab
