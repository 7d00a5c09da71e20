// A practice run: classify each reply, move through the scenario graph, debrief.
// Tested in tests/unit/practice_test.cpp and tests/practice.
#include "coach/practice.hpp"

#include <algorithm>
#include <map>

#include "coach/coach.hpp"
#include "dialog/compose.hpp"
#include "dialog/scenario.hpp"
#include "dialog/script.hpp"

namespace coach {

using dialog::Slots;

PracticeRun::PracticeRun(const Coach& coach, std::shared_ptr<const dialog::Scenario> scenario, std::uint64_t seed)
    : coach_(&coach), scenario_(std::move(scenario)), seed_(seed), node_(scenario_->start) {}

const std::string& PracticeRun::id() const { return scenario_->id; }
const std::string& PracticeRun::title() const { return scenario_->title; }

std::string PracticeRun::partner_line(const std::string& node) {
  const auto& lines = scenario_->nodes.at(node).partner;
  return lines[(seed_ + visits_++) % lines.size()];
}

std::string PracticeRun::opening() const {
  const auto& lines = scenario_->nodes.at(scenario_->start).partner;
  return dialog::say(coach_->script(), coach_->script().practice.texts.at("opening"),
                     {{"title", scenario_->title},
                      {"setting", scenario_->setting},
                      {"goal", scenario_->goal},
                      {"partner", lines[seed_ % lines.size()]}});
}

PracticeReply PracticeRun::reply(std::string_view message) {
  PracticeReply r;
  if (finished_) {
    r.finished = true;
    r.ending = ending_;
    return r;
  }
  if (turns_ == 0) ++visits_;  // the opening line used the first variant
  const dialog::Script& script = coach_->script();
  r.analysis = coach_->engine().analyze(message);
  ++turns_;
  const Analysis& a = r.analysis;
  if (!a.signals.safety.empty()) {
    finished_ = true;
    r.finished = true;
    ending_ = r.ending = "safety";
    r.kind = "safety";
    r.text = dialog::safety_reply(script, a, Mode::sending, nullptr).text;
    return r;
  }
  negative_ += static_cast<int>(a.categories.size());
  positive_ += static_cast<int>(a.signals.repair.size());
  bids_ += a.signals.bids.empty() ? 0 : 1;
  for (const auto& c : a.categories)
    for (const auto& f : a.findings)
      if (f.category == c) {
        wounded_.push_back({c, f.quote});
        break;
      }
  for (const auto& f : a.signals.repair) worked_.push_back({f.category.substr(f.category.find('.') + 1), f.quote});

  const auto& node = scenario_->nodes.at(node_);
  if (!a.categories.empty()) r.kind = node.next.count(a.categories.front()) ? a.categories.front() : "horseman";
  else if (!a.signals.repair.empty()) r.kind = "repair";
  else if (!a.signals.bids.empty()) r.kind = "bid";
  else r.kind = "neutral";
  const std::string& next = node.next.at(r.kind == "horseman" || node.next.count(r.kind) ? r.kind : "horseman");
  node_ = next;
  r.node = node_;
  r.text = dialog::say(script, script.practice.texts.at("partner"), {{"partner", partner_line(node_)}});
  const auto& arrived = scenario_->nodes.at(node_);
  if (!arrived.ending.empty()) ending_ = arrived.ending;
  else if (turns_ >= static_cast<int>(scenario_->max_turns)) ending_ = "out_of_turns";
  if (!ending_.empty()) {
    finished_ = true;
    r.finished = true;
    r.ending = ending_;
  }
  return r;
}

std::string PracticeRun::hint() {
  const auto& hints = scenario_->hints;
  return dialog::say(coach_->script(), coach_->script().practice.texts.at("hint"),
                     {{"suggestion", hints[(seed_ + hints_++) % hints.size()]}});
}

Debrief PracticeRun::debrief() {
  if (!finished_) {
    finished_ = true;
    ending_ = "stopped";
  }
  const dialog::Script& script = coach_->script();
  const auto& texts = script.practice.texts;
  Debrief d;
  d.ending = ending_;
  d.positive = positive_;
  d.negative = negative_;
  d.turns = turns_;
  static const std::map<std::string, int> ending_bonus = {
      {"good", 25}, {"bad", -25}, {"stopped", -10}, {"out_of_turns", 0}, {"safety", 0}};
  d.score = std::clamp(50 + 8 * positive_ + 4 * bids_ - 15 * negative_ + ending_bonus.at(ending_), 0, 100);

  std::string worked, wounded;
  for (const auto& m : worked_)
    worked += (worked.empty() ? "" : "\n") +
              dialog::say(script, texts.at("worked_item"),
                          Slots{{"label", script.practice.groups.at(m.category)}, {"quote", m.quote}});
  std::map<std::string, int> counts;
  for (const auto& m : wounded_) {
    const auto& c = script.categories.at(m.category);
    ++counts[m.category];
    wounded += (wounded.empty() ? "" : "\n") +
               dialog::say(script, texts.at("wounded_item"),
                           Slots{{"label", c.label}, {"quote", m.quote}, {"antidote", c.antidote}});
  }
  std::string tip = dialog::say(script, texts.at("tip_none"));
  if (!wounded_.empty()) {
    // The most frequent pattern, quoted where it first appeared.
    auto most = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    auto first = std::find_if(wounded_.begin(), wounded_.end(), [&](const Moment& m) { return m.category == most->first; });
    tip = dialog::say(script, texts.at("tip_pattern"),
                      Slots{{"quote", first->quote}, {"how", script.categories.at(most->first).how}});
  }
  d.text = dialog::say(script, texts.at("debrief"),
                       Slots{{"title", scenario_->title},
                        {"ending", dialog::say(script, script.practice.endings.at(ending_))},
                        {"worked", worked.empty() ? dialog::say(script, texts.at("worked_none")) : worked},
                        {"wounded", wounded.empty() ? dialog::say(script, texts.at("wounded_none")) : wounded},
                        {"positive", std::to_string(positive_)},
                        {"negative", std::to_string(negative_)},
                        {"ratio", dialog::ratio(script, positive_, negative_)},
                        {"tip", tip},
                        {"score", std::to_string(d.score)}});
  return d;
}

}  // namespace coach
