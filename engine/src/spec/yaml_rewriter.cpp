// Writes an edited experiment as an edit of the text it was loaded from. The keys come in the
// key table's order, as saveExperimentYaml writes them (the ready studies follow that order,
// so an unedited study comes back byte for byte); each one is copied as written while its
// value is unchanged, and written afresh, without its comments, once it changed.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "spec/atomic_file.h"
#include "spec/key_table.h"
#include "spec/source_layout.h"
#include "spec/yaml_writer.h"
#include "sweeplab/experiment_io.h"

namespace sweeplab {
namespace {

std::string joinParts(const std::vector<std::string>& parts, size_t count) {
  std::string joined;
  for (size_t i = 0; i < count; ++i) joined += (i ? "." : "") + parts[i];
  return joined;
}

// The sections that can be written as one value, with the key that value sets.
const std::vector<std::pair<std::string, std::string>>& scalarForms() {
  static const std::vector<std::pair<std::string, std::string>> forms = {
      {"model", "model.name"},
      {"training.scheduler", "training.scheduler.type"},
      {"training.early_stopping", "training.early_stopping.enabled"},
      {"search", "search.method"},
      {"search.objective", "search.objective.metric"},
      {"pruning", "pruning.method"}};
  return forms;
}

class Rewriter {
 public:
  Rewriter(const ExperimentSpec& spec, const std::string& sourceText) : spec_(spec) {
    if (sourceText.empty()) return;
    try {
      source_ = loadExperimentText(sourceText, "source");
      layout_ = readSourceLayout(sourceText);
    } catch (const std::exception&) {
      source_ = ExperimentSpec{};  // unreadable now: write the spec as if new
    }
  }

  std::string text() {
    lines(layout_.header);
    bool passedSections = false;
    for (const KeyDef& def : keyDefs()) {
      if (def.info.shorthand) continue;
      const std::string& key = def.info.key;
      std::vector<std::string> parts = splitKey(key);
      const std::string leaf = parts.back();
      parts.pop_back();
      if (!parts.empty()) passedSections = true;
      // The sweep goes after the sections and before the run settings.
      if (parts.empty() && passedSections && !sweepWritten_) writeSweep();
      if (!written(def)) continue;
      if (const std::string* section = scalarSection(key)) {
        if (usesScalarForm(*section)) {
          writeScalarForm(*section, def);
          continue;
        }
      }
      openSections(parts);
      writeLeaf(def, leaf, parts.size());
    }
    if (!sweepWritten_) writeSweep();
    closeSections(0);
    if (!layout_.footer.empty()) {
      out_ << "\n";
      lines(layout_.footer);
    }
    return out_.str();
  }

 private:
  bool written(const KeyDef& def) const {
    return def.info.key == "name" || layout_.find(def.info.key) ||
           def.get(spec_) != def.get(defaults_);
  }

  bool unchanged(const KeyDef& def) const { return def.get(spec_) == def.get(source_); }

  // The scalar-form section a key is the value of, or nullptr.
  static const std::string* scalarSection(const std::string& key) {
    for (const auto& [section, formKey] : scalarForms())
      if (formKey == key) return &section;
    return nullptr;
  }

  // `model: jsc-s` stays one line while nothing else of the model is written.
  bool usesScalarForm(const std::string& section) const {
    const std::string formKey = section == "model" ? "model.name" : scalarFormKey(section);
    const SourceEntry* entry = layout_.find(formKey);
    if (!entry || !entry->scalarForm) return false;
    if (section == "model" && spec_.model.name == "mlp") return false;
    for (const KeyDef& other : keyDefs())
      if (!other.info.shorthand && other.info.key != formKey &&
          other.info.key.rfind(section + ".", 0) == 0 && written(other))
        return false;
    return true;
  }

  void writeScalarForm(const std::string& section, const KeyDef& def) {
    std::vector<std::string> parts = splitKey(section);
    const std::string name = parts.back();
    parts.pop_back();
    openSections(parts);
    const SourceEntry* entry = layout_.find(def.info.key);
    if (unchanged(def)) return copy(*entry);
    blank(entry->blankBefore);
    out_ << std::string(childIndent(), ' ') << name << ": " << valueText(def, spec_) << "\n";
  }

  void writeLeaf(const KeyDef& def, const std::string& leaf, size_t depth) {
    const SourceEntry* entry = layout_.find(def.info.key);
    if (entry && !entry->scalarForm && unchanged(def)) return copy(*entry);
    // A `model: jsc-s` line that became a section gave its blank line to the section.
    blank(entry && !entry->scalarForm ? entry->blankBefore : depth == 0 && pendingBlank_);
    out_ << std::string(childIndent(), ' ') << leaf << ": " << valueText(def, spec_) << "\n";
  }

