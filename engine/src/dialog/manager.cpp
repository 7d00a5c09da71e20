// The dialog manager's step: one analyzed message in a session. Safety first, then the flow in
// progress, then coaching the message (sending or received mode), then flooding. Coach::respond
// (coach.cpp) analyzes and calls it. Tested in tests/conversations and tests/unit/dialog_test.cpp.
#include <algorithm>
#include <ctime>

#include "coach/coach.hpp"
#include "dialog/compose.hpp"
#include "dialog/flow.hpp"
#include "dialog/manager.hpp"
#include "dialog/slots.hpp"

namespace coach {

using dialog::Slots;

namespace {

void record(Session& s, const Analysis& a, Mode mode, std::int64_t now) {
  SessionTurn t;
  t.time = now;
  t.mode = mode;
  t.categories = a.categories;
  t.negative = static_cast<int>(a.categories.size());
  t.positive = static_cast<int>(a.signals.repair.size());
  t.intensity = a.signals.intensity;
  s.positive += t.positive;
  s.negative += t.negative;
  for (const auto& c : a.categories) ++s.seen[c];
  s.turns.push_back(std::move(t));
  if (s.turns.size() > Session::kMaxTurns) s.turns.erase(s.turns.begin());
}

// Patterns piling up, intensity climbing, or a burst of messages: time for a break.
// Returns the number of hard moments in the last ten minutes when it is time, else 0.
int flooding_count(const Session& s, std::int64_t now) {
  if (now - s.flooding_noted_at < 10 * 60) return 0;
  const std::size_t n = s.turns.size();
  int recent = 0, last_three = 0, hard_turns = 0, burst = 0, burst_negative = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& t = s.turns[i];
    if (now - t.time > 10 * 60) continue;
    recent += t.negative;
    if (i + 3 >= n) {
      last_three += t.negative;
      hard_turns += t.negative > 0;
    }
    if (now - t.time <= 60) {
      ++burst;
      burst_negative += t.negative;
    }
  }
  const bool rising = n >= 3 && s.turns[n - 1].intensity >= 0.5 &&
                      s.turns[n - 1].intensity > s.turns[n - 2].intensity &&
                      s.turns[n - 2].intensity > s.turns[n - 3].intensity;
  // Piling up means across turns: one message with two patterns is not yet a flood.
  const bool flooded = hard_turns >= 3 || (last_three >= 4 && hard_turns >= 2) || (rising && recent >= 2) ||
                       (burst >= 4 && burst_negative >= 2);
  return flooded ? recent : 0;
}

const Finding& first_of(const Analysis& a, const std::string& category) {
  return *std::find_if(a.findings.begin(), a.findings.end(),
                       [&](const Finding& f) { return f.category == category; });
}

// Suggestions for a message being sent, and (when `reply` is given) the coach's notes
// around them. dialog::suggest asks for the suggestions alone.
void coach_sending(const dialog::Script& script, Session& s, std::int64_t now, const Analysis& a,
                   const dialog::SelfCheck& check, std::vector<Suggestion>& suggestions, std::string* reply) {
  std::vector<std::string> lines;
  for (const auto& cat : a.categories) {
    const auto& cs = script.categories.at(cat);
    Slots slots = dialog::finding_slots(first_of(a, cat), now, s.time_zone);
    slots["label"] = cs.label;
    slots["why"] = cs.why;
    slots["antidote"] = cs.antidote;
    slots["how"] = cs.how;
    if (reply) lines.push_back(dialog::say(script, "note", slots));
    auto options = dialog::rephrase(script, a, cat, dialog::base_slots(now, s.time_zone), check, s.seed + s.rotation[cat]++);
    if (!options.empty()) {
      Suggestion sug{cat, options.front().antidote, options.front().text, options.front().strategy, {}};
      for (std::size_t i = 1; i < options.size(); ++i) sug.alternatives.push_back(options[i].text);
      if (reply) lines.push_back(dialog::say(script, "suggestion", {{"suggestion", sug.text}}));
      suggestions.push_back(std::move(sug));
    }
  }
  if (!reply) return;
  if (!a.categories.empty()) lines.push_back(dialog::say(script, "rewrite_offer"));
  if (!a.signals.repair.empty()) {
    const Finding& r = a.signals.repair.front();
    const std::string group = r.category.substr(r.category.find('.') + 1);
    lines.push_back(dialog::say(script, script.repair.at(group), dialog::finding_slots(r, now)));
  }
  if (lines.empty()) lines.push_back(dialog::say(script, "clean"));
  for (const auto& l : lines) *reply += (reply->empty() ? "" : "\n") + l;
}

// The kind of repair a partner's message makes, most telling first: a request for a break is
// answered by agreeing and naming a time, an apology by accepting it and giving one back, a
// call to stop by stopping, a feeling named gently by validating it and owning a part, a
// compromise by meeting it, appreciation by taking it in; "" when there is none.
std::string repair_kind(const Analysis& a) {
  for (std::string_view group : {"calm_down", "sorry", "stop_action", "i_feel", "get_to_yes", "appreciate"})
    for (const auto& r : a.signals.repair)
      if (r.category.size() > 7 && std::string_view(r.category).substr(7) == group) return std::string(group);
  return {};
}

void coach_received(const dialog::Script& script, Session& s, std::int64_t now, Turn& t) {
  std::vector<std::string> cats;
  // A repair is answered first; a pattern in the same message is answered after it.
  if (const std::string repair = repair_kind(t.analysis); !repair.empty()) cats.push_back(repair);
  // A request is met with a plain yes to what one can do (not when it came inside an attack).
  const bool attack = std::any_of(t.analysis.categories.begin(), t.analysis.categories.end(),
                                  [](const std::string& c) { return c == "criticism" || c == "contempt"; });
  if (!t.analysis.signals.requests.empty() && !attack && script.received.count("request")) cats.push_back("request");
  for (const auto& c : t.analysis.categories) cats.push_back(c);
  if (cats.empty()) cats.push_back("none");
  for (const auto& cat : cats) {
    const bool pattern = one_of(kHorsemen, cat);
    Slots slots = pattern ? dialog::finding_slots(first_of(t.analysis, cat), now, s.time_zone)
                          : dialog::base_slots(now, s.time_zone);
    if (cat == "request") {
      slots = dialog::finding_slots(t.analysis.signals.requests.front(), now, s.time_zone);
      auto ask = dialog::clean_capture(slots["ask"], script.rephrase.words);
      slots["ask"] = ask ? *ask : std::string();
    }
    if (auto text = dialog::pick(script, script.received.at(cat), slots, s, "received." + cat)) {
      t.reply += (t.reply.empty() ? "" : "\n") + *text;
      t.suggestions.push_back({cat, "Calm reply", *text});
    }
  }
}

}  // namespace

