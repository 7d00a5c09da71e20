// coach::Engine: load a rule set once, analyze many messages. Immutable and safe to
// share across threads. Errors are returned as values (LoadResult), never thrown.
//
//   auto loaded = coach::Engine::builtin("en");
//   if (!loaded.engine) { std::cerr << coach::format(loaded.diagnostics); return 1; }
//   coach::Analysis a = loaded.engine->analyze("You never listen!");
#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "coach/analysis.hpp"
#include "coach/diagnostics.hpp"

namespace coach {

namespace rules {
struct RuleSet;
}

struct RuleSource {
  std::string name;  // shown in diagnostics, e.g. "rules/en/criticism.rules"
  std::string text;
};

struct LoadResult;

class Engine {
 public:
  // Compiles the sources into one rule set; with any error, no engine is returned.
  static LoadResult load(std::vector<RuleSource> sources);
  // Every *.rules file (and the one *.scorer and *.forms file) under each path (a file or a
  // directory, searched recursively), as one rule set, in path order.
  static LoadResult load_paths(const std::vector<std::filesystem::path>& paths);
  // The files load_paths would read, with their text; a path that is missing, unreadable or
  // holds no rule file is reported in `diagnostics` (R000), never skipped in silence.
  static std::vector<RuleSource> read_paths(const std::vector<std::filesystem::path>& paths,
                                            std::vector<Diagnostic>& diagnostics);
  static LoadResult load_directory(const std::filesystem::path& dir);
  // The rule packs built into the library.
  static LoadResult builtin(std::string_view language = "en");
  static std::vector<RuleSource> builtin_sources(std::string_view language);

  Analysis analyze(std::string_view message) const;
  // Every rule that matched the message and what became of it, and the safety scorer's
  // probability: why a message was flagged or was not.
  Trace trace(std::string_view message) const;
  // The safety scorer's features of a message (its words and neighbouring word pairs as
  // the normalizer reads them), for training the scorer (scripts/train-safety-scorer).
  std::vector<std::string> features(std::string_view message) const;

  // The forms of every `~word` of the rule set, computed afresh from WordNet and the
  // Hunspell dictionaries (not from a .forms table), in the .forms file format: what
  // `coach rules forms` prints and rules/<lang>/inflections.forms holds.
  std::string inflection_table() const;
  // Runs every rule's `example` (must match) and `counter` (must not) lines; each
  // failure is a diagnostic (R201, R202) at the example's place.
  std::vector<Diagnostic> check_examples() const;
  // Warnings for the clauses no example or counter shows at work: a `match` that makes no
  // finding on any of its rule's examples (R133), an `unless` that matches none of its
  // rule's counters (R134). What the examples do not show, a reader cannot check.
  std::vector<Diagnostic> check_coverage() const;
  // Canonical text of the compiled program, for golden tests.
  std::string dump_program() const;

  const std::string& language() const;
  std::size_t rule_count() const;
  // A hash of the rule sources ("fnv1a64:..."): identifies this rule set in saved sessions.
  const std::string& fingerprint() const;

 private:
  explicit Engine(std::shared_ptr<const rules::RuleSet> set) : set_(std::move(set)) {}
  std::shared_ptr<const rules::RuleSet> set_;
};

struct LoadResult {
  std::optional<Engine> engine;
  std::vector<Diagnostic> diagnostics;  // every problem found, errors and warnings
};

// Canonical text of the parsed rule files (before checks), for golden tests and
// `coach rules dump --ast`. Syntax errors are added to `diagnostics`.
std::string dump_ast(std::vector<RuleSource> sources, std::vector<Diagnostic>& diagnostics);

// Largest message analyze() looks at; longer input is cut there, with a warning.
inline constexpr std::size_t kMaxMessageBytes = 4u << 20;

}  // namespace coach
