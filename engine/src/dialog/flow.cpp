// Flow start, steps and the composed sentence. Tested in tests/conversations.
#include "dialog/flow.hpp"

#include "dialog/compose.hpp"

namespace coach {
namespace dialog {
namespace {

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

void enter_step(const Script& script, Session& s, const std::string& step, Turn& t) {
  const Flow& flow = script.flows.at(s.flow);
  const FlowStep& st = flow.steps.at(step);
  s.step = step;
  if (st.say) {
    t.reply = say(script, *st.say, s.slots);
    t.suggestions.push_back({"", flow.title, t.reply});
    s.end_flow();
  } else {
    t.reply = say(script, *st.ask, s.slots);
  }
  t.flow = s.flow;
  t.step = s.step;
}

}  // namespace

void continue_flow(const Script& script, Session& s, std::string_view answer, Turn& t) {
  const FlowStep& st = script.flows.at(s.flow).steps.at(s.step);
  s.slots[st.slot] = trimmed(answer);
  enter_step(script, s, st.next, t);
}

Turn start_flow(const Script& script, Session& s, std::string_view name) {
  Turn t;
  std::string flow(name);
  if (flow.empty()) {  // the flow for the last pattern seen
    flow = "gentle_startup";
    for (auto it = s.turns.rbegin(); it != s.turns.rend(); ++it)
      if (!it->categories.empty()) {
        const auto& c = script.categories.at(it->categories.front());
        if (!c.flow.empty()) flow = c.flow;
        break;
      }
  }
  if (!script.flows.count(flow)) {
    t.reply = say(script, "no_flow");
    return t;
  }
  s.flow = flow;
  s.slots.clear();
  enter_step(script, s, script.flows.at(flow).start, t);
  return t;
}

Turn cancel_flow(const Script& script, Session& s) {
  Turn t;
  s.end_flow();
  t.reply = say(script, "flow_cancelled");
  return t;
}

std::vector<std::string> flow_names(const Script& script) {
  std::vector<std::string> out;
  for (const auto& [name, _] : script.flows) out.push_back(name);
  return out;
}

}  // namespace dialog
}  // namespace coach
