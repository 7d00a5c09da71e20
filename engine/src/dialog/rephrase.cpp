// Rephrasings built from the message: strategies, slots, the self-check (rephrase.hpp).
// Tested in tests/unit/rephrase_test.cpp and tests/suggestions.
#include "dialog/rephrase.hpp"

#include <algorithm>
#include <cctype>

#include <cstring>

#include "coach/categories.hpp"
#include "dialog/compose.hpp"
#include "dialog/script.hpp"
#include "dialog/slots.hpp"

namespace coach::dialog {

namespace {

// Whether any of the message's findings of the pattern is of a kind the strategy is for: a
// message with a denial and a counter-attack gets whichever strategy comes first.
bool rule_matches(const Strategy& s, const Analysis& a, const std::string& category) {
  if (s.rules.empty()) return true;
  return std::any_of(a.findings.begin(), a.findings.end(), [&](const Finding& f) {
    return f.category == category && std::any_of(s.rules.begin(), s.rules.end(), [&](const std::string& r) {
             return r.ends_with('*') ? f.rule.starts_with(r.substr(0, r.size() - 1)) : f.rule == r;
           });
  });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// FNV-1a: the same message gets the same phrasing on every machine, different messages vary.
unsigned text_hash(const std::string& s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

const Finding* first_of(const Analysis& a, const std::string& category) {
  for (const auto& f : a.findings)
    if (f.category == category) return &f;
  return nullptr;
}

// The feeling and need under the finding's trait or judgement: its captures first, then any
// word of the quote the table knows ("such a slob" -> slob).
const Need* need_for(const RephraseScript& rs, const Finding& f) {
  static const char* const kNamed[] = {"trait", "insult", "state", "habit", "act", "what", "missing"};
  for (const char* name : kNamed)
    for (const auto& c : f.captures) {
      if (c.name != name) continue;
      if (auto it = rs.needs.find(lower(c.text)); it != rs.needs.end()) return &it->second;
      for (const auto& w : words_of(c.text))
        if (auto it = rs.needs.find(w.lower); it != rs.needs.end()) return &it->second;
    }
  if (!f.captures.empty()) return nullptr;  // the quote beyond them may be the writer's own ("unless I nag")
  for (const auto& w : words_of(f.quote))
    if (auto it = rs.needs.find(w.lower); it != rs.needs.end()) return &it->second;
  return nullptr;
}

Slots slots_for(const Script& script, const Analysis& a, const Finding& f, Slots slots) {
  const RephraseScript& rs = script.rephrase;
  // A clause-like capture runs to the end of its clause in the message, not where the rule's gap
  // stopped ("blow up over the tiniest thing about the" + "budget"). Every finding of the pattern
  // gives its captures, the first of each name kept: in "You're so lazy. You never take out the
  // trash." the concrete sentence's "take out the trash" is there for the request.
  for (const auto& g : a.findings) {
    if (g.category != f.category) continue;
    for (const auto& c : g.captures) {
      if (slots.count(c.name)) continue;
      const bool clause = c.name != "trait" && c.name != "insult" && c.span.start < a.text.size();
      // At most 400 bytes: a clause of 14 words, and a huge message's thousand findings stay linear.
      const std::string_view from =
          clause ? std::string_view(a.text).substr(c.span.start, 400) : std::string_view(c.text);
      if (auto v = clean_capture(from, rs.words)) slots[c.name] = *v;
    }
  }
  slots["quote"] = f.quote;
  // An insult's clause is about the insult ("with your fake tears", "another brilliant idea from
  // the financial wizard"), not what the talk is about; the next clause may be ("you're such a
  // klutz, you paid the same bill twice").
  std::vector<Span> avoid;
  for (const auto& g : a.findings)
    if (g.category == "contempt") avoid.push_back(clause_of(a.text, g.span));
  if (auto t = find_topic(a, rs.words, f.category == "contempt" ? avoid : std::vector<Span>{})) slots["topic"] = *t;
  if (auto p = find_part(a, rs.words)) slots["part"] = *p;
  const Need* n = need_for(rs, f);
  for (const auto& g : a.findings)
    if (!n && g.category == f.category) n = need_for(rs, g);
  if (n) {
    slots["feeling"] = say(script, n->feeling, slots);
    slots["need"] = say(script, n->need, slots);
  }
  return slots;
}

bool has_phrase(const std::string& haystack, const std::string& phrase) {
  const auto at = haystack.find(phrase);
  if (at == std::string::npos) return false;
  const auto end = at + phrase.size();
  auto edge = [&](std::size_t i) { return !std::isalnum(static_cast<unsigned char>(haystack[i])); };
  return (at == 0 || edge(at - 1)) && (end == haystack.size() || edge(end));
}

}  // namespace

std::set<std::string> judged_words(const Script& script, const Analysis& message) {
  const RephraseWords& w = script.rephrase.words;
  std::set<std::string> out, quotes;
  for (const auto& f : message.findings) {
    if (!one_of(kHorsemen, f.category) || !quotes.insert(f.quote).second) continue;  // each quote once
    // The label itself ("lazy", "drama queen"), word by word, and any judging word of the quote.
    for (const auto& c : f.captures)
      if (c.name == "trait" || c.name == "insult")
        for (const auto& x : words_of(c.text))
          if (!x.punct && !w.stop.count(x.lower)) out.insert(x.lower);
    for (const auto& x : words_of(f.quote))
      if (!x.punct && judging(x.lower, w)) out.insert(x.lower);
  }
  return out;
}

std::optional<std::string> refuse(const Script& script, const Analysis& message, const std::string& candidate,
                                  const SelfCheck& check, bool owns_part) {
  return refuse(script, message, candidate, check, owns_part, judged_words(script, message));
}

std::optional<std::string> refuse(const Script& script, const Analysis& message, const std::string& candidate,
                                  const SelfCheck& check, bool owns_part, const std::set<std::string>& judged) {
  const RephraseWords& w = script.rephrase.words;
  std::string text;
  for (const auto& x : words_of(candidate)) text += (x.punct ? "" : " ") + x.lower;
  text += ' ';
  for (const char* sweeping : {" you always ", " you never ", " you're always ", " you're never ", " you are always "})
    if (text.find(sweeping) != std::string::npos) return "it says '" + std::string(sweeping + 1, std::strlen(sweeping) - 2) + "'";
  // No word that judged the partner in the message comes back in the suggestion.
  for (const auto& x : words_of(candidate))
    if (!x.punct && judged.count(x.lower)) return "it carries '" + x.lower + "' over";
  const bool apologized = !message.signals.repair.empty() &&
                          std::any_of(message.signals.repair.begin(), message.signals.repair.end(),
                                      [](const Finding& f) { return f.category == "repair.sorry"; });
  if (!owns_part && !apologized)
    for (const auto& phrase : w.admissions)
      if (has_phrase(text, phrase)) return "it admits what the message did not ('" + phrase + "')";
  if (check) {
    const Analysis mine = check(candidate);
    if (!mine.categories.empty()) return "it reads as " + mine.categories.front();
    // The scorer's signals count too: a suggestion the user sends as is must not bring them the
    // safety notice ("... come back to your mother" weighs like control to it).
    if (!mine.signals.safety.empty()) return "it raises a safety signal (" + mine.signals.safety.front().rule + ")";
  }
  return std::nullopt;
}

std::vector<Rephrasing> rephrase(const Script& script, const Analysis& a, const std::string& category,
                                 const Slots& base_slots, const SelfCheck& check, unsigned rotation,
                                 std::size_t limit) {
  std::vector<Rephrasing> out;
  const Finding* f = first_of(a, category);
  const auto cat = script.categories.find(category);
  if (!f || cat == script.categories.end()) return out;
  const Slots slots = slots_for(script, a, *f, base_slots);
  const bool owns_part = slots.count("part") > 0;
  const std::set<std::string> judged = judged_words(script, a);
  const unsigned turn = rotation + text_hash(a.text);
  // A template whose every slot the message fills ("hurt about {topic}") before one that falls
  // back on a default ("{feeling?hurt}" alone): the more of the message, the better.
  auto full = [&](const Template& t) {
    bool from_message = false;
    for (const auto& p : t.parts) {
      if (!p.slot) continue;
      if (!slots.count(p.text)) {
        if (!p.fallback) return false;
        continue;
      }
      from_message = from_message || !base_slots.count(p.text);
    }
    return from_message;
  };
  auto offer = [&](const std::vector<Template>& list, const std::string& id, const std::string& antidote) {
    for (const bool want_full : {true, false})
      for (std::size_t i = 0; i < list.size() && out.size() < limit; ++i) {
        const Template& t = list[(turn + i) % list.size()];
        if (full(t) != want_full) continue;
        const auto text = render(t, slots, script.filters);
        if (!text || std::any_of(out.begin(), out.end(), [&](const Rephrasing& r) { return r.text == *text; })) continue;
        if (!refuse(script, a, *text, check, owns_part, judged)) out.push_back({*text, id, antidote});
      }
  };
  if (auto it = script.rephrase.strategies.find(category); it != script.rephrase.strategies.end())
    for (const auto& s : it->second)
      if (rule_matches(s, a, category)) offer(s.suggest, s.id, s.antidote.empty() ? cat->second.antidote : s.antidote);
  if (out.empty()) offer(cat->second.suggest, "generic", cat->second.antidote);
  return out;
}

RephraseScript load_rephrase(JsonCheck& check, const json& rephrase, const TemplateReader& tmpl) {
  RephraseScript out;
  const Ptr at("/rephrase");
  check.known_keys(rephrase, at, {"words", "needs", "strategies"});
  if (const json* words = check.get(rephrase, at, "words", json::value_t::object)) {
    const Ptr wat = at / "words";
    check.known_keys(*words, wat,
                     {"determiners", "stop", "generic", "judgement", "topics", "drop_end", "lead_ins", "hedges", "fillers",
                      "clause_breaks", "admissions"});
    auto set_of = [&](const std::string& key) {
      const auto list = check.strings(*words, wat, key);
      return std::set<std::string>(list.begin(), list.end());
    };
    RephraseWords& w = out.words;
    w.determiners = set_of("determiners");
    w.stop = set_of("stop");
    w.generic = set_of("generic");
    w.judgement = set_of("judgement");
    w.topics = set_of("topics");
    w.drop_end = set_of("drop_end");
    w.lead_ins = set_of("lead_ins");
    w.hedges = set_of("hedges");
    w.fillers = set_of("fillers");
    w.clause_breaks = set_of("clause_breaks");
    w.admissions = check.strings(*words, wat, "admissions");
  }
  if (const json* needs = check.get(rephrase, at, "needs", json::value_t::object))
    for (const auto& [word, v] : needs->items()) {
      const Ptr nat = at / "needs" / word;
      if (!check.typed(v, nat, json::value_t::object)) continue;
      check.known_keys(v, nat, {"feeling", "need"});
      const json* feeling = check.get(v, nat, "feeling", json::value_t::string);
      const json* need = check.get(v, nat, "need", json::value_t::string);
      if (!feeling || !need) continue;
      auto f = tmpl(*feeling, nat / "feeling");
      auto n = tmpl(*need, nat / "need");
      if (f && n) out.needs[word] = {std::move(*f), std::move(*n)};
    }
  if (const json* strategies = check.get(rephrase, at, "strategies", json::value_t::object))
    for (const auto& [category, list] : strategies->items()) {
      const Ptr cat = at / "strategies" / category;
      if (!one_of(kHorsemen, category)) {
        check.error(cat, ScriptCode::unknown_category, "unknown category '" + category + "'");
        continue;
      }
      if (!check.typed(list, cat, json::value_t::array)) continue;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const Ptr sat = cat / i;
        if (!check.typed(list[i], sat, json::value_t::object)) continue;
        check.known_keys(list[i], sat, {"id", "antidote", "rules", "suggest"});
        Strategy s;
        s.id = check.str(list[i], sat, "id");
        s.antidote = check.str(list[i], sat, "antidote", false);
        if (list[i].contains("rules")) s.rules = check.strings(list[i], sat, "rules");
        if (const json* sug = check.get(list[i], sat, "suggest", json::value_t::array)) {
          if (sug->empty()) check.error(sat / "suggest", CommonCode::empty_list, "'suggest' needs at least one entry");
          for (std::size_t k = 0; k < sug->size(); ++k)
            if (auto t = tmpl((*sug)[k], sat / "suggest" / k)) s.suggest.push_back(std::move(*t));
        }
        out.strategies[category].push_back(std::move(s));
      }
    }
  return out;
}

}  // namespace coach::dialog
