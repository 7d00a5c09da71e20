// `coach report FILE...`: a chat export read as a whole (app/report/). Exit 0 when every file
// was read, 1 when one could not be (it is named; the others are still reported), 2 on usage.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace coach::app {

struct ReportCmdOptions {
  std::vector<std::string> files;
  bool json = false;
  bool anonymize = false;
  std::string html;  // also write the page here
  std::string rules_dir, dialogs_dir, language = "en";
};

void add_report(CLI::App& app, ReportCmdOptions& opts);
int run_report(const ReportCmdOptions& opts);

}  // namespace coach::app
