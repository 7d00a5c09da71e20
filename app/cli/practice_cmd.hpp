// `coach practice [--list] [--check FILE] [--play FILE] [ID]` and `coach progress [--json] [--forget]`.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace coach::app {

struct PracticeOptions {
  std::string id, check, db, language = "en", rules_dir, dialogs_dir;
  std::vector<std::string> play;
  bool list = false, json = false, forget = false, transcripts = false;
  unsigned seeds = 4;
  std::uint64_t seed = 0;
  bool seed_given = false;
  CLI::App* practice = nullptr;
  CLI::App* progress = nullptr;
};

void add_practice(CLI::App& app, PracticeOptions& opts);
int run_practice(const PracticeOptions& opts);
int run_progress(const PracticeOptions& opts);

}  // namespace coach::app
