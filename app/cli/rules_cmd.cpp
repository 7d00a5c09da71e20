// Rule pack maintenance: compile, verify examples and counters, dump the program, print
// the safety scorer's features, report per-rule evidence on a labelled corpus.
// Tested in tests/cli and by CTest's rules_check over the shipped rules.
#include "rules_cmd.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "coach/engine.hpp"
#include "rules_report.hpp"

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
  opts.check->add_flag("--coverage", opts.coverage,
                       "List every 'match' no example is found by and every 'unless' no counter is stopped by");
  opts.dump = rules->add_subcommand("dump", "Print the compiled program in canonical form");
  opts.dump->add_option("paths", opts.paths, "Rule files or directories (default: the built-in rules)");
  opts.dump->add_option("--language,-l", opts.language, "Built-in language to dump")->capture_default_str();
  opts.dump->add_flag("--ast", opts.ast, "Print the parsed syntax tree instead of the program");
  opts.features = rules->add_subcommand(
      "features", "Print the safety scorer's features of each stdin line, tab-separated (for training)");
  opts.features->add_option("paths", opts.paths, "Rule files or directories (default: the built-in rules)");
  opts.features->add_option("--language,-l", opts.language, "Built-in language")->capture_default_str();
  opts.forms = rules->add_subcommand(
      "forms", "Print the forms of every ~word, computed afresh from WordNet and Hunspell (the .forms table)");
  opts.forms->add_option("paths", opts.paths, "Rule files or directories (default: the built-in rules)");
  opts.forms->add_option("--language,-l", opts.language, "Built-in language")->capture_default_str();
  opts.report = rules->add_subcommand("report",
                                      "Precision, recall and F1 per category and per rule on labelled messages, "
                                      "with every false positive and miss");
  opts.report->add_option("corpus", opts.corpora, "TSV (labels<TAB>note<TAB>text) or JSON lines ({text, labels})")
      ->required();
  opts.report->add_option("--rules", opts.paths, "Rule files or directories (default: the built-in rules)");
  opts.report->add_option("--language,-l", opts.language, "Built-in language")->capture_default_str();
  opts.report->add_flag("--json", opts.json, "One JSON object instead of tables");
}

namespace {

int run_report(const RulesOptions& opts, const Engine& engine) {
  std::vector<LabelledMessage> messages;
  std::vector<std::string> errors;
  for (const auto& c : opts.corpora) read_labelled_corpus(c, messages, errors);
  for (const auto& e : errors) std::cerr << e << "\n";
  if (!errors.empty()) return 2;
  const RulesReport r = build_report(engine, messages);
  if (opts.json)
    print_report_json(std::cout, r, messages);
  else
    print_report_text(std::cout, r, messages);
  return 0;
}

}  // namespace

int run_rules(const RulesOptions& opts) {
  if (opts.dump && opts.dump->parsed() && opts.ast) {
    std::vector<Diagnostic> diags;
    std::vector<RuleSource> sources;
    if (opts.paths.empty()) {
      sources = Engine::builtin_sources(opts.language);
    } else {
      // The same files a load reads (directories searched), so a directory is dumped, not
      // skipped, and a missing path is an error.
      sources = Engine::read_paths({opts.paths.begin(), opts.paths.end()}, diags);
      if (!diags.empty()) {
        std::cerr << format(diags);
        return 1;
      }
    }
    // The syntax tree is of rule files; the scorer's weights and the inflection table are data.
    std::erase_if(sources, [](const RuleSource& s) { return !s.name.ends_with(".rules"); });
    std::cout << dump_ast(std::move(sources), diags);
    std::cerr << format(diags);
    return diags.empty() ? 0 : 1;
  }
  LoadResult r = load_all(opts);
  std::cerr << format(r.diagnostics);
  if (!r.engine) return 1;
  if (opts.dump && opts.dump->parsed()) {
    std::cout << r.engine->dump_program();
    return 0;
  }
  if (opts.report && opts.report->parsed()) return run_report(opts, *r.engine);
  if (opts.forms && opts.forms->parsed()) {
    std::cout << r.engine->inflection_table();
    return 0;
  }
  if (opts.features && opts.features->parsed()) {
    std::string line;
    while (std::getline(std::cin, line)) {
      const auto fs = r.engine->features(line);
      for (std::size_t i = 0; i < fs.size(); ++i) std::cout << (i ? "\t" : "") << fs[i];
      std::cout << '\n';
    }
    return 0;
  }
  auto failures = r.engine->check_examples();
  std::cerr << format(failures);
  if (!failures.empty()) {
    std::cerr << failures.size() << " example(s) failed\n";
    return 1;
  }
  // Coverage warnings: listed on request, counted otherwise (the shipped rules have many,
  // older than the check; a new rule pack's author wants them all).
  const auto uncovered = r.engine->check_coverage();
  if (opts.coverage) std::cerr << format(uncovered);
  else if (!uncovered.empty())
    std::cerr << "warning: " << uncovered.size()
              << " clause(s) no example or counter exercises (R133, R134); `coach rules check --coverage` lists them\n";
  std::cout << "ok: " << r.engine->rule_count() << " rules, every example and counter holds\n";
  return 0;
}

}  // namespace coach::app
