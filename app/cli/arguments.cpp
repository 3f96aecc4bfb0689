// A small, strict argument parser: every mistake is reported, nothing is silently ignored.
#include "arguments.h"

#include <algorithm>

namespace sweeplab::cli {
namespace {

std::string seeHelp(const std::string& command) {
  return " (see 'sweeplab-cli help " + command + "')";
}

const OptionSpec* findOption(const std::vector<OptionSpec>& options, const std::string& name) {
  const auto it = std::find_if(options.begin(), options.end(),
                               [&](const OptionSpec& option) { return option.name == name; });
  return it == options.end() ? nullptr : &*it;
}

}  // namespace

std::string Arguments::value(const std::string& option, const std::string& fallback) const {
  const auto it = values_.find(option);
  return it == values_.end() || it->second.empty() ? fallback : it->second.back();
}

std::vector<std::string> Arguments::all(const std::string& option) const {
  const auto it = values_.find(option);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

Arguments parseArguments(const std::string& command, const std::vector<std::string>& args,
                         const std::vector<OptionSpec>& options, const PositionalSpec& positional) {
  Arguments parsed;
  bool optionsEnded = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
      parsed.positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      optionsEnded = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      parsed.help_ = true;
      continue;
    }
    const auto equals = arg.find('=');
    const std::string name = arg.substr(0, equals);
    const OptionSpec* option = findOption(options, name);
    if (!option) throw InputError(command + ": unknown option '" + name + "'" + seeHelp(command));
    std::string value;
    if (option->takes_value) {
      if (equals != std::string::npos) {
        value = arg.substr(equals + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        throw InputError(command + ": " + name + " needs a value" + seeHelp(command));
      }
    } else if (equals != std::string::npos) {
      throw InputError(command + ": " + name + " takes no value" + seeHelp(command));
    }
    auto& values = parsed.values_[name];
    if (!values.empty() && !option->repeatable) {
      throw InputError(command + ": " + name + " given more than once" + seeHelp(command));
    }
    values.push_back(value);
  }
  if (parsed.help_) return parsed;
  const std::vector<std::string>& names = positional.names;
  if (parsed.positional_.size() < names.size()) {
    throw InputError(command + ": missing " + names[parsed.positional_.size()] + seeHelp(command));
  }
  if (parsed.positional_.size() > names.size()) {
    throw InputError(command + ": unexpected argument '" + parsed.positional_[names.size()] + "'" +
                     seeHelp(command));
  }
  return parsed;
}

std::pair<std::string, std::string> splitAssignment(const std::string& text,
                                                    const std::string& option) {
  const auto equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw InputError(option + ": expected KEY=VALUE (e.g. training.batch_size=256), got '" + text +
                     "'");
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

}  // namespace sweeplab::cli
