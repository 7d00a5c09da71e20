// Practice scenarios: a node graph of the partner's lines and transitions on what the
// user's reply contained. Loading reports "file:/json/pointer: error[Pnnn]" for every
// problem. Tested in tests/golden/practice.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "coach/diagnostics.hpp"

namespace coach::dialog {

struct ScenarioNode {
  std::vector<std::string> partner;           // variants of the partner's line
  std::map<std::string, std::string> next;    // reply kind -> node
  std::string ending;                         // "good" or "bad" for an ending node
};

struct Scenario {
  std::string id, title, setting, goal, start;
  unsigned max_turns = 8;
  std::vector<std::string> hints;
  std::map<std::string, ScenarioNode> nodes;
};

// The reply kinds a node may branch on; horseman, repair, bid and neutral are required.
const std::vector<std::string>& reply_kinds();

std::shared_ptr<const Scenario> load_scenario(const std::string& file, const std::string& text,
                                              std::vector<Diagnostic>& diagnostics);

}  // namespace coach::dialog
