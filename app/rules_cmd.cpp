// Rule pack maintenance: compile, verify examples and counters, dump the program.
// Tested in tests/cli and by CTest's rules_check over the shipped rules.
#include "rules_cmd.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "coach/engine.hpp"

namespace coach::app {
namespace {

LoadResult load_all(const RulesOptions& opts) {
  if (opts.paths.empty()) return Engine::builtin(opts.language);
  return Engine::load_paths({opts.paths.begin(), opts.paths.end()});
}

}  // namespace

void add_rules(CLI::App& app, RulesOptions& opts) {
  auto* rules = app.add_subcommand("rules", "Check or inspect rule packs");
  rules->require_subcommand(1);
  opts.check = rules->add_subcommand("check", "Compile rules and verify every example and counter");
  opts.check->add_option("paths", opts.paths, "Rule files or directories (default: the built-in rules)");
  opts.check->add_option("--language,-l", opts.language, "Built-in language to check")->capture_default_str();
  opts.dump = rules->add_subcommand("dump", "Print the compiled program in canonical form");
  opts.dump->add_option("paths", opts.paths, "Rule files or directories (default: the built-in rules)");
  opts.dump->add_option("--language,-l", opts.language, "Built-in language to dump")->capture_default_str();
}

int run_rules(const RulesOptions& opts) {
  LoadResult r = load_all(opts);
  std::cerr << format(r.diagnostics);
  if (!r.engine) return 1;
  if (opts.dump && opts.dump->parsed()) {
    std::cout << r.engine->dump_program();
    return 0;
  }
  auto failures = r.engine->check_examples();
  std::cerr << format(failures);
  if (!failures.empty()) {
    std::cerr << failures.size() << " example(s) failed\n";
    return 1;
  }
  std::cout << "ok: " << r.engine->rule_count() << " rules, every example and counter holds\n";
  return 0;
}

}  // namespace coach::app