  void writeSweep() {
    sweepWritten_ = true;
    closeSections(0);
    if (spec_.sweep.empty()) return;  // no sweep is the default: nothing to write
    const SourceEntry* entry = layout_.find("sweep");
    const bool block = entry && entry->section;
    blank(entry ? entry->blankBefore : true);
    if (entry) lines(entry->comments);
    out_ << (block ? entry->lines.front() : std::string("sweep:")) << "\n";
    const int indent = firstChildIndent("sweep", block ? entry->indent : 0);
    for (const SweepAxis& axis : spec_.sweep) {
      const SourceEntry* line = layout_.find("sweep:" + axis.key);
      const SweepAxis* before = nullptr;
      for (const SweepAxis& candidate : source_.sweep)
        if (candidate.key == axis.key) before = &candidate;
      if (line && before && *before == axis) {
        copy(*line);
      } else {
        out_ << std::string(indent, ' ') << sweepLine(axis) << "\n";
      }
    }
    if (entry) lines(entry->trailing);
    pendingBlank_ = true;
  }

  // Sections: the open ones are those of the last key written.
  void openSections(const std::vector<std::string>& parts) {
    size_t common = 0;
    while (common < open_.size() && common < parts.size() && open_[common] == parts[common])
      ++common;
    closeSections(common);
    for (size_t level = common; level < parts.size(); ++level) {
      const std::string name = joinParts(parts, level + 1);
      const SourceEntry* entry = layout_.find(name);
      // A section written as one value or a flow map in the file keeps its comments.
      if (!entry) {
        for (const auto& [section, formKey] : scalarForms())
          if (section == name) entry = layout_.find(formKey);
      }
      const int indent = childIndent();
      blank(entry ? entry->blankBefore : level == 0);
      if (entry) lines(entry->comments);
      const bool block = entry && entry->section;
      if (block)
        out_ << entry->lines.front() << "\n";
      else
        out_ << std::string(indent, ' ') << parts[level] << ":\n";
      open_.push_back(parts[level]);
      indents_.push_back(firstChildIndent(name, block ? entry->indent : indent));
    }
  }

  void closeSections(size_t keep) {
    while (open_.size() > keep) {
      if (const SourceEntry* entry = layout_.find(joinParts(open_, open_.size())))
        lines(entry->trailing);
      open_.pop_back();
      indents_.pop_back();
    }
  }

  // Where the keys of a section start: as in the file when it has some there, else two more.
  int firstChildIndent(const std::string& section, int sectionIndent) const {
    for (const auto& [key, entry] : layout_.entries)
      if (entry.parent == section) return entry.indent;
    return sectionIndent + 2;
  }

  int childIndent() const { return indents_.empty() ? 0 : indents_.back(); }

  void copy(const SourceEntry& entry) {
    blank(entry.blankBefore);
    lines(entry.comments);
    lines(entry.lines);
  }

  void blank(bool wanted) {
    if (wanted) out_ << "\n";
    pendingBlank_ = false;
  }

  void lines(const std::vector<std::string>& text) {
    for (const std::string& line : text) out_ << line << "\n";
  }

  const ExperimentSpec& spec_;
  const ExperimentSpec defaults_;
  ExperimentSpec source_;
  SourceLayout layout_;
  std::ostringstream out_;
  std::vector<std::string> open_;
  std::vector<int> indents_;
  bool sweepWritten_ = false;
  bool pendingBlank_ = false;
};

// A relative `$schema=` reference in the header still names the schema from the new folder,
// or becomes absolute.
std::string withSchemaFrom(std::string text, const std::filesystem::path& sourceDir,
                           const std::filesystem::path& targetDir) {
  namespace fs = std::filesystem;
  const std::string marker = "$schema=";
  const size_t at = text.find(marker);
  if (at == std::string::npos) return text;
  const size_t lineStart = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  if (text.compare(lineStart, 1, "#") != 0) return text;  // not a comment: leave it
  const size_t start = at + marker.size();
  const size_t end = text.find_first_of(" \t\r\n", start);
  const std::string ref = text.substr(start, end - start);
  if (ref.empty() || ref.find("://") != std::string::npos || fs::path(ref).is_absolute())
    return text;
  std::error_code error;
  if (fs::exists(targetDir / ref, error)) return text;
  const fs::path schema = fs::weakly_canonical(sourceDir / ref, error);
  if (error || !fs::exists(schema, error)) return text;
  return text.replace(start, ref.size(), schema.string());
}

}  // namespace

std::string rewriteExperimentYaml(const ExperimentSpec& spec, const std::string& sourceText) {
  return Rewriter(spec, sourceText).text();
}

void saveEditedExperimentFile(const ExperimentSpec& spec, const std::string& path) {
  namespace fs = std::filesystem;
  std::string sourceText;
  std::error_code error;
  fs::path sourceDir = fs::current_path(error);
  if (!spec.source_file.empty()) {
    std::ifstream in(spec.source_file, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      sourceText = text.str();
    }
    sourceDir = fs::absolute(fs::path(spec.source_file), error).parent_path();
  }
  const fs::path targetDir = fs::absolute(fs::path(path), error).parent_path();
  ExperimentSpec edited = spec;
  // Relative data paths start at the file's folder: from another folder they must say where.
  const fs::path data(edited.dataset.path);
  if (!data.empty() && data.is_relative() &&
      fs::weakly_canonical(sourceDir, error) != fs::weakly_canonical(targetDir, error))
    edited.dataset.path = (sourceDir / data).lexically_normal().string();
  writeFileAtomically(
      path, withSchemaFrom(rewriteExperimentYaml(edited, sourceText), sourceDir, targetDir));
}

}  // namespace sweeplab
