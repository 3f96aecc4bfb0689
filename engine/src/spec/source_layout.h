// Where each key of an experiment file's text is written and which comment lines go with it,
// so that a rewrite of an edited experiment keeps what a person wrote (yaml-cpp keeps no
// comments; this reads them from the text beside the parsed tree).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sweeplab {

struct SourceEntry {
  // The spec key the lines set ("training.batch_size"; "model.name" also for `model: jsc-s` and
  // `type: mlp`), a section name for a section line ("training"), "sweep" for the sweep's line
  // and "sweep:" + key for one swept key.
  std::string key;
  std::string parent;       // the section it is written in; "" at the top
  bool section = false;     // a block section line ("training:"), its keys follow as entries
  bool scalarForm = false;  // a section written as one value ("model: jsc-s")
  bool flow = false;        // a section written as a flow map ("model: {name: mlp, ...}")
  int indent = 0;
  bool blankBefore = false;           // a blank line separates it from the text above
  std::vector<std::string> comments;  // the comment lines just above it
  std::vector<std::string> lines;     // its own lines, as written (value, end-of-line comment)
  std::vector<std::string> trailing;  // sections: comment lines after their last key
};

struct SourceLayout {
  std::vector<std::string> header;  // the comment lines above the first key (schema line)
  std::vector<std::string> footer;  // comment lines after the last key
  std::map<std::string, SourceEntry> entries;

  const SourceEntry* find(const std::string& key) const;
};

// The layout of a text that loads as an experiment; an empty layout when it does not parse.
SourceLayout readSourceLayout(const std::string& text);

}  // namespace sweeplab
