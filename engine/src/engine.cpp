// Engine: loading (files, directories, built-ins) and analysis entry points.
// Tested in tests/unit/rules_parse_test.cpp (loading,
// diagnostics) and tests/golden (analysis output).
#include "coach/engine.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <tuple>

#include "builtin.hpp"
#include "coach/rule_codes.hpp"
#include "fingerprint.hpp"
#include "rules/compile.hpp"
#include "rules/parse.hpp"
#include "rules/rule_set.hpp"
#include "rules/scorer.hpp"
#include "text/inflect.hpp"

namespace coach {

LoadResult Engine::load(std::vector<RuleSource> sources) {
  LoadResult out;
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto& s : sources) parts.emplace_back(s.name, s.text);
  const std::string fp = fingerprint_of(parts);
  std::vector<rules::ParsedFile> files;
  std::vector<std::string> order;
  std::optional<rules::Scorer> scorer;
  std::optional<rules::FormsTable> forms;
  bool have_forms = false;
  for (auto& s : sources) {
    order.push_back(s.name);
    if (s.name.ends_with(".forms")) {
      if (have_forms)
        out.diagnostics.push_back(
            {s.name, 0, 0, code_id(RuleCode::second_forms_file), "a second .forms file (one per rule set)", false, {}});
      else forms = rules::parse_forms_table(s.name, s.text, out.diagnostics);
      have_forms = true;
      continue;
    }
    if (s.name.ends_with(".scorer")) {
      if (scorer)
        out.diagnostics.push_back(
            {s.name, 0, 0, code_id(RuleCode::bad_scorer_file), "a second .scorer file (one per rule set)", false, {}});
      else scorer = rules::parse_scorer(s.name, s.text, out.diagnostics);
      continue;
    }
    files.push_back(rules::parse_file(std::move(s.name), std::move(s.text), out.diagnostics));
  }
  auto set = rules::compile(files, out.diagnostics, forms ? &*forms : nullptr);
  // Report in reading order (file, line, column), whichever phase found the problem.
  auto rank = [&](const Diagnostic& d) {
    return std::tuple(std::find(order.begin(), order.end(), d.file) - order.begin(), d.line, d.column);
  };
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return rank(a) < rank(b); });
  const bool errors = std::any_of(out.diagnostics.begin(), out.diagnostics.end(),
                                  [](const Diagnostic& d) { return !d.warning; });
  if (set && !errors) {
    set->fingerprint = fp;
    if (scorer) set->scorer = std::move(*scorer);
    out.engine = Engine(std::move(set));
  }
  return out;
}

LoadResult Engine::load_paths(const std::vector<std::filesystem::path>& roots) {
  LoadResult out;
  std::vector<RuleSource> sources = read_paths(roots, out.diagnostics);
  if (!out.diagnostics.empty()) return out;
  return load(std::move(sources));
}

std::vector<RuleSource> Engine::read_paths(const std::vector<std::filesystem::path>& roots,
                                           std::vector<Diagnostic>& diagnostics) {
  std::vector<RuleSource> sources;
  for (const auto& root : roots) {
    std::error_code ec;
    std::vector<std::filesystem::path> paths;
    if (std::filesystem::is_regular_file(root, ec)) {
      paths.push_back(root);
    } else {
      for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        const auto ext = it->path().extension();
        if (ext != ".rules" && ext != ".scorer" && ext != ".forms") continue;
        // The non-throwing form: a symlink loop or a dangling link is reported, not thrown.
        std::error_code entry_ec;
        if (it->is_regular_file(entry_ec)) paths.push_back(it->path());
        else if (entry_ec)
          diagnostics.push_back({it->path().string(), 0, 0, code_id(RuleCode::cannot_read),
                                 "cannot read rules: " + entry_ec.message(), false});
      }
    }
    if (ec || paths.empty()) {
      diagnostics.push_back({root.string(), 0, 0, code_id(RuleCode::cannot_read),
                             ec ? "cannot read rules: " + ec.message() : "no .rules files found", false});
      continue;
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      if (!in && !in.eof())
        diagnostics.push_back({p.string(), 0, 0, code_id(RuleCode::cannot_read), "cannot read file", false});
      sources.push_back({p.string(), ss.str()});
    }
  }
  return sources;
}

LoadResult Engine::load_directory(const std::filesystem::path& dir) { return load_paths({dir}); }

std::vector<RuleSource> Engine::builtin_sources(std::string_view language) {
  std::vector<RuleSource> sources;
  for (std::size_t i = 0; i < builtin::kRuleFileCount; ++i) {
    const auto& f = builtin::kRuleFiles[i];
    if (language == f.language) sources.push_back({f.name, std::string(f.text, f.size)});
  }
  return sources;
}

LoadResult Engine::builtin(std::string_view language) {
  auto sources = builtin_sources(language);
  if (sources.empty()) {
    LoadResult out;
    out.diagnostics.push_back({"<builtin>", 0, 0, code_id(RuleCode::cannot_read),
                               "no built-in rules for language '" + std::string(language) + "'", false});
    return out;
  }
  return load(std::move(sources));
}

Analysis Engine::analyze(std::string_view message) const {
  if (message.size() <= kMaxMessageBytes) return set_->analyze(message);
  Analysis a = set_->analyze(message.substr(0, kMaxMessageBytes));
  a.warnings.push_back("message longer than " + std::to_string(kMaxMessageBytes) +
                       " bytes: only the first part was analyzed");
  return a;
}

Trace Engine::trace(std::string_view message) const {
  Trace t;
  set_->analyze(message.substr(0, kMaxMessageBytes), nullptr, nullptr, &t);
  return t;
}

std::vector<std::string> Engine::features(std::string_view message) const {
  return rules::scorer_features(set_->normalizer.analyze(message.substr(0, kMaxMessageBytes)));
}

std::string Engine::inflection_table() const {
  const text::Inflector inflector(set_->language, text::Speller::for_language(set_->language));
  rules::FormsTable table;
  for (const auto& w : set_->inflected_words) table[w] = inflector.forms(w);
  return rules::format_forms_table(table);
}

const std::string& Engine::language() const { return set_->language; }
std::size_t Engine::rule_count() const { return set_->rules.size(); }
const std::string& Engine::fingerprint() const { return set_->fingerprint; }

}  // namespace coach
