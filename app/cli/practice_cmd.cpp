// Practice and progress commands. Tested in tests/practice.
#include "practice_cmd.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "load.hpp"
#include "practice_play.hpp"
#include "practice_session.hpp"
#include "coach_options.hpp"

namespace coach::app {
namespace {

std::optional<PracticeLog> open_store(const std::string& db) {
  std::string err;
  auto store = PracticeLog::open(db, err);
  if (!store) std::cerr << "coach: " << err << "\n";
  return store;
}

// ▁▂▃▄▅▆▇█ for scores 0..100.
std::string sparkline(const std::vector<int>& scores) {
  static const char* bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  std::string out;
  for (int s : scores) out += bars[std::clamp(s, 0, 100) * 7 / 100];
  return out;
}

}  // namespace

void add_practice(CLI::App& app, PracticeOptions& opts) {
  opts.practice = app.add_subcommand("practice", "Role-play a hard conversation with a partner who reacts");
  opts.practice->add_option("id", opts.id, "Scenario id (see --list)");
  opts.practice->add_flag("--list", opts.list, "List scenarios: id, then title");
  opts.practice->add_option("--check", opts.check, "Validate a scenario file");
  opts.practice->add_option("--play", opts.play, "Run scripted playthroughs (JSON files) and check them");
  opts.practice->add_option("--seeds", opts.seeds, "With --play: run each play with seeds 0..N-1")->check(CLI::Range(1, 100));
  opts.practice->add_flag("--transcripts", opts.transcripts, "With --play: print every run");
  opts.progress = app.add_subcommand("progress", "Your practice runs over time");
  opts.progress->add_flag("--json", opts.json, "Machine-readable output");
  opts.progress->add_flag("--forget", opts.forget, "Delete your practice history");
  for (CLI::App* a : {opts.practice, opts.progress})
    a->add_option("--db", opts.db, "Database (default: $XDG_DATA_HOME/coach/coach.db)");
  opts.practice->add_option("--seed", opts.seed, "Fix the partner's lines (for tests)")
      ->each([&](const std::string&) { opts.seed_given = true; });
  add_coach_options(opts.practice, opts.language, opts.rules_dir, opts.dialogs_dir);
}

int run_practice(const PracticeOptions& opts) {
  if (!opts.check.empty()) {
    auto d = Coach::check_scenario(opts.check);
    std::cerr << format(d);
    if (!d.empty()) return 1;
    std::cout << "ok: " << opts.check << "\n";
    return 0;
  }
  auto coach = load_coach(opts.rules_dir, opts.dialogs_dir, opts.language);
  if (!coach) return 1;
  if (!opts.play.empty()) {
    int status = 0;
    for (const auto& file : opts.play) status = std::max(status, run_plays(*coach, file, opts.seeds, opts.transcripts));
    return status;
  }
  if (opts.list || opts.id.empty()) {
    for (const auto& s : coach->scenarios()) std::cout << s.id << "\t" << s.title << "\n";
    return opts.list ? 0 : 2;
  }
  const std::uint64_t seed = opts.seed_given ? opts.seed : std::random_device{}();
  auto run = coach->practice(opts.id, seed);
  if (!run) {
    std::cerr << coach->practice_text("no_scenario") << "\n";
    return 2;
  }
  auto store = open_store(opts.db);
  if (!store) return 1;
  PracticeSession session(std::move(*run), &*store);
  auto handle = [&](const std::string& line) { return session.handle(line); };
  auto on_eof = [&] { return session.finish(); };
  if (interactive()) return run_terminal({}, session.opening(), handle, on_eof);
  std::cout << session.opening() << "\n\n" << std::flush;
  return run_piped(handle, on_eof);
}

int run_progress(const PracticeOptions& opts) {
  auto store = open_store(opts.db);
  if (!store) return 1;
  if (opts.forget) {
    std::cout << "Deleted " << store->forget() << " practice run(s).\n";
    return 0;
  }
  std::map<std::string, std::vector<RunRecord>> by_scenario;
  for (auto& r : store->runs()) by_scenario[r.scenario].push_back(std::move(r));
  if (opts.json) {
    nlohmann::ordered_json j;
    j["schema"] = store->schema_version();
    j["scenarios"] = nlohmann::ordered_json::array();
    for (const auto& [id, runs] : by_scenario) {
      nlohmann::ordered_json s{{"id", id}, {"title", runs.back().title}, {"runs", nlohmann::ordered_json::array()}};
      for (const auto& r : runs)
        s["runs"].push_back({{"started_at", r.started_at},
                             {"finished", r.score >= 0},
                             {"ending", r.ending},
                             {"score", r.score >= 0 ? nlohmann::ordered_json(r.score) : nlohmann::ordered_json()},
                             {"turns", r.turns}});
      j["scenarios"].push_back(std::move(s));
    }
    std::cout << j.dump() << "\n";
    return 0;
  }
  if (by_scenario.empty()) {
    std::cout << "No practice runs yet. Try: coach practice --list\n";
    return 0;
  }
  for (const auto& [id, runs] : by_scenario) {
    std::vector<int> scores;
    for (const auto& r : runs)
      if (r.score >= 0) scores.push_back(r.score);
    std::cout << id << "  " << runs.back().title << "\n  " << runs.size() << " run(s)";
    if (!scores.empty())
      std::cout << ", last " << scores.back() << ", best " << *std::max_element(scores.begin(), scores.end())
                << "  " << sparkline(scores);
    std::cout << "\n";
  }
  return 0;
}

}  // namespace coach::app
