// Lines are assigned in two passes: each key takes its own line and the more indented lines
// after it (a folded description, a list over several lines); then every comment line left
// belongs to the key below it, unless it is indented deeper than that key, which means it was
// written at the end of the section above.
#include "spec/source_layout.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "spec/key_table.h"

namespace sweeplab {
namespace {

bool isBlank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

int indentOf(const std::string& line) {
  const size_t first = line.find_first_not_of(' ');
  return first == std::string::npos ? 0 : static_cast<int>(first);
}

bool isSectionName(const std::string& key) {
  const auto& names = sectionNames();
  return std::find(names.begin(), names.end(), key) != names.end();
}

struct Found {
  SourceEntry entry;
  int line = 0;
};

class LayoutReader {
 public:
  std::vector<Found> found;

  void walk(const YAML::Node& map, const std::string& prefix) {
    for (const auto& item : map) {
      const std::string name = item.first.Scalar();
      const std::string key = prefix.empty() ? name : prefix + "." + name;
      const YAML::Node& value = item.second;
      const bool block = value.IsMap() && value.Style() != YAML::EmitterStyle::Flow;
      if (key == "sweep") {
        add(item.first, "sweep", prefix, [&](SourceEntry& e) {
          e.section = block;
          e.flow = !block;
        });
        if (block)
          for (const auto& axis : value)
            add(axis.first, "sweep:" + axis.first.Scalar(), "sweep", [](SourceEntry&) {});
      } else if (isSectionName(key) && value.IsMap()) {
        add(item.first, key, prefix, [&](SourceEntry& e) {
          e.section = block;
          e.flow = !block;
        });
        if (block) walk(value, key);
      } else if (isSectionName(key)) {
        const std::string scalarKey = scalarFormKey(key);
        add(item.first, scalarKey == "model" ? "model.name" : scalarKey, prefix,
            [](SourceEntry& e) { e.scalarForm = true; });
      } else {
        add(item.first, key == "model.type" ? "model.name" : key, prefix, [](SourceEntry&) {});
      }
    }
  }

 private:
  template <typename Setup>
  void add(const YAML::Node& keyNode, const std::string& key, const std::string& parent,
           Setup setup) {
    Found f;
    f.entry.key = key;
    f.entry.parent = parent;
    f.entry.indent = keyNode.Mark().column;
    f.line = keyNode.Mark().line;
    setup(f.entry);
    found.push_back(f);
  }
};

}  // namespace

const SourceEntry* SourceLayout::find(const std::string& key) const {
  const auto it = entries.find(key);
  return it == entries.end() ? nullptr : &it->second;
}

SourceLayout readSourceLayout(const std::string& text) {
  SourceLayout layout;
  LayoutReader reader;
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap()) return layout;
    reader.walk(root, "");
  } catch (const YAML::Exception&) {
    return layout;
  }
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  std::vector<Found>& found = reader.found;
  std::sort(found.begin(), found.end(),
            [](const Found& a, const Found& b) { return a.line < b.line; });

  // Pass 1: each key's own lines.
  std::vector<int> owner(lines.size(), -1);
  for (size_t i = 0; i < found.size(); ++i) owner.at(found[i].line) = static_cast<int>(i);
  std::vector<int> ends(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    Found& f = found[i];
    int end = f.line + 1;
    if (!f.entry.section) {
      for (int j = end; j < static_cast<int>(lines.size()) && owner[j] < 0; ++j) {
        if (isBlank(lines[j])) continue;
        if (indentOf(lines[j]) <= f.entry.indent) break;
        end = j + 1;
      }
    }
    for (int j = f.line; j < end; ++j) {
      f.entry.lines.push_back(lines[j]);
      owner[j] = static_cast<int>(i);
    }
    ends[i] = end;
  }

  // Pass 2: the comments between one key's lines and the next key.
  auto sectionFor = [&](const Found& previous, int commentIndent) -> SourceEntry* {
    std::string section = previous.entry.section ? previous.entry.key : previous.entry.parent;
    while (!section.empty()) {
      auto it = std::find_if(found.begin(), found.end(),
                             [&](const Found& f) { return f.entry.key == section; });
      if (it == found.end()) return nullptr;
      if (it->entry.indent < commentIndent) return &it->entry;
      section = it->entry.parent;
    }
    return nullptr;
  };
  int from = 0;
  for (size_t i = 0; i <= found.size(); ++i) {
    const int to = i < found.size() ? found[i].line : static_cast<int>(lines.size());
    std::vector<std::string> run(lines.begin() + from, lines.begin() + std::max(from, to));
    if (i < found.size()) from = ends[i];
    if (i == 0 || i == found.size()) {
      const bool blankAfter = !run.empty() && isBlank(run.back());
      while (!run.empty() && isBlank(run.back())) run.pop_back();
      if (i == 0 && !found.empty()) found[0].entry.blankBefore = blankAfter && !run.empty();
      (i == 0 ? layout.header : layout.footer) = run;
      if (i == found.size() && !layout.footer.empty()) {
        size_t first = 0;
        while (first < run.size() && isBlank(run[first])) ++first;
        layout.footer.assign(run.begin() + first, run.end());
      }
      continue;
    }
    SourceEntry& next = found[i].entry;
    size_t k = 0;
    if (!run.empty() && !isBlank(run[0]) && indentOf(run[0]) > next.indent) {
      if (SourceEntry* section = sectionFor(found[i - 1], indentOf(run[0]))) {
        while (k < run.size() && !isBlank(run[k]) && indentOf(run[k]) > next.indent)
          section->trailing.push_back(run[k++]);
      }
    }
    while (k < run.size() && isBlank(run[k])) {
      next.blankBefore = true;
      ++k;
    }
    size_t last = run.size();
    while (last > k && isBlank(run[last - 1])) --last;
    next.comments.assign(run.begin() + k, run.begin() + last);
  }
  for (Found& f : found) layout.entries.emplace(f.entry.key, f.entry);
  return layout;
}

}  // namespace sweeplab
