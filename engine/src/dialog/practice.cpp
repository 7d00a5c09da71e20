// A practice run: read each reply, move the partner's temperature, pick the beat and a line
// that fits the user's words and has not been said. The debrief is practice_debrief.cpp.
// Tested in tests/unit/practice_test.cpp and tests/practice (playthroughs per scenario).
#include "coach/practice.hpp"

#include <algorithm>
#include <map>

#include "coach/coach.hpp"
#include "dialog/compose.hpp"
#include "dialog/practice_turn.hpp"
#include "dialog/scenario.hpp"
#include "dialog/script.hpp"

namespace coach {

using dialog::Slots;
using dialog::TurnReading;

namespace {

// Where to look when a beat has no fitting line left, nearest in spirit first.
const std::map<std::string, std::vector<std::string>>& fallbacks() {
  static const std::map<std::string, std::vector<std::string>> f = {
      {"prompt", {"flat", "opens"}},       {"flat", {"prompt"}},
      {"defensive", {"wary", "hurt", "pursue"}}, {"hurt", {"defensive", "wary"}},
      {"pursue", {"defensive", "flat"}},   {"wary", {"softer", "defensive"}},
      {"recover", {"softer", "wary"}},     {"softer", {"hears", "opens", "agrees"}},
      {"hears", {"softer", "opens"}},      {"agrees", {"softer", "hears"}},
      {"opens", {"hears", "softer", "prompt"}}, {"boiling", {"hurt", "defensive"}}};
  return f;
}

bool ending_beat(const std::string& beat) { return beat == "good" || beat == "bad" || beat == "drifted"; }

std::string kind_of(const TurnReading& t) {
  if (t.pattern()) return t.repair() ? "mixed" : t.patterns.front();
  if (t.repair()) return "repair";
  if (t.has("request")) return "request";
  if (t.has("bid")) return "bid";
  return "neutral";
}

}  // namespace

PracticeRun::PracticeRun(const Coach& coach, std::shared_ptr<const dialog::Scenario> scenario, std::uint64_t seed)
    : coach_(&coach), scenario_(std::move(scenario)), seed_(seed), temperature_(scenario_->start_temperature) {
  std::size_t i = 0;
  for (const auto& [name, variants] : scenario_->facts) facts_[name] = variants[(seed_ + i++) % variants.size()];
  dialog::TurnReading none;
  none.conditions.insert("first");
  if (auto line = line_for("opening", none)) opening_line_ = *line;
}

const std::string& PracticeRun::id() const { return scenario_->id; }
const std::string& PracticeRun::title() const { return scenario_->title; }

std::string PracticeRun::opening() const {
  return dialog::say(coach_->script(), coach_->script().practice.texts.at("opening"),
                     {{"title", scenario_->title},
                      {"setting", scenario_->setting},
                      {"goal", scenario_->goal},
                      {"partner", opening_line_}});
}

// The fitting lines not yet said; the most specific ones (most conditions met, most of the
// user's words used) win, and the seed picks among equals.
std::optional<std::string> PracticeRun::line_for(const std::string& beat, const TurnReading& turn) {
  const auto& lines = scenario_->beats.at(beat);
  // The run's facts, the user's words from earlier replies, then this reply's.
  Slots slots(facts_.begin(), facts_.end());
  for (const auto& [k, v] : remembered_) slots[k] = v;
  for (const auto& [k, v] : turn.slots) slots[k] = v;
  int best = -1;
  std::vector<std::pair<std::size_t, std::string>> candidates;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (said_.count({beat, i})) continue;
    const auto& line = lines[i];
    const bool fits = std::all_of(line.when.begin(), line.when.end(), [&](const std::string& c) {
      return turn.has(c) || (c == "escalated" && escalated_) || (c == "first" && turns_ == 1);
    });
    if (!fits) continue;
    // A fact is told once: the partner does not explain the same thing again.
    const auto required = line.text.required();
    if (std::any_of(required.begin(), required.end(), [&](const std::string& r) { return told_.count(r) > 0; })) continue;
    auto text = dialog::render(line.text, slots, coach_->script().filters);
    if (!text) continue;
    // Specific means fitting this user's words; a fact fits anyone.
    const int specific = static_cast<int>(line.when.size() + std::count_if(required.begin(), required.end(), [&](const std::string& r) {
                                                               return !facts_.count(r);
                                                             }));
    if (specific > best) candidates.clear(), best = specific;
    if (specific == best) candidates.emplace_back(i, *text);
  }
  if (candidates.empty()) return std::nullopt;
  const auto& [index, text] = candidates[(seed_ + static_cast<std::uint64_t>(turns_)) % candidates.size()];
  said_.insert({beat, index});
  for (const auto& r : lines[index].text.required())
    if (facts_.count(r)) told_.insert(r);
  return text;
}

