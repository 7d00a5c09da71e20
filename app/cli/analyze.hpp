// `coach analyze`: one message per input line, a report or one JSON object per line.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace coach::app {

struct AnalyzeOptions {
  bool json = false;
  bool trace = false;  // also say which rules matched and what became of each (debugging rules)
  std::string language = "en";
  std::string rules_dir;
  std::string dialogs_dir;
  std::vector<std::string> files;
};

void add_analyze(CLI::App& app, AnalyzeOptions& opts);
int run_analyze(const AnalyzeOptions& opts);

}  // namespace coach::app
