// Wording of what a key accepts, shared by every message about a bad value.
#include <cmath>

#include "spec/did_you_mean.h"
#include "spec/key_table.h"
#include "spec/value_text.h"

namespace sweeplab {
namespace {

std::string numberRange(const KeyInfo& info, const std::string& noun) {
  const bool hasMin = std::isfinite(info.min), hasMax = std::isfinite(info.max);
  if (hasMin && hasMax) {
    if (noun == "integer")
      return "an integer from " + formatNumber(info.min) + " to " + formatNumber(info.max);
    return "a number in " + std::string(info.min_exclusive ? "(" : "[") + formatNumber(info.min) +
           ", " + formatNumber(info.max) + (info.max_exclusive ? ")" : "]");
  }
  if (hasMin && info.min == 0)
    return info.min_exclusive ? "a positive " + noun : "a non-negative " + noun;
  if (hasMin && info.min == 1 && noun == "integer" && !info.min_exclusive)
    return "a positive integer";
  const std::string article = noun == "integer" ? "an " : "a ";
  if (hasMin)
    return article + noun + (info.min_exclusive ? " > " : " >= ") + formatNumber(info.min);
  return article + noun;
}

}  // namespace

std::string describeAllowed(const KeyInfo& info) {
  std::string text;
  if (info.type == "integer" || info.type == "number") {
    text = numberRange(info, info.type);
  } else if (info.type == "boolean") {
    text = "true or false";
  } else if (info.type == "choice") {
    text = "one of " + joinNames(info.choices);
  } else if (info.type == "integer-list") {
    text = "a list of " + std::string(info.min >= 1 ? "positive integers" : "integers") +
           ", e.g. [64, 32]";
  } else if (info.type == "string-list") {
    text = info.key == "cluster.sbatch_args"
               ? "a list of sbatch options, e.g. [--exclusive, --constraint=a100]"
               : "a list of column names, e.g. [j_zlogz, j_mass_mmdt]";
  } else if (info.key == "cluster.time") {
    text = "a Slurm time limit: D-HH:MM:SS, HH:MM:SS, MM:SS or minutes";
  } else {
    text = "text";
  }
  return info.nullable ? text + ", or null" : text;
}

std::string expectedButGot(const KeyInfo& info, const std::string& got) {
  std::string message = "expected " + describeAllowed(info) + ", got " +
                        (got.empty() ? std::string("nothing") : "'" + got + "'");
  if (info.type == "choice" && !got.empty()) message += didYouMean(got, info.choices);
  return message;
}

}  // namespace sweeplab
