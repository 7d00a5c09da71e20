// Script loading and validation with JSON Pointer diagnostics.
// Tested in tests/golden/scripts and tests/unit/dialog_test.cpp.
#include "dialog/script.hpp"
#include "dialog/scenario.hpp"

#include "coach/categories.hpp"
#include "dialog/json_check.hpp"
#include <set>

namespace coach::dialog {

std::string did_you_mean_slot(const std::string& name, const std::map<std::string, std::string>& slots);

namespace {



class Loader : public JsonCheck {
 public:
  Loader(std::string file, std::vector<Diagnostic>& out) : JsonCheck(std::move(file), out, 'D') {}

  std::optional<Template> tmpl(const json& v, const Ptr& at) {
    if (!typed(v, at, json::value_t::string)) return std::nullopt;
    Template t;
    if (auto err = parse_template(v.get<std::string>(), t)) {
      error(at, ScriptCode::bad_template, "bad template: " + *err);
      return std::nullopt;
    }
    for (const auto& p : t.parts) {
      if (!p.slot) continue;
      if (!script_.slots.count(p.text))
        error(at, ScriptCode::unknown_slot, "unknown slot '{" + p.text + "}'" + did_you_mean_slot(p.text, script_.slots));
      if (auto bad = unknown_filter(p.filter)) error(at, ScriptCode::unknown_filter, *bad);
    }
    return t;
  }

  std::vector<Template> tmpl_list(const json& obj, const Ptr& at, const std::string& key) {
    std::vector<Template> out;
    const json* arr = get(obj, at, key, json::value_t::array);
    if (!arr) return out;
    if (arr->empty()) error(at / key, CommonCode::empty_list, "'" + key + "' needs at least one entry");
    for (std::size_t i = 0; i < arr->size(); ++i)
      if (auto t = tmpl((*arr)[i], at / key / i)) out.push_back(std::move(*t));
    return out;
  }

  void load(const json& root);

 private:
  void load_slots_and_filters(const json& root);
  void load_categories(const json& root);
  void load_received_and_repair(const json& root);
  void load_flows(const json& root);
  void load_messages_and_safety(const json& root);
  void load_practice(const json& root);


