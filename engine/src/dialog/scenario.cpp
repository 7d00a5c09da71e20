// Scenario loading and validation (P codes). Tested in tests/golden/practice.
#include "dialog/scenario.hpp"

#include <algorithm>
#include <set>

#include "coach/categories.hpp"
#include "dialog/json_check.hpp"

namespace coach::dialog {

const std::vector<std::string>& reply_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> v(kHorsemen.begin(), kHorsemen.end());
    for (const char* k : {"horseman", "repair", "bid", "neutral"}) v.emplace_back(k);
    return v;
  }();
  return kinds;
}

namespace {

const std::vector<std::string> kRequiredKinds = {"horseman", "repair", "bid", "neutral"};

void load_node(JsonCheck& c, const json& v, const Ptr& at, ScenarioNode& node) {
  c.known_keys(v, at, {"partner", "next", "ending"});
  node.partner = c.strings(v, at, "partner");
  if (v.contains("ending")) {
    node.ending = c.str(v, at, "ending");
    if (!node.ending.empty() && node.ending != "good" && node.ending != "bad")
      c.error(at / "ending", ScenarioCode::unknown_ending, "an ending is \"good\" or \"bad\", not \"" + node.ending + "\"");
    if (v.contains("next")) c.error(at / "next", CommonCode::unknown_key, "an ending node has no 'next'");
    return;
  }
  const json* next = c.get(v, at, "next", json::value_t::object);
  if (!next) return;
  for (const auto& [kind, target] : next->items()) {
    if (std::find(reply_kinds().begin(), reply_kinds().end(), kind) == reply_kinds().end()) {
      c.error(at / "next" / kind, ScenarioCode::unknown_reply_kind,
              "unknown reply kind '" + kind + "' (kinds: the four patterns, horseman, repair, bid, neutral)");
      continue;
    }
    if (c.typed(target, at / "next" / kind, json::value_t::string)) node.next[kind] = target.get<std::string>();
  }
  c.required_keys(*next, at / "next", kRequiredKinds);
}

// Both endings must be reachable from the start, or the scenario cannot teach.
void check_endings(JsonCheck& c, const Scenario& s) {
  std::set<std::string> seen, endings;
  std::vector<std::string> todo{s.start};
  while (!todo.empty()) {
    const std::string n = todo.back();
    todo.pop_back();
    auto it = s.nodes.find(n);
    if (it == s.nodes.end() || !seen.insert(n).second) continue;
    if (!it->second.ending.empty()) endings.insert(it->second.ending);
    for (const auto& [_, target] : it->second.next) todo.push_back(target);
  }
  for (const char* e : {"good", "bad"})
    if (!endings.count(e)) c.error(Ptr("/nodes"), ScenarioCode::ending_unreachable, std::string("no ") + e + " ending is reachable from the start");
}

}  // namespace

std::shared_ptr<const Scenario> load_scenario(const std::string& file, const std::string& text,
                                              std::vector<Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  auto root = parse_json(file, text, 'P', diagnostics);
  if (!root) return nullptr;
  JsonCheck c(file, diagnostics, 'P');
  if (!c.typed(*root, Ptr(), json::value_t::object)) return nullptr;
  c.known_keys(*root, Ptr(), {"id", "title", "setting", "goal", "max_turns", "start", "hints", "nodes"});
  auto s = std::make_shared<Scenario>();
  s->id = c.str(*root, Ptr(), "id");
  s->title = c.str(*root, Ptr(), "title");
  s->setting = c.str(*root, Ptr(), "setting");
  s->goal = c.str(*root, Ptr(), "goal");
  s->start = c.str(*root, Ptr(), "start");
  s->hints = c.strings(*root, Ptr(), "hints");
  if (const json* mt = c.get(*root, Ptr(), "max_turns", json::value_t::number_unsigned)) {
    s->max_turns = mt->get<unsigned>();
    if (s->max_turns < 2 || s->max_turns > 30) c.error(Ptr("/max_turns"), ScenarioCode::turn_limit, "max_turns must be between 2 and 30");
  }
  if (const json* nodes = c.get(*root, Ptr(), "nodes", json::value_t::object)) {
    for (const auto& [name, v] : nodes->items())
      if (c.typed(v, Ptr("/nodes") / name, json::value_t::object)) load_node(c, v, Ptr("/nodes") / name, s->nodes[name]);
    if (!s->start.empty() && !s->nodes.count(s->start))
      c.error(Ptr("/start"), ScenarioCode::unknown_node, "start node '" + s->start + "' does not exist");
    for (const auto& [name, node] : s->nodes)
      for (const auto& [kind, target] : node.next)
        if (!s->nodes.count(target))
          c.error(Ptr("/nodes") / name / "next" / kind, ScenarioCode::unknown_node, "node '" + target + "' does not exist");
    if (diagnostics.size() == before) check_endings(c, *s);
  }
  return diagnostics.size() == before ? s : nullptr;
}

}  // namespace coach::dialog