namespace dialog {

Turn step(const Script& script, Session& s, Analysis analysis, Mode mode, std::int64_t now, const SelfCheck& check) {
  Turn t;
  t.analysis = std::move(analysis);
  const bool answering_flow = !s.flow.empty() && mode == Mode::sending;
  if (!answering_flow) record(s, t.analysis, mode, now);  // flow answers are not conversation turns

  // Safety overrides everything: no phrasing advice, a flow in progress ends.
  if (!t.analysis.signals.safety.empty()) {
    SafetyReply r = safety_reply(script, t.analysis, mode, &s);
    t.safety = true;
    t.reply = std::move(r.text);
    t.safety_notice = {std::move(r.kind), std::move(r.perspective), std::move(r.kinds), r.repeated};
    s.end_flow();
    return t;
  }
  if (answering_flow) {
    continue_flow(script, s, t.analysis.text, t);  // the repaired text: always valid UTF-8
    return t;
  }
  if (mode == Mode::received) coach_received(script, s, now, t);
  else coach_sending(script, s, now, t.analysis, check, t.suggestions, &t.reply);

  if (const int count = flooding_count(s, now)) {
    t.flooding = true;
    s.flooding_noted_at = now;
    Slots slots = base_slots(now, s.time_zone);
    slots["count"] = std::to_string(count);
    t.reply += "\n" + say(script, "flooding", slots);
  }
  t.flow = s.flow;
  t.step = s.step;
  return t;
}

std::string ledger(const Script& script, const Session& s) {
  if (s.positive == 0 && s.negative == 0) return say(script, "ledger_empty");
  return say(script, "ledger",
             {{"positive", std::to_string(s.positive)},
              {"negative", std::to_string(s.negative)},
              {"ratio", ratio(script, s.positive, s.negative)}});
}

std::vector<Suggestion> suggest(const Script& script, const Analysis& a, std::int64_t now, const SelfCheck& check) {
  if (!a.signals.safety.empty()) return {};
  Session fresh;
  std::vector<Suggestion> out;
  coach_sending(script, fresh, now, a, check, out, nullptr);
  return out;
}

}  // namespace dialog
}  // namespace coach