// A line of `beat`, or of the nearest beat that has one left (`beat` is updated).
std::string PracticeRun::partner_line(std::string& beat, const TurnReading& turn) {
  if (auto line = line_for(beat, turn)) return *line;
  auto it = fallbacks().find(beat);
  if (it != fallbacks().end())
    for (const auto& other : it->second)
      if (auto line = line_for(other, turn)) {
        beat = other;
        return *line;
      }
  return {};
}

std::string PracticeRun::choose_beat(const TurnReading& t) {
  const auto& s = *scenario_;
  if (last_chance_) {
    // The one reply after boiling over decides: a repair brings the partner back.
    last_chance_ = false;
    if (t.repair() && !t.has("contempt")) {
      temperature_ = std::min(temperature_, s.boil - 3);
      return "recover";
    }
    return "bad";
  }
  if (temperature_ >= s.boil) {
    last_chance_ = escalated_ = true;
    return "boiling";
  }
  if (t.pattern() && t.repair()) return "wary";
  if (t.has("contempt")) return "hurt";
  if (t.has("criticism") || t.has("defensiveness")) return "defensive";
  if (t.has("stonewalling")) return "pursue";
  const bool aims_done =
      std::all_of(s.aims.begin(), s.aims.end(), [&](const std::string& a) { return aims_met_.count(a) > 0; }) &&
      (pattern_turns_ == 0 || aims_met_.count("repair"));
  if (aims_done && temperature_ <= s.start_temperature && turns_ >= 2) return "good";
  if (t.has("ownership")) return "softer";
  if (t.has("request")) return "agrees";
  if (t.has("feeling")) return "hears";
  if (t.has("bid")) return "opens";
  if (t.repair()) return "softer";
  if (neutral_run_ >= 5) return "drifted";  // nothing named, asked or given, again and again
  return neutral_run_ <= 2 ? "prompt" : "flat";
}

void PracticeRun::record(const Analysis& a, const TurnReading& t) {
  const bool after_pattern = pattern_turns_ > 0 || t.pattern();
  negative_ += static_cast<int>(a.categories.size());
  positive_ += static_cast<int>(a.signals.repair.size()) + (t.has("request") ? 1 : 0) + (t.has("bid") ? 1 : 0);
  if (t.pattern()) ++pattern_turns_;
  if (t.has("contempt")) ++contempt_turns_;
  neutral_run_ = kind_of(t) == "neutral" ? neutral_run_ + 1 : 0;
  for (const auto& [aim, quote] : t.aims) aims_met_.emplace(aim, quote);
  for (const char* slot : {"feeling", "request", "topic"})
    if (auto it = t.slots.find(slot); it != t.slots.end()) remembered_[slot] = it->second;
  if (after_pattern && t.repair()) aims_met_.emplace("repair", a.signals.repair.front().quote);
  for (const auto& c : a.categories)
    for (const auto& f : a.findings)
      if (f.category == c) {
        wounded_.push_back({c, f.quote});
        break;
      }
  for (const auto& f : a.signals.repair)
    worked_.push_back({f.category.substr(f.category.find('.') + 1), dialog::repair_words(a, f)});
}

PracticeReply PracticeRun::reply(std::string_view message) {
  PracticeReply r;
  r.temperature = temperature_;
  if (finished_) {
    r.finished = true;
    r.ending = ending_;
    return r;
  }
  const dialog::Script& script = coach_->script();
  r.analysis = coach_->engine().analyze(message);
  ++turns_;
  const Analysis& a = r.analysis;
  if (!a.signals.safety.empty()) {
    // The role-play ends at once: this is no longer about phrasing.
    finished_ = r.finished = true;
    ending_ = r.ending = r.kind = "safety";
    r.text = dialog::safety_reply(script, a, Mode::sending, nullptr).text;
    return r;
  }
  const TurnReading t = dialog::read_turn(a, *scenario_, script);
  record(a, t);
  r.kind = kind_of(t);
  temperature_ = std::clamp(temperature_ + t.heat, 0, 10);
  std::string beat = choose_beat(t);
  const std::string line = partner_line(beat, t);
  r.node = beat;
  r.temperature = temperature_;
  r.text = line.empty() ? std::string() : dialog::say(script, script.practice.texts.at("partner"), {{"partner", line}});
  if (ending_beat(beat)) ending_ = beat;
  else if (line.empty() || turns_ >= static_cast<int>(scenario_->max_turns)) ending_ = "out_of_turns";
  if (!ending_.empty()) {
    finished_ = r.finished = true;
    r.ending = ending_;
  }
  return r;
}

std::string PracticeRun::hint() {
  const auto& hints = scenario_->hints;
  return dialog::say(coach_->script(), coach_->script().practice.texts.at("hint"),
                     {{"suggestion", hints[(seed_ + hints_++) % hints.size()]}});
}

}  // namespace coach
