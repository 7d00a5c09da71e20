// `coach rules check [PATH...]`, `coach rules dump [PATH]`, `coach rules features [PATH...]`,
// `coach rules forms [PATH...]` and `coach rules report CORPUS... [--rules PATH]... [--json]`.
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
  bool json = false;
  bool coverage = false;  // check: list every clause no example or counter exercises
  std::vector<std::string> corpora;  // report
  CLI::App* check = nullptr;
  CLI::App* dump = nullptr;
  CLI::App* features = nullptr;
  CLI::App* report = nullptr;
  CLI::App* forms = nullptr;
};

void add_rules(CLI::App& app, RulesOptions& opts);
int run_rules(const RulesOptions& opts);

}  // namespace coach::app
