// The debrief of a practice run: the aims met (quoting the user's words) and missed, what
// worked and what wounded, the score, and a tip drawn from what was missing.
// Tested in tests/unit/practice_test.cpp and tests/practice.
#include <algorithm>
#include <cctype>
#include <map>

#include "coach/coach.hpp"
#include "coach/practice.hpp"
#include "dialog/compose.hpp"
#include "dialog/scenario.hpp"
#include "dialog/script.hpp"

namespace coach {

using dialog::Slots;

std::vector<AimResult> PracticeRun::aim_results() const {
  std::vector<std::string> aims = scenario_->aims;
  if (pattern_turns_ > 0) aims.push_back("repair");  // after a pattern, a repair is part of the skill
  std::vector<AimResult> out;
  for (const auto& aim : aims) {
    auto it = aims_met_.find(aim);
    out.push_back({aim, it != aims_met_.end(), it != aims_met_.end() ? it->second : std::string()});
  }
  return out;
}

// Skill, not activity: most of the score is the aims met, so saying little scores little and
// a loop adds nothing; patterns cost, a good ending adds, stopping early costs nothing.
int PracticeRun::score() const {
  const auto aims = aim_results();
  const auto met = std::count_if(aims.begin(), aims.end(), [](const AimResult& a) { return a.met; });
  const int from_aims = aims.empty() ? 60 : static_cast<int>(60 * met / static_cast<long>(aims.size()));
  static const std::map<std::string, int> ending_bonus = {{"good", 30},   {"bad", -10},        {"drifted", 0},
                                                          {"stopped", 0}, {"out_of_turns", 0}, {"safety", 0}};
  const int patterns = 8 * (pattern_turns_ - contempt_turns_) + 12 * contempt_turns_;
  return std::clamp(10 + from_aims + ending_bonus.at(ending_) - patterns, 0, 100);
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
  d.score = score();
  d.aims = aim_results();

  std::string aims, worked, wounded;
  const dialog::AimText* missing = nullptr;
  for (const auto& a : d.aims) {
    const auto& text = script.practice.aims.at(a.aim);
    if (!a.met && !missing) missing = &text;
    aims += (aims.empty() ? "" : "\n") + dialog::say(script, texts.at(a.met ? "aim_met" : "aim_missed"),
                                                     Slots{{"label", text.label}, {"quote", a.quote}});
  }
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
  // The tip: the pattern said most (quoted where it first came), then the first aim missed.
  std::string tip;
  if (!wounded_.empty()) {
    auto most = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    auto first = std::find_if(wounded_.begin(), wounded_.end(), [&](const Moment& m) { return m.category == most->first; });
    tip = dialog::say(script, texts.at("tip_pattern"),
                      Slots{{"quote", first->quote}, {"how", script.categories.at(most->first).how}});
  }
  if (missing) {
    std::string more = dialog::say(script, missing->tip);
    // After "Next time:" the sentence goes on in lower case; after the pattern's tip it starts anew.
    if (tip.empty() && !more.empty()) more[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(more[0])));
    tip += (tip.empty() ? "" : " ") + more;
  }
  if (tip.empty()) tip = dialog::say(script, texts.at("tip_none"));
  d.text = dialog::say(script, texts.at("debrief"),
                       Slots{{"title", scenario_->title},
                             {"ending", dialog::say(script, script.practice.endings.at(ending_))},
                             {"aims", aims},
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
