// Reading one practice reply. Tested in tests/unit/practice_test.cpp.
#include "dialog/practice_turn.hpp"

#include <algorithm>
#include <cctype>

#include "dialog/slots.hpp"

namespace coach::dialog {

namespace {

std::string capture(const Finding& f, const std::string& name) {
  for (const auto& c : f.captures)
    if (c.name == name) return c.text;
  return {};
}

// The first word of the scenario's topic the message uses (a listed phrase counts whole).
std::string topic_word(const Analysis& a, const Scenario& s) {
  std::string joined = " ";
  for (const auto& w : words_of(a.text))
    if (!w.punct) joined += w.lower + " ";
  for (const auto& t : s.topic)
    if (joined.find(" " + t + " ") != std::string::npos) return t;
  return {};
}

// A quote without the punctuation and spaces around it, to sit inside the partner's "...?".
std::string bare(std::string q) {
  auto edge = [](unsigned char c) { return std::isspace(c) || (std::ispunct(c) && c != '\'' && c != '*'); };
  while (!q.empty() && edge(static_cast<unsigned char>(q.back()))) q.pop_back();
  std::size_t i = 0;
  while (i < q.size() && edge(static_cast<unsigned char>(q[i]))) ++i;
  return q.substr(i);
}

// Cooling from repair, at most 3 a turn: one reply cannot undo any amount of heat.
int cooling(const TurnReading& r) {
  int cool = 0;
  if (r.has("ownership")) cool += 2;
  for (const char* c : {"feeling", "calm_down", "appreciation"})
    if (r.has(c)) cool += 1;
  if (!r.pattern() && (r.has("request") || r.has("bid"))) cool += 1;
  return std::min(cool, 3);
}

void read_repairs(const Analysis& a, TurnReading& r) {
  for (const auto& f : a.signals.repair) {
    r.conditions.insert("repair");
    const std::string group = f.category.substr(f.category.find('.') + 1);
    const char* cond = group == "i_feel" ? "feeling" : group == "sorry" ? "ownership"
                     : group == "appreciate" ? "appreciation" : "calm_down";
    r.conditions.insert(cond);
    if (group == "i_feel" || group == "sorry" || group == "appreciate") {
      const std::string aim = group == "i_feel" ? "feeling" : group == "sorry" ? "ownership" : "appreciation";
      r.aims.emplace(aim, repair_words(a, f));
    }
    if (group == "i_feel" && !r.slots.count("feeling")) {
      if (auto word = capture(f, "feeling"); !word.empty()) r.slots["feeling"] = word;
    }
  }
}

}  // namespace

std::string repair_words(const Analysis& a, const Finding& f) {
  for (const auto& c : f.captures)
    if (c.name == "feeling" && c.span.end > f.span.start && c.span.end <= f.span.end)
      return a.text.substr(f.span.start, c.span.end - f.span.start);
  // A rule's closing word ("thank you for", "hurt and") is not part of what was said.
  std::string q = bare(f.quote);
  for (const char* tail : {" for", " and", " after", " from", " so", " that"})
    if (const std::string t(tail); q.size() > t.size() && q.compare(q.size() - t.size(), t.size(), t) == 0) {
      q.resize(q.size() - t.size());
      break;
    }
  return q;
}

TurnReading read_turn(const Analysis& a, const Scenario& s, const Script& script) {
  TurnReading r;
  r.patterns = a.categories;
  for (const auto& c : a.categories) {
    r.conditions.insert(c);
    r.heat += c == "contempt" ? 3 : 2;
  }
  if (r.pattern()) {
    r.conditions.insert("pattern");
    if (a.signals.intensity >= 0.6) r.heat += 1;  // shouting makes it land harder
    r.slots["quote"] = bare(a.findings.front().quote);
  }
  read_repairs(a, r);
  // A request wrapped in criticism or contempt is heard as the attack, not the request.
  const bool attacking = r.has("criticism") || r.has("contempt");
  if (!a.signals.requests.empty() && !attacking) {
    const Finding& f = a.signals.requests.front();
    r.conditions.insert("request");
    r.aims.emplace("request", f.quote);
    // "Could you text me" is answered "I can text you"; "can we plan it" needs "let's", not "I'll".
    const bool together = f.rule == "request.lets";
    if (auto ask = clean_capture(capture(f, "ask"), script.rephrase.words)) r.slots[together ? "plan" : "request"] = *ask;
  }
  // A request put as a question ("could you ...?") is a request, not curiosity about them.
  const auto bid = std::find_if(a.signals.bids.begin(), a.signals.bids.end(), [&](const Finding& b) {
    return std::none_of(a.signals.requests.begin(), a.signals.requests.end(),
                        [&](const Finding& q) { return b.span.start < q.span.end && q.span.start < b.span.end; });
  });
  if (bid != a.signals.bids.end() && !attacking) {
    r.conditions.insert("bid");
    r.aims.emplace("curiosity", bid->quote);
  }
  if (auto t = topic_word(a, s); !t.empty()) {
    r.conditions.insert("topic");
    r.slots["topic"] = t;
  }
  r.heat -= cooling(r);
  return r;
}

}  // namespace coach::dialog
