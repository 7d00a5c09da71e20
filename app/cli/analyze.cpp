// `coach analyze [--json] [--language en] [--rules DIR] [FILE...]`. Tested in tests/cli.
#include "analyze.hpp"

#include <CLI/CLI.hpp>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "load.hpp"
#include "coach_options.hpp"

namespace coach::app {
namespace {

void print_report(std::ostream& out, const Analysis& a) {
  out << "> " << a.text << "\n";
  for (const auto& w : a.warnings) out << "  warning: " << w << "\n";
  for (const auto& c : a.corrections) out << "  read \"" << c.from << "\" as \"" << c.to << "\"\n";
  for (const auto& s : a.signals.safety)
    out << "  SAFETY (" << s.category.substr(7) << "): \"" << s.quote << "\"\n";
  if (a.findings.empty()) out << "  none of the four patterns found\n";
  for (const auto& f : a.findings) {
    out << "  " << f.category << ": \"" << f.quote << "\" [" << f.rule << ", bytes " << f.span.start << "-"
        << f.span.end << "]\n";
    if (!f.why.empty()) out << "      " << f.why << "\n";
  }
  for (const auto& r : a.signals.repair)
    out << "  repair attempt (" << r.category.substr(7) << "): \"" << r.quote << "\"\n";
  if (a.signals.intensity > 0) out << "  intensity " << a.signals.intensity << "\n";
}

void print_suggestions(std::ostream& out, const std::vector<Suggestion>& suggestions) {
  for (const auto& s : suggestions) out << "  " << s.antidote << ": \"" << s.text << "\"\n";
}

void print_trace(std::ostream& out, const std::string& text, const Trace& t) {
  for (const auto& s : t.steps)
    out << "  trace: " << s.rule << " [" << s.category << "] \"" << text.substr(s.span.start, s.span.end - s.span.start)
        << "\" -> " << s.outcome << "\n";
  out << "  trace: safety scorer " << t.scorer_probability << " (speaks above " << t.scorer_threshold
      << ", when no rule did)\n";
}

// The JSON line with a "trace" member added (nlohmann::ordered_json keeps the contract's order).
std::string with_trace(const std::string& line, const std::string& text, const Trace& t) {
  auto j = nlohmann::ordered_json::parse(line);
  auto steps = nlohmann::ordered_json::array();
  for (const auto& s : t.steps)
    steps.push_back({{"rule", s.rule}, {"category", s.category},
                     {"span", {{"start", s.span.start}, {"end", s.span.end}}},
                     {"quote", text.substr(s.span.start, s.span.end - s.span.start)}, {"outcome", s.outcome}});
  j["trace"] = {{"matches", steps}, {"scorer", {{"probability", t.scorer_probability},
                                                {"threshold", t.scorer_threshold}}}};
  return j.dump();
}

void analyze_stream(std::istream& in, const Coach& coach, bool json, bool trace) {
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Turn t;
    t.analysis = coach.engine().analyze(line);
    t.suggestions = coach.suggestions(t.analysis, static_cast<std::int64_t>(std::time(nullptr)));
    const std::optional<Trace> tr = trace ? std::optional<Trace>(coach.engine().trace(line)) : std::nullopt;
    if (json) {
      const std::string out = to_json(t.analysis, t.suggestions);
      std::cout << (tr ? with_trace(out, t.analysis.text, *tr) : out) << '\n';
    } else {
      print_report(std::cout, t.analysis);
      if (tr) print_trace(std::cout, t.analysis.text, *tr);
      print_suggestions(std::cout, t.suggestions);
    }
    // Flush when no more input is waiting: a bot reading line by line gets each answer
    // at once, a bulk run does not pay a write per line.
    if (in.rdbuf()->in_avail() <= 0) std::cout.flush();
  }
  std::cout.flush();
}

}  // namespace

void add_analyze(CLI::App& app, AnalyzeOptions& opts) {
  auto* cmd = app.add_subcommand("analyze", "Find the four patterns in messages, one per line");
  cmd->add_flag("--json", opts.json, "One JSON object per input line");
  cmd->add_flag("--trace", opts.trace,
                "Also list every rule that matched and what became of it (kept, guarded by its own unless or "
                "requires, dropped as a look-alike, covered by a context) and the safety scorer's probability");
  add_coach_options(cmd, opts.language, opts.rules_dir, opts.dialogs_dir);
  cmd->add_option("files", opts.files, "Input files (default: standard input)");
}

int run_analyze(const AnalyzeOptions& opts) {
  // Nothing here mixes C stdio with iostreams; unsynced streams buffer (and report
  // in_avail) properly.
  std::ios::sync_with_stdio(false);
  auto coach = load_coach(opts.rules_dir, opts.dialogs_dir, opts.language);
  if (!coach) return 1;
  if (opts.files.empty()) {
    analyze_stream(std::cin, *coach, opts.json, opts.trace);
    return 0;
  }
  for (const auto& f : opts.files) {
    std::error_code ec;
    if (std::filesystem::is_directory(f, ec)) {
      std::cerr << "coach: '" << f << "' is a directory; give message files (one message per line)\n";
      return 2;
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::cerr << "coach: cannot open '" << f << "'\n";
      return 2;
    }
    analyze_stream(in, *coach, opts.json, opts.trace);
  }
  return 0;
}

}  // namespace coach::app
