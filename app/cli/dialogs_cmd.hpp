// `coach dialogs check [PATH]`: validate a coaching script against the rules.
#pragma once
#include <string>

namespace CLI {
class App;
}

namespace coach::app {

struct DialogsOptions {
  std::string path;
  std::string rules_dir;
  std::string language = "en";
};

void add_dialogs(CLI::App& app, DialogsOptions& opts);
int run_dialogs(const DialogsOptions& opts);

}  // namespace coach::app
