// Scenario loading and validation (P codes). Tested in tests/golden/practice.
#include "dialog/scenario.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "coach/categories.hpp"
#include "dialog/json_check.hpp"

namespace coach::dialog {

const std::vector<std::string>& practice_beats() {
  static const std::vector<std::string> beats = {
      "opening", "prompt", "flat",  "defensive", "hurt",  "pursue", "wary", "boiling",
      "recover", "softer", "hears", "agrees",    "opens", "good",   "bad",  "drifted"};
  return beats;
}

const std::vector<std::string>& practice_conditions() {
  static const std::vector<std::string> c = [] {
    std::vector<std::string> v = {"feeling", "request", "ownership", "repair", "appreciation", "calm_down",
                                  "bid",     "topic",   "pattern",   "escalated", "first"};
    v.insert(v.end(), kHorsemen.begin(), kHorsemen.end());
    return v;
  }();
  return c;
}

const std::vector<std::string>& practice_aims() {
  static const std::vector<std::string> aims = {"feeling", "request", "ownership", "curiosity", "appreciation"};
  return aims;
}

const std::vector<std::string>& practice_turn_slots() {
  static const std::vector<std::string> slots = {"feeling", "request", "plan", "topic", "quote"};
  return slots;
}

namespace {

bool listed(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// One line: a string, or {"text": ..., "when": [...]}.
void load_line(JsonCheck& c, const json& v, const Ptr& at, const Scenario& s, std::vector<PartnerLine>& out) {
  PartnerLine line;
  std::string text;
  if (v.is_string()) {
    text = v.get<std::string>();
  } else if (!v.is_object()) {
    c.error(at, CommonCode::wrong_type, std::string("expected a line: a string, or an object with 'text' and 'when'; found ") + v.type_name());
    return;
  } else {
    c.known_keys(v, at, {"text", "when"});
    text = c.str(v, at, "text");
    if (v.contains("when")) {
      line.when = c.strings(v, at, "when");
      for (std::size_t i = 0; i < line.when.size(); ++i)
        if (!listed(practice_conditions(), line.when[i]))
          c.error(at / "when" / i, ScenarioCode::unknown_condition,
                  "unknown condition '" + line.when[i] + "' (conditions: " + joined(practice_conditions()) + ")");
    }
  }
  if (auto err = parse_template(text, line.text)) {
    c.error(at, CommonCode::wrong_type, *err);
    return;
  }
  for (const auto& part : line.text.parts)
    if (auto bad = part.slot ? unknown_filter(part.filter) : std::nullopt) c.error(at, ScenarioCode::unknown_filter, *bad);
  for (const auto& slot : line.text.required())
    if (!listed(practice_turn_slots(), slot) && !s.facts.count(slot))
      c.error(at, ScenarioCode::unknown_slot,
              "unknown slot '{" + slot + "}' (the user's words: " + joined(practice_turn_slots()) + "; or a fact of /facts)");
  out.push_back(std::move(line));
}

void load_beats(JsonCheck& c, const json& beats, Scenario& s) {
  const Ptr at("/partner");
  c.known_keys(beats, at, {practice_beats().begin(), practice_beats().end()});
  c.required_keys(beats, at, practice_beats());
  for (const auto& beat : practice_beats()) {
    if (!beats.contains(beat)) continue;
    const json& list = beats[beat];
    if (!c.typed(list, at / beat, json::value_t::array)) continue;
    auto& lines = s.beats[beat];
    for (std::size_t i = 0; i < list.size(); ++i) load_line(c, list[i], at / beat / i, s, lines);
    // A run never says a line twice, so a beat met several times needs its variants.
    if (list.size() < 4)
      c.error(at / beat, ScenarioCode::too_few_lines,
              "beat '" + beat + "' has " + std::to_string(list.size()) + " line(s); it needs at least 4 variants");
  }
}

void load_facts(JsonCheck& c, const json& root, Scenario& s) {
  const json* facts = c.get(root, Ptr(), "facts", json::value_t::object, false);
  if (!facts) return;
  for (const auto& [name, v] : facts->items()) {
    const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char ch) {
      return std::islower(ch) || ch == '_';
    });
    if (!word || listed(practice_turn_slots(), name))
      c.error(Ptr("/facts") / name, ScenarioCode::unknown_slot,
              "a fact's name is a lower-case word that is not one of the user's slots (" + joined(practice_turn_slots()) + ")");
    s.facts[name] = c.strings(*facts, Ptr("/facts"), name);
  }
}

void load_numbers(JsonCheck& c, const json& root, Scenario& s) {
  if (const json* mt = c.get(root, Ptr(), "max_turns", json::value_t::number_unsigned)) {
    s.max_turns = mt->get<unsigned>();
    if (s.max_turns < 2 || s.max_turns > 30) c.error(Ptr("/max_turns"), ScenarioCode::turn_limit, "max_turns must be between 2 and 30");
  }
  if (const json* t = c.get(root, Ptr(), "temperature", json::value_t::object, false)) {
    c.known_keys(*t, Ptr("/temperature"), {"start", "boil"});
    for (auto [key, field] : {std::pair{"start", &s.start_temperature}, std::pair{"boil", &s.boil}})
      if (const json* n = c.get(*t, Ptr("/temperature"), key, json::value_t::number_unsigned, false))
        *field = static_cast<int>(std::min<unsigned>(n->get<unsigned>(), 100));
    if (s.boil < 2 || s.boil > 10 || s.start_temperature >= s.boil)
      c.error(Ptr("/temperature"), ScenarioCode::bad_temperature,
              "temperatures run 0..10: boil between 2 and 10, and start below boil");
  }
}

}  // namespace

std::shared_ptr<const Scenario> load_scenario(const std::string& file, const std::string& text,
                                              std::vector<Diagnostic>& diagnostics) {
  const std::size_t before = diagnostics.size();
  auto root = parse_json(file, text, 'P', diagnostics);
  if (!root) return nullptr;
  JsonCheck c(file, diagnostics, 'P');
  if (!c.typed(*root, Ptr(), json::value_t::object)) return nullptr;
  c.known_keys(*root, Ptr(), {"id", "title", "setting", "goal", "max_turns", "temperature", "aims", "topic", "facts",
                              "hints", "partner"});
  auto s = std::make_shared<Scenario>();
  s->id = c.str(*root, Ptr(), "id");
  s->title = c.str(*root, Ptr(), "title");
  s->setting = c.str(*root, Ptr(), "setting");
  s->goal = c.str(*root, Ptr(), "goal");
  s->hints = c.strings(*root, Ptr(), "hints");
  s->aims = c.strings(*root, Ptr(), "aims");
  for (std::size_t i = 0; i < s->aims.size(); ++i)
    if (!listed(practice_aims(), s->aims[i]))
      c.error(Ptr("/aims") / i, ScenarioCode::unknown_aim,
              "unknown aim '" + s->aims[i] + "' (aims: " + joined(practice_aims()) + ")");
  s->topic = c.strings(*root, Ptr(), "topic");
  for (auto& w : s->topic)
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  load_numbers(c, *root, *s);
  load_facts(c, *root, *s);
  if (const json* beats = c.get(*root, Ptr(), "partner", json::value_t::object)) load_beats(c, *beats, *s);
  return diagnostics.size() == before ? s : nullptr;
}

}  // namespace coach::dialog
