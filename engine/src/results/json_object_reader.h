// Reading a JSON object field by field, strictly: a missing field keeps its default, a field of
// the wrong type is an InputError that names the place ("trials[1].test_acc: expected ...").
#pragma once

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "summary_json.h"
#include "sweeplab/errors.h"

namespace sweeplab {

// Reads fields of one JSON object. A missing field keeps its default so that files written
// before a field existed still load; a field of the wrong type is an error.
class ObjectReader {
 public:
  ObjectReader(const Json& object, std::string where) : object_(object), where_(std::move(where)) {
    if (!object_.is_object()) fail("", "expected an object");
  }

  void read(const char* key, std::string& out) const {
    if (const Json* value = find(key)) {
      if (!value->is_string()) fail(key, "expected a string");
      out = value->get<std::string>();
    }
  }

  void read(const char* key, double& out) const {
    if (const Json* value = find(key)) {
      if (value->is_null()) {
        out = kNoValue;
      } else if (value->is_number()) {
        out = value->get<double>();
      } else {
        fail(key, "expected a number or null");
      }
    }
  }

  void read(const char* key, long long& out) const {
    if (const Json* value = find(key)) {
      if (!value->is_number_integer()) fail(key, "expected a whole number");
      out = value->get<long long>();
    }
  }

  void read(const char* key, int& out) const {
    long long wide = out;
    read(key, wide);
    out = static_cast<int>(wide);
  }

  // A list of numbers (null for NaN), whole numbers or strings.
  template <typename T>
  void read(const char* key, std::vector<T>& out) const {
    const Json* value = find(key);
    if (!value) return;
    if (!value->is_array()) fail(key, "expected a list");
    out.clear();
    for (std::size_t i = 0; i < value->size(); ++i) {
      const Json& item = (*value)[i];
      const std::string place = std::string(key) + "[" + std::to_string(i) + "]";
      if constexpr (std::is_same_v<T, double>) {
        if (!item.is_null() && !item.is_number()) fail(place, "expected a number or null");
        out.push_back(item.is_null() ? kNoValue : item.get<double>());
      } else if constexpr (std::is_same_v<T, std::string>) {
        if (!item.is_string()) fail(place, "expected a string");
        out.push_back(item.get<std::string>());
      } else {
        if (!item.is_number_integer()) fail(place, "expected a whole number");
        out.push_back(item.get<T>());
      }
    }
  }

  const Json* find(const char* key) const {
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    std::string place = where_;
    if (!key.empty()) place += place.empty() ? key : "." + key;
    throw InputError(place + ": " + problem);
  }

 private:
  const Json& object_;
  std::string where_;
};

}  // namespace sweeplab