 public:
  Script script_;
};

void Loader::load_slots_and_filters(const json& root) {
  if (const json* slots = get(root, Ptr(), "slots", json::value_t::object))
    for (const auto& [k, v] : slots->items())
      if (typed(v, Ptr("/slots") / k, json::value_t::string)) script_.slots[k] = v.get<std::string>();
  const json* filters = get(root, Ptr(), "filters", json::value_t::object);
  if (!filters) return;
  const Ptr at("/filters");
  known_keys(*filters, at, {"swap", "trim"});
  if (const json* swap = get(*filters, at, "swap", json::value_t::object))
    for (const auto& [k, v] : swap->items())
      if (typed(v, at / "swap" / k, json::value_t::string)) script_.filters.swap[k] = v.get<std::string>();
  if (const json* trim = get(*filters, at, "trim", json::value_t::array))
    for (std::size_t i = 0; i < trim->size(); ++i)
      if (typed((*trim)[i], at / "trim" / i, json::value_t::string))
        script_.filters.trim.push_back((*trim)[i].get<std::string>());
}

void Loader::load_categories(const json& root) {
  const json* cats = get(root, Ptr(), "categories", json::value_t::object);
  if (!cats) return;
  for (const auto& [name, v] : cats->items()) {
    const Ptr at = Ptr("/categories") / name;
    if (!one_of(kHorsemen, name)) {
      error(at, ScriptCode::unknown_category, "unknown category '" + name + "' (categories: " + joined(kHorsemen) + ")");
      continue;
    }
    if (!typed(v, at, json::value_t::object)) continue;
    known_keys(v, at, {"label", "why", "antidote", "flow", "suggest"});
    CategoryScript c;
    c.label = str(v, at, "label");
    c.why = str(v, at, "why");
    if (const json* a = get(v, at, "antidote", json::value_t::object)) {
      known_keys(*a, at / "antidote", {"name", "how"});
      c.antidote = str(*a, at / "antidote", "name");
      c.how = str(*a, at / "antidote", "how");
    }
    c.flow = str(v, at, "flow");
    c.suggest = tmpl_list(v, at, "suggest");
    script_.categories[name] = std::move(c);
  }
  required_keys(*cats, Ptr("/categories"), kHorsemen);
}

void Loader::load_received_and_repair(const json& root) {
  if (const json* rec = get(root, Ptr(), "received", json::value_t::object)) {
    for (const auto& [name, v] : rec->items()) {
      if (name != "none" && name != "request" && !one_of(kHorsemen, name) && !one_of(kRepairGroups, name)) {
        error(Ptr("/received") / name, ScriptCode::unknown_category, "unknown category '" + name + "'");
        continue;
      }
      script_.received[name] = tmpl_list(*rec, Ptr("/received"), name);
    }
    // An answer to each pattern, to each kind of repair the partner may make, and to the rest.
    required_keys(*rec, Ptr("/received"), kHorsemen);
    required_keys(*rec, Ptr("/received"), kRepairGroups);
    required_keys(*rec, Ptr("/received"), std::array{"none"});  // "request" is optional
  }
  if (const json* rep = get(root, Ptr(), "repair", json::value_t::object)) {
    for (const auto& [name, v] : rep->items()) {
      if (!one_of(kRepairGroups, name)) {
        error(Ptr("/repair") / name, ScriptCode::unknown_repair_group,
              "unknown repair group '" + name + "' (groups: " + joined(kRepairGroups) + ")");
        continue;
      }
      if (auto t = tmpl(v, Ptr("/repair") / name)) script_.repair[name] = std::move(*t);
    }
    required_keys(*rep, Ptr("/repair"), kRepairGroups);
  }
}

void Loader::load_flows(const json& root) {
  const json* flows = get(root, Ptr(), "flows", json::value_t::object);
  if (!flows) return;
  for (const auto& [name, v] : flows->items()) {
    const Ptr at = Ptr("/flows") / name;
    if (!typed(v, at, json::value_t::object)) continue;
    known_keys(v, at, {"title", "start", "steps"});
    Flow f;
    f.title = str(v, at, "title");
    f.start = str(v, at, "start");
    const json* steps = get(v, at, "steps", json::value_t::object);
    if (!steps) continue;
    for (const auto& [sname, s] : steps->items()) {
      const Ptr sat = at / "steps" / sname;
      if (!typed(s, sat, json::value_t::object)) continue;
      known_keys(s, sat, {"ask", "slot", "next", "say"});
      FlowStep step;
      if (s.contains("say")) {
        step.say = tmpl(s["say"], sat / "say");
      } else {
        if (const json* ask = get(s, sat, "ask", json::value_t::string)) step.ask = tmpl(*ask, sat / "ask");
        step.slot = str(s, sat, "slot");
        step.next = str(s, sat, "next");
        if (!step.slot.empty() && !script_.slots.count(step.slot))
          error(sat / "slot", ScriptCode::unknown_slot, "unknown slot '" + step.slot + "'" + did_you_mean_slot(step.slot, script_.slots));
      }
      f.steps[sname] = std::move(step);
    }
    if (!f.start.empty() && !f.steps.count(f.start))
      error(at / "start", ScriptCode::unknown_step, "start step '" + f.start + "' does not exist");
    for (const auto& [sname, step] : f.steps)
      if (!step.next.empty() && !f.steps.count(step.next))
        error(at / "steps" / sname / "next", ScriptCode::unknown_step, "next step '" + step.next + "' does not exist");
    script_.flows[name] = std::move(f);
  }
  for (const auto& [cname, c] : script_.categories)
    if (!c.flow.empty() && !script_.flows.count(c.flow))
      error(Ptr("/categories") / cname / "flow", ScriptCode::unknown_step, "flow '" + c.flow + "' does not exist");
}

void Loader::load_messages_and_safety(const json& root) {
  if (const json* msgs = get(root, Ptr(), "messages", json::value_t::object)) {
    for (const auto& [k, v] : msgs->items())
      if (auto t = tmpl(v, Ptr("/messages") / k)) script_.messages[k] = std::move(*t);
    required_keys(*msgs, Ptr("/messages"), required_messages());
  }
  if (const json* safety = get(root, Ptr(), "safety", json::value_t::object))
    script_.safety = load_safety(*this, *safety, [this](const json& v, const Ptr& at) { return tmpl(v, at); });
}

void Loader::load(const json& root) {
  if (!typed(root, Ptr(), json::value_t::object)) return;
  known_keys(root, Ptr(),
             {"language", "slots", "filters", "categories", "rephrase", "received", "repair", "flows", "messages", "safety",
              "practice"});
  script_.language = str(root, Ptr(), "language");
  load_slots_and_filters(root);  // first: templates are checked against the declared slots
  load_categories(root);
  if (const json* r = get(root, Ptr(), "rephrase", json::value_t::object, false))
    script_.rephrase = load_rephrase(*this, *r, [this](const json& v, const Ptr& at) { return tmpl(v, at); });
  load_received_and_repair(root);
  load_flows(root);
  load_messages_and_safety(root);
  load_practice(root);
}

void Loader::load_practice(const json& root) {
  const json* pr = get(root, Ptr(), "practice", json::value_t::object);
  if (!pr) return;
  const Ptr at("/practice");
  for (const auto& [k, v] : pr->items()) {
    if (k == "endings" || k == "groups" || k == "aims") continue;
    if (std::find(required_practice().begin(), required_practice().end(), k) == required_practice().end()) {
      error(at / k, CommonCode::unknown_key, "unknown key '" + k + "'");
      continue;
    }
    if (auto t = tmpl(v, at / k)) script_.practice.texts[k] = std::move(*t);
  }
  required_keys(*pr, at, required_practice());
  if (const json* endings = get(*pr, at, "endings", json::value_t::object)) {
    known_keys(*endings, at / "endings", {practice_endings().begin(), practice_endings().end()});
    for (const auto& e : practice_endings()) {
      if (!endings->contains(e)) error(at / "endings", CommonCode::missing_key, "missing required key '" + e + "'");
      else if (auto t = tmpl((*endings)[e], at / "endings" / e)) script_.practice.endings[e] = std::move(*t);
    }
  }
  if (const json* aims = get(*pr, at, "aims", json::value_t::object)) {
    std::vector<std::string> names = practice_aims();
    names.push_back("repair");
    known_keys(*aims, at / "aims", {names.begin(), names.end()});
    required_keys(*aims, at / "aims", names);
    for (const auto& name : names) {
      const json* aim = aims->contains(name) ? get(*aims, at / "aims", name, json::value_t::object) : nullptr;
      if (!aim) continue;
      known_keys(*aim, at / "aims" / name, {"label", "tip"});
      AimText text{str(*aim, at / "aims" / name, "label"), {}};
      if (aim->contains("tip"))
        if (auto t = tmpl((*aim)["tip"], at / "aims" / name / "tip")) text.tip = std::move(*t);
      required_keys(*aim, at / "aims" / name, std::vector<std::string>{"tip"});
      script_.practice.aims[name] = std::move(text);
    }
  }
  if (const json* groups = get(*pr, at, "groups", json::value_t::object)) {
    known_keys(*groups, at / "groups", {kRepairGroups.begin(), kRepairGroups.end()});
    for (const std::string_view v : kRepairGroups) {
      const std::string g(v), label = str(*groups, at / "groups", g);
      if (!label.empty()) script_.practice.groups[g] = label;
    }
  }
}

}  // namespace

const std::vector<std::string>& required_messages() {
  static const std::vector<std::string> keys = {
      "welcome", "help", "note", "suggestion", "clean", "rewrite_offer", "flooding", "ledger", "ledger_empty",
      "why_none", "flow_cancelled", "no_flow", "empty", "unknown_command", "reset", "ratio", "ratio_none", "more", "more_none",
      "action_rewrite", "action_cancel"};
  return keys;
}

const std::vector<std::string>& required_practice() {
  static const std::vector<std::string> keys = {"opening", "partner", "hint", "debrief", "worked_item", "worked_none",
                                                "wounded_item", "wounded_none", "tip_pattern", "tip_none", "no_scenario",
                                                "aim_met", "aim_missed"};
  return keys;
}

const std::vector<std::string>& practice_endings() {
  static const std::vector<std::string> e = {"good", "bad", "drifted", "out_of_turns", "stopped", "safety"};
  return e;
}

ScriptLoad load_script(const std::string& name, const std::string& text) {
  ScriptLoad out;
  auto root = parse_json(name, text, 'D', out.diagnostics);
  if (!root) return out;
  Loader loader(name, out.diagnostics);
  loader.load(*root);
  if (out.diagnostics.empty()) out.script = std::make_shared<const Script>(std::move(loader.script_));
  return out;
}

}  // namespace coach::dialog

#include "rules/emit.hpp"

namespace coach::dialog {

std::string did_you_mean_slot(const std::string& name, const std::map<std::string, std::string>& slots) {
  std::vector<std::string> names;
  for (const auto& [k, _] : slots) names.push_back(k);
  const std::string hint = rules::closest_name(name, names);
  return hint.empty() ? std::string() : " (did you mean '{" + hint + "}'?)";
}

}  // namespace coach::dialog
