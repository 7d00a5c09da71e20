// `coach rules check [PATH...]`, `coach rules dump [PATH]` and `coach rules features [PATH...]`.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace coach::app {

struct RulesOptions {
  std::vector<std::string> paths;
  std::string language = "en";
  bool ast = false;
  CLI::App* check = nullptr;
  CLI::App* dump = nullptr;
  CLI::App* features = nullptr;
};

void add_rules(CLI::App& app, RulesOptions& opts);
int run_rules(const RulesOptions& opts);

}  // namespace coach::app
