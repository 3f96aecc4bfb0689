// Command-line parsing for one command: its options, flags and positional arguments.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sweeplab/errors.h"

namespace sweeplab::cli {

struct OptionSpec {
  std::string name;  // "--out"
  bool takes_value = false;
  bool repeatable = false;
};

struct PositionalSpec {
  std::vector<std::string> names;  // required positional arguments in order, e.g. {"FILE"}
};

class Arguments {
 public:
  bool has(const std::string& option) const { return values_.count(option) > 0; }
  // The value of a single-valued option, or `fallback` when it is absent.
  std::string value(const std::string& option, const std::string& fallback = "") const;
  // Every value of a repeatable option, in command-line order.
  std::vector<std::string> all(const std::string& option) const;
  const std::vector<std::string>& positional() const { return positional_; }
  bool helpRequested() const { return help_; }

 private:
  friend Arguments parseArguments(const std::string&, const std::vector<std::string>&,
                                  const std::vector<OptionSpec>&, const PositionalSpec&);
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// Accepts "--opt value" and "--opt=value"; "--" ends the options; -h/--help anywhere asks for
// the command's usage. Throws InputError naming the command and the offending argument.
Arguments parseArguments(const std::string& command, const std::vector<std::string>& args,
                         const std::vector<OptionSpec>& options, const PositionalSpec& positional);

// "key=value" split at the first '='; throws InputError naming `option` when there is none.
std::pair<std::string, std::string> splitAssignment(const std::string& text,
                                                    const std::string& option);

}  // namespace sweeplab::cli
