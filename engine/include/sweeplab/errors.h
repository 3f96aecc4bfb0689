// Error types of the engine. Every message is meant for a person: it names the file, the
// place in it and what would be accepted, so the fix is obvious without reading the code.
#pragma once

#include <stdexcept>
#include <string>

namespace sweeplab {

// Bad input from a person: an experiment file, a data file, a path or a command-line value.
// The CLI maps it to exit code 2; the GUI shows it next to the field it concerns.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A file could not be written: a full disk, a file-size limit, no permission. Still the
// person's to fix (free space, choose another folder), so it is an InputError; the sweep runner
// ends the sweep on it instead of failing one trial after another.
class WriteError : public InputError {
 public:
  using InputError::InputError;
};

// A problem at a known place of an experiment file. what() is the full one-line message:
// "FILE:LINE:COL: KEY: PROBLEM (allowed: ...)".
class SpecError : public InputError {
 public:
  SpecError(std::string file, int line, int column, std::string key, std::string problem);

  const std::string& file() const { return file_; }
  int line() const { return line_; }      // 1-based; 0 when unknown
  int column() const { return column_; }  // 1-based; 0 when unknown
  const std::string& key() const { return key_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string key_;
  std::string problem_;
};

}  // namespace sweeplab
