// Matching semantics: spans, captures, anchors, gaps, guards, context, sentences,
// and the prefilter (which must never change a result).
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "coach/engine.hpp"
#include "rules/compile.hpp"
#include "rules/dfa.hpp"
#include "rules/parse.hpp"

using namespace coach;

namespace {

const std::string kHeader =
    "language en\n"
    "substitute \"you're\" = \"you are\"\n"
    "substitute \"*n't\" = \"* not\"\n"
    "lexicon @clause_break = but\n";

// The rules here test matching, so each gets a stock `why` (R130 requires one) unless it
// has its own.
std::string with_why(const std::string& rules) {
  std::string out;
  std::size_t pos = 0;
  while (pos < rules.size()) {
    std::size_t end = rules.find('\n', pos);
    end = end == std::string::npos ? rules.size() : end + 1;
    const std::string line = rules.substr(pos, end - pos);
    out += line;
    if (line.rfind("rule ", 0) == 0) {
      const std::size_t next = rules.find("\nrule ", end - 1);
      const std::string block = rules.substr(end, next == std::string::npos ? std::string::npos : next - end + 1);
      if (block.find("  why ") == std::string::npos) out += "  why \"test\"\n";
    }
    pos = end;
  }
  return out;
}

Engine load(const std::string& rules) {
  auto r = Engine::load({{"t.rules", kHeader + with_why(rules)}});
  INFO(format(r.diagnostics));
  REQUIRE(r.engine);
  return std::move(*r.engine);
}

std::vector<std::string> quotes(const Analysis& a) {
  std::vector<std::string> q;
  for (const auto& f : a.findings) q.push_back(f.quote);
  return q;
}

// The category of a message's first safety finding (".author" when the writer is the one acting).
std::string first_safety_category(const Engine& e, std::string_view message) {
  return e.analyze(message).signals.safety.at(0).category;
}

}  // namespace

TEST_CASE("quote and span are the matched bytes of the original text") {
  Engine e = load("rule criticism.n : criticism\n  match you never {act: ...1-3}\n  example \"you never go\"\n  counter \"x\"\n");
  Analysis a = e.analyze("Honestly, YOU never wash up!!");
  REQUIRE(a.findings.size() == 1);
  CHECK(a.findings[0].quote == "YOU never wash up");
  CHECK(a.findings[0].span.start == 10);
  CHECK(a.findings[0].span.end == 27);
  REQUIRE(a.findings[0].captures.size() == 1);
  CHECK(a.findings[0].captures[0].name == "act");
  CHECK(a.findings[0].captures[0].text == "wash up");
  CHECK(a.categories == std::vector<std::string>{"criticism"});
}

TEST_CASE("contractions in patterns and messages meet in the middle") {
  Engine e = load("rule criticism.t : criticism\n  match you're so lazy\n  example \"you are so lazy\"\n  counter \"x\"\n");
  CHECK(quotes(e.analyze("you are so lazy")) == std::vector<std::string>{"you are so lazy"});
  CHECK(quotes(e.analyze("You\u2019re so lazy")) == std::vector<std::string>{"You\u2019re so lazy"});
}

TEST_CASE("gaps never cross punctuation; <any> does") {
  Engine e = load("rule criticism.g : criticism\n  match you ...0-3 lazy\n  example \"you are lazy\"\n  counter \"x\"\n");
  CHECK(e.analyze("you are so lazy").findings.size() == 1);
  CHECK(e.analyze("you, well, lazy").findings.empty());
  Engine any = load("rule criticism.g : criticism\n  match you <any>? lazy\n  example \"you , lazy\"\n  counter \"x\"\n");
  CHECK(any.analyze("you, lazy").findings.size() == 1);
}

TEST_CASE("<title> matches Titlecase words, so names can stand for people") {
  Engine e = load("rule criticism.n : criticism\n  match <title> pushed <title>\n  example \"Marcus pushed Jo\"\n"
                  "  counter \"marcus pushed jo\"\n");
  CHECK(quotes(e.analyze("then Marcus pushed Jo down")) == std::vector<std::string>{"Marcus pushed Jo"});
  CHECK(e.analyze("then marcus pushed jo down").findings.empty());
  CHECK(e.analyze("then MARCUS pushed JO down").findings.empty());
}

TEST_CASE("matches never cross sentences, and anchors hold at sentence edges") {
  Engine e = load(
      "rule stonewalling.w : stonewalling\n  match ^ whatever $\n  example \"whatever.\"\n  counter \"whatever you want\"\n"
      "rule criticism.c : criticism\n  match you never\n  example \"you never\"\n  counter \"x\"\n");
  CHECK(e.analyze("Whatever!!").categories == std::vector<std::string>{"stonewalling"});
  CHECK(e.analyze("\"Whatever.\" 🙄").categories == std::vector<std::string>{"stonewalling"});
  CHECK(e.analyze("ok. whatever. bye").categories == std::vector<std::string>{"stonewalling"});
  CHECK(e.analyze("whatever you like").categories.empty());
  CHECK(e.analyze("I said you. Never mind").categories.empty());
}

TEST_CASE("leftmost-longest, non-overlapping matches per rule") {
  Engine e = load("rule criticism.r : criticism\n  match you (never | never listen)\n  example \"you never\"\n  counter \"x\"\n");
  Analysis a = e.analyze("you never listen and you never call");
  CHECK(quotes(a) == std::vector<std::string>{"you never listen", "you never"});
}

TEST_CASE("unless suppresses only the matches it overlaps") {
  Engine e = load(
      "rule criticism.a : criticism\n  match you always {act: ...1-4}\n  unless you always make me laugh\n"
      "  example \"you always forget\"\n  counter \"you always make me laugh\"\n");
  CHECK(e.analyze("you always make me laugh").findings.empty());
  CHECK(quotes(e.analyze("you always make me laugh but you always forget the milk")) ==
        std::vector<std::string>{"you always forget the milk"});
}

namespace {
// The rule ids of an analysis's safety findings, in text order.
std::vector<std::string> rules_of(const Analysis& a) {
  std::vector<std::string> ids;
  for (const auto& f : a.signals.safety) ids.push_back(f.rule);
  return ids;
}
}  // namespace

TEST_CASE("unless within N: and unless sentence: reach past the match") {
  Engine e = load(
      "rule threat.w : safety.threat\n  match i will find you\n  unless within 3: (lol | haha)\n"
      "  example \"i will find you\"\n  counter \"i will find you lol\"\n"
      "rule threat.s : safety.threat\n  match watch your back\n  unless sentence: (santa | film)\n"
      "  example \"watch your back\"\n  counter \"watch your back santa is coming\"\n");
  // Within 3 tokens after or before the match: dropped; 4 tokens away: kept.
  CHECK(rules_of(e.analyze("i will find you lol")).empty());
  CHECK(rules_of(e.analyze("lol ok i will find you")).empty());
  CHECK(rules_of(e.analyze("i will find you a b c lol")) == std::vector<std::string>{"threat.w"});
  // Anywhere in the sentence, however far; not across a sentence break.
  CHECK(rules_of(e.analyze("watch your back because one day in december santa is coming")).empty());
  CHECK(rules_of(e.analyze("watch your back. the film was good")) == std::vector<std::string>{"threat.s"});
}

TEST_CASE("requires keeps only the matches each of its clauses reaches") {
  Engine e = load(
      "rule threat.l : safety.threat\n  match (keep it up | \"one more word\")\n"
      "  requires sentence: (@i_will | and)\n  requires sentence: (boss | parents | photos)\n"
      "  example \"keep it up and your boss hears about it\"\n  counter \"keep it up, great work\"\n"
      "lexicon @i_will = \"i will\" | ill\n"
      "rule fear.w : safety.fear\n  match his mood\n  requires within 2: (check | read)\n"
      "  example \"i read his mood\"\n  counter \"his mood was good\"\n");
  // Both clauses hold, in any order and anywhere in the sentence.
  CHECK(rules_of(e.analyze("keep it up and your boss hears about it")) == std::vector<std::string>{"threat.l"});
  CHECK(rules_of(e.analyze("your parents will love this, keep it up and see")) == std::vector<std::string>{"threat.l"});
  // One clause missing: no finding; the other clause's words in the next sentence do not count.
  CHECK(rules_of(e.analyze("keep it up and see")).empty());
  CHECK(rules_of(e.analyze("keep it up and see. my boss is away")).empty());
  // within N: at most N tokens from the match.
  CHECK(rules_of(e.analyze("i check his mood")) == std::vector<std::string>{"fear.w"});
  CHECK(rules_of(e.analyze("i check in the mornings on his mood")).empty());
  // The quote is the match alone.
  REQUIRE(e.analyze("one more word and i will show your parents").signals.safety.size() == 1);
  CHECK(e.analyze("one more word and i will show your parents").signals.safety[0].quote == "one more word");
}

TEST_CASE("message: reaches every sentence of the message, for requires and unless") {
  Engine e = load(
      "rule self.g : safety.self_harm\n  match (gave away | giving away) my <word>\n"
      "  requires message: (calm | ready | \"wont need\")\n"
      "  example \"gave away my guitar, feel calm\"\n  counter \"gave away my guitar\"\n"
      "rule threat.m : safety.threat\n  match i will find you\n  unless message: (film | trailer)\n"
      "  example \"i will find you\"\n  counter \"i will find you the trailer\"\n");
  // The evidence may stand in another sentence, before or after the match.
  CHECK(rules_of(e.analyze("gave away my guitar today. feel weirdly calm")) == std::vector<std::string>{"self.g"});
  CHECK(rules_of(e.analyze("I'm ready. Gave away my cat")) == std::vector<std::string>{"self.g"});
  CHECK(rules_of(e.analyze("gave away my guitar today. it was old")).empty());
  // A message-wide guard drops the rule's matches in every sentence, and only that rule's.
  CHECK(rules_of(e.analyze("Watching a film tonight. He says I will find you. Then I will find you again")).empty());
  CHECK(rules_of(e.analyze("I will find you. gave away my guitar, calm now")) ==
        std::vector<std::string>{"threat.m", "self.g"});
  CHECK(rules_of(e.analyze("I will find you. I mean it")) == std::vector<std::string>{"threat.m"});
}

namespace {

// The rules compiled as shipped (guards run lazily, only where a match they guard matched) and a
// copy that runs every guard: the two must agree on every message.
std::pair<std::shared_ptr<rules::RuleSet>, std::shared_ptr<rules::RuleSet>> lazy_and_eager(const std::string& rules) {
  std::vector<rules::ParsedFile> files;
  std::vector<Diagnostic> d;
  files.push_back(rules::parse_file("t.rules", kHeader + with_why(rules), d));
  auto lazy = rules::compile(files, d);
  INFO(format(d));
  REQUIRE(lazy);
  CHECK(d.empty());
  auto eager = std::make_shared<rules::RuleSet>(*lazy);
  eager->serial = rules::RuleSet::next_serial();
  eager->lazy_guards = false;
  return {lazy, eager};
}

}  // namespace

TEST_CASE("except guards only the match right above it; unless guards every match of its rule") {
  const std::string rules =
      "rule self.x : safety.self_harm\n"
      "  match last (text | message)\n  except sentence: (tonight | battery)\n"
      "  match make it all stop\n  except within 2: (hiccups | noise)\n"
      "  match date is after the wedding\n  except message: pregnant\n"
      "  example \"my last text\"\n  counter \"last text tonight\"\n"
      "rule self.u : safety.self_harm\n"
      "  match last (text | message)\n  unless sentence: (tonight | battery)\n"
      "  match make it all stop\n"
      "  example \"my last text\"\n  counter \"last text tonight\"\n";
  const auto [lazy, eager] = lazy_and_eager(rules);
  auto quotes = [&](const char* msg, const char* rule) {
    const auto a = lazy->analyze(msg);
    CHECK(to_json(a) == to_json(eager->analyze(msg)));  // the lazy guards decide as the eager ones
    std::vector<std::string> out;
    for (const auto& f : a.signals.safety)
      if (f.rule == rule) out.push_back(f.quote);
    return out;
  };
  using V = std::vector<std::string>;
  // The sentence-wide except drops its own match and leaves the rule's other match; the
  // rule-wide unless drops both.
  CHECK(quotes("make it all stop, my last text tonight", "self.x") == V{"make it all stop"});
  CHECK(quotes("make it all stop, my last text tonight", "self.u").empty());
  CHECK(quotes("make it all stop, my last text", "self.x") == V{"make it all stop", "last text"});
  // within N: reaches only N tokens from its match.
  CHECK(quotes("make it all stop hiccups", "self.x").empty());
  CHECK(quotes("make it all stop, i mean everything, not the hiccups", "self.x") == V{"make it all stop"});
  // message: anywhere in the message, for its match only.
  CHECK(quotes("the date is after the wedding. we are pregnant", "self.x").empty());
  CHECK(quotes("the date is after the wedding. make it all stop. pregnant", "self.x") == V{"make it all stop"});
}

TEST_CASE("an except with no match above it is an error, as a requires is") {
  auto r = Engine::load({{"t.rules", kHeader + with_why("rule criticism.orphan : criticism\n  except sentence: always\n"
                                                        "  match you never\n  example \"you never\"\n"
                                                        "  counter \"you always\"\n")}});
  CHECK_FALSE(r.engine);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "R122");
  CHECK(r.diagnostics[0].message.find("'except'") != std::string::npos);
}

TEST_CASE("guards run only for rules whose match matched, with the same results") {
  const std::string rules =
      "rule self.g : safety.self_harm\n  match (gave away | giving away) my <word>\n"
      "  requires message: (calm | ready)\n  unless sentence: (charity | shop)\n"
      "  example \"gave away my guitar, feel calm\"\n  counter \"gave away my guitar\"\n"
      "rule threat.m : safety.threat\n  match i will find you\n  unless within 2: lol\n"
      "  example \"i will find you\"\n  counter \"i will find you lol\"\n";
  const auto [lazy, eager] = lazy_and_eager(rules);
  // Guard words without a match: no guard runs.
  auto before = rules::RuleSet::lazy_guard_runs();
  for (const char* msg : {"i feel calm and ready, lol", "the charity shop. so calm", "lol lol"}) {
    CHECK(to_json(lazy->analyze(msg)) == to_json(eager->analyze(msg)));
    CHECK(lazy->analyze(msg).signals.safety.empty());
  }
  CHECK(rules::RuleSet::lazy_guard_runs() == before);
  // A match: its rule's guards run where their words are (the prefilter still holds),
  // and decide as before.
  struct Case {
    const char* msg;
    std::size_t findings;
    bool guards_run;
  };
  for (const auto& c : {Case{"gave away my guitar. feel calm", 1, true},
                        Case{"gave away my guitar to the charity shop. calm", 0, true},
                        Case{"gave away my guitar. it was old", 0, false},
                        Case{"ready. i will find you lol. gave away my cat", 1, true},
                        Case{"i will find you, lol", 0, true}, Case{"i will find you. lol", 1, false}}) {
    INFO(c.msg);
    before = rules::RuleSet::lazy_guard_runs();
    const auto a = lazy->analyze(c.msg);
    CHECK((rules::RuleSet::lazy_guard_runs() > before) == c.guards_run);
    CHECK(a.signals.safety.size() == c.findings);
    CHECK(to_json(a) == to_json(eager->analyze(c.msg)));
  }
}

TEST_CASE("context.harmless drops safety findings of its kind in its sentence only") {
  Engine e = load(
      "rule harm.b : context.harmless.self_harm\n  match bungee\n  example \"bungee\"\n  counter \"bridge\"\n"
      "rule harm.any : context.harmless\n  match \"water fight\"\n  example \"water fight\"\n  counter \"water\"\n"
      "rule self.j : safety.self_harm\n  match jump off a bridge\n  example \"jump off a bridge\"\n  counter \"x\"\n"
      "rule threat.t : safety.threat\n  match you will regret it\n  example \"you will regret it\"\n  counter \"x\"\n"
      "rule criticism.c : criticism\n  match you never listen\n  example \"you never listen\"\n  counter \"x\"\n");
  // The named kind goes; another kind in the same sentence stays, and so do the horsemen.
  CHECK(rules_of(e.analyze("he will jump off a bridge tomorrow, bungee in queenstown")).empty());
  CHECK(rules_of(e.analyze("bungee day: jump off a bridge and you will regret it")) ==
        std::vector<std::string>{"threat.t"});
  CHECK(e.analyze("bungee tomorrow and you never listen").categories == std::vector<std::string>{"criticism"});
  // Only its sentence: the next sentence's signal is reported.
  CHECK(rules_of(e.analyze("Bungee was fun. I want to jump off a bridge for real")) ==
        std::vector<std::string>{"self.j"});
  // context.harmless with no kind covers every kind.
  CHECK(rules_of(e.analyze("water fight and you will regret it, jump off a bridge")).empty());
}

TEST_CASE("context.author makes its sentence's violence, threat and control the writer's own") {
  Engine e = load(
      "rule auth.d : context.author\n  match draft\n  example \"draft\"\n  counter \"x\"\n"
      "rule context.r : context.reported\n  match he said\n  example \"he said\"\n  counter \"x\"\n"
      "rule threat.t : safety.threat\n  match smash your car\n  example \"smash your car\"\n  counter \"x\"\n"
      "rule self.j : safety.self_harm\n  match jump off a bridge\n  example \"jump off a bridge\"\n  counter \"x\"\n");
  auto cats = [](const Analysis& a) {
    std::vector<std::string> out;
    for (const auto& f : a.signals.safety) out.push_back(f.category);
    return out;
  };
  CHECK(cats(e.analyze("draft: i will smash your car")) == std::vector<std::string>{"safety.threat.author"});
  CHECK(cats(e.analyze("i will smash your car")) == std::vector<std::string>{"safety.threat"});
  // Only its sentence, only the kinds with an author role, never inside reported words.
  CHECK(cats(e.analyze("my draft. i will smash your car")) == std::vector<std::string>{"safety.threat"});
  CHECK(cats(e.analyze("draft: i will jump off a bridge")) == std::vector<std::string>{"safety.self_harm"});
  CHECK(cats(e.analyze("draft for the police: he said he will smash your car")) ==
        std::vector<std::string>{"safety.threat"});
  CHECK(e.analyze("draft: i will smash your car").signals.safety.at(0).category == "safety.threat.author");
}

TEST_CASE("after someone else's words are reported, the message's author forms are reported ones") {
  Engine e = load(
      "rule auth.d : context.author\n  match draft\n  example \"draft\"\n  counter \"x\"\n"
      "rule context.r : context.reported\n  match he said\n  example \"he said\"\n  counter \"x\"\n"
      "rule threat.a : safety.threat.author\n  match you will regret\n  example \"you will regret\"\n  counter \"x\"\n");
  auto cat = [&](std::string_view m) { return first_safety_category(e, m); };
  CHECK(cat("you will regret this") == "safety.threat.author");
  // Later in the message, past the end of the reported clause and sentence: still his words.
  CHECK(cat("he said fine, go. you will regret this") == "safety.threat");
  // Before the report it is still the writer's; a draft keeps the writer as the one acting.
  CHECK(cat("you will regret this. he said i was overreacting") == "safety.threat.author");
  CHECK(cat("draft: he said i overreact. you will regret this") == "safety.threat.author");
}

TEST_CASE("\"I\" as the subject of a violence, threat or control act makes it the writer's own") {
  Engine e = load(
      "rule context.r : context.reported\n  match he said\n  example \"he said\"\n  counter \"x\"\n"
      "rule violence.g : safety.violence\n  match grabbed his arm\n  match (grabbed | kept going) ...0-3 me\n"
      "  example \"grabbed his arm\"\n  counter \"x\"\n");
  auto cat = [&](std::string_view m) { return first_safety_category(e, m); };
  CHECK(cat("I grabbed his arm") == "safety.violence.author");
  CHECK(cat("so i just grabbed his arm") == "safety.violence.author");
  // Someone else acting, the writer on the receiving end, or the writer's act reported.
  CHECK(cat("my brother grabbed his arm") == "safety.violence");
  CHECK(cat("i was grabbed his arm") == "safety.violence");
  CHECK(cat("I kept going and he grabbed me") == "safety.violence");
  CHECK(cat("he said I grabbed his arm") == "safety.violence");
}

TEST_CASE("context scopes suppress patterns up to the clause break") {
  Engine e = load(
      "rule context.n : context.negation\n  match not saying\n  example \"not saying\"\n  counter \"saying\"\n"
      "rule criticism.l : criticism\n  match you are lazy\n  example \"you are lazy\"\n  counter \"x\"\n"
      "rule criticism.h : criticism\n  match you never help\n  example \"you never help\"\n  counter \"x\"\n");
  CHECK(e.analyze("I'm not saying you're lazy").findings.empty());
  CHECK(quotes(e.analyze("I'm not saying you're lazy but you never help")) ==
        std::vector<std::string>{"you never help"});
  CHECK(quotes(e.analyze("You're lazy. I'm not saying more.")) == std::vector<std::string>{"You're lazy"});
}

TEST_CASE("repair and safety findings go to signals, not categories") {
  Engine e = load(
      "rule repair.sorry : repair.sorry\n  match sorry\n  example \"sorry\"\n  counter \"x\"\n"
      "rule safety.fear : safety.fear\n  match scared of him\n  example \"scared of him\"\n  counter \"x\"\n");
  Analysis a = e.analyze("I'm sorry. I'm scared of him.");
  CHECK(a.categories.empty());
  REQUIRE(a.signals.repair.size() == 1);
  CHECK(a.signals.repair[0].category == "repair.sorry");
  REQUIRE(a.signals.safety.size() == 1);
  CHECK(a.signals.safety[0].quote == "scared of him");
}

TEST_CASE("intensity rises with capitals, exclamation runs and severity") {
  Engine e = load("rule criticism.n : criticism severity 2\n  match you never\n  example \"you never\"\n  counter \"x\"\n");
  const double calm = e.analyze("you never called").signals.intensity;
  const double loud = e.analyze("YOU NEVER CALLED!!!").signals.intensity;
  CHECK(calm > 0.0);
  CHECK(loud > calm);
  CHECK(e.analyze("see you at six").signals.intensity == 0.0);
  CHECK(loud <= 1.0);
}

TEST_CASE("invalid UTF-8 is repaired, reported, and still analyzed") {
  Engine e = load("rule criticism.n : criticism\n  match you never\n  example \"you never\"\n  counter \"x\"\n");
  Analysis a = e.analyze("you never \xFF\xFE listen");
  CHECK(a.categories == std::vector<std::string>{"criticism"});
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].find("invalid UTF-8") != std::string::npos);
  CHECK(a.text == "you never \uFFFD\uFFFD listen");
}

namespace {

// The same shipped rules, compiled twice: once as is, once with every pattern marked
// "always run" and "may start anywhere", guards run with every pattern, and the DFA off.
// The prefilter, the start filter, lazy guards and the DFA are optimizations, so results
// must be identical.
std::shared_ptr<const rules::RuleSet> compile_sources(std::vector<RuleSource> sources, bool optimized) {
  std::vector<rules::ParsedFile> files;
  std::vector<Diagnostic> d;
  for (auto& s : sources) files.push_back(rules::parse_file(s.name, s.text, d));
  auto set = rules::compile(files, d);
  INFO(format(d));
  REQUIRE(set);
  if (optimized) return set;
  auto copy = std::make_shared<rules::RuleSet>(*set);
  copy->serial = rules::RuleSet::next_serial();
  copy->use_dfa = false;
  copy->lazy_guards = false;
  copy->program.always.clear();
  for (std::uint32_t p = 0; p < copy->program.patterns.size(); ++p) {
    copy->program.always.push_back(p);
    copy->program.representative[p] = p;  // every copy runs itself
    copy->program.copies[p].clear();
  }
  for (auto& v : copy->program.by_word) v.clear();
  for (auto& v : copy->program.also_required) v.clear();
  for (auto& v : copy->program.required) v.clear();
  for (auto& v : copy->program.checks) v.clear();
  copy->program.start_anywhere = copy->program.always;
  for (auto& v : copy->program.by_first) v.clear();
  for (auto& v : copy->program.first_words) v.clear();
  return copy;
}

std::shared_ptr<const rules::RuleSet> compile_builtin(bool optimized) {
  return compile_sources(Engine::builtin_sources("en"), optimized);
}

// The shipped rules and `copies` more of them under other rule ids and lexicon names.
std::vector<RuleSource> replicated_sources(int copies) {
  auto base = Engine::builtin_sources("en");
  auto out = base;
  const std::regex rule_id(R"(^rule (\S+))", std::regex::multiline);
  const std::regex lexicon(R"(@([A-Za-z0-9_]+))");
  const std::regex subst(R"(^substitute [^\n]*\n)", std::regex::multiline);
  for (int k = 1; k <= copies; ++k)
    for (const auto& s : base) {
      std::string t = std::regex_replace(s.text, rule_id, "rule $1.copy" + std::to_string(k));
      t = std::regex_replace(t, lexicon, "@$1_copy" + std::to_string(k));
      out.push_back({s.name + "#" + std::to_string(k), std::regex_replace(t, subst, "")});
    }
  return out;
}

// The comparisons run the whole rule set without its optimizations, which costs time in
// proportion to its patterns: they run on every 2nd corpus message (every 32nd under
// AddressSanitizer, ten times slower there), and the copied-patterns test, which doubles
// the rule set, on every 8th (every 128th). (GCC defines __SANITIZE_ADDRESS__; Clang has a
// feature.)
#if defined(__SANITIZE_ADDRESS__)
constexpr int kStride = 32;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int kStride = 32;
#else
constexpr int kStride = 2;
#endif
#else
constexpr int kStride = 2;
#endif
constexpr int kCopyStride = kStride * 4;

// Messages for the comparisons: the project's corpus, each also doubled and wrapped.
std::vector<std::string> corpus_messages(int stride = kStride) {
  std::ifstream in(COACH_SOURCE_DIR "/tests/corpus/en.tsv");
  std::vector<std::string> out;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (n++ % stride != 0) continue;
    const std::string text = line.substr(line.rfind('\t') + 1);
    for (const std::string& msg : {text, text + " " + text, "Well. " + text + " lol"}) out.push_back(msg);
  }
  return out;
}

}  // namespace

TEST_CASE("the prefilter, the start filter and the DFA never change a result") {
  auto fast = compile_builtin(true);
  auto full = compile_builtin(false);
  const auto msgs = corpus_messages();
  for (const auto& msg : msgs) CHECK(to_json(fast->analyze(msg)) == to_json(full->analyze(msg)));
  CHECK(msgs.size() > 900 / kStride);
}

TEST_CASE("copied patterns run once and match for every copy") {
  auto shared = compile_sources(replicated_sources(2), true);
  auto each = compile_sources(replicated_sources(2), false);
  const auto& prog = shared->program;
  std::size_t copies = 0;
  for (std::uint32_t p = 0; p < prog.patterns.size(); ++p) copies += prog.copies[p].size();
  CHECK(copies >= 2 * (prog.patterns.size() / 3));  // every pattern of the shipped set has two copies
  const auto msgs = corpus_messages(kCopyStride);
  for (const auto& msg : msgs) CHECK(to_json(shared->analyze(msg)) == to_json(each->analyze(msg)));
  CHECK(msgs.size() > 900 / kCopyStride);

  // Copies in other categories, and an `unless` on one copy only.
  Engine e = load("lexicon @mean = mean | cruel\nlexicon @harsh = cruel | mean\n"
                  "rule criticism.a : criticism\n  match you are @mean\n  why \"x\"\n  example \"you are mean\"\n  counter \"x\"\n"
                  "rule contempt.b : contempt\n  match you are @harsh\n  unless you are mean\n  why \"x\"\n"
                  "  example \"you are cruel\"\n  counter \"you are mean\"\n");
  CHECK(e.analyze("you are cruel").categories == std::vector<std::string>{"criticism", "contempt"});
  CHECK(e.analyze("you are mean").categories == std::vector<std::string>{"criticism"});
}

TEST_CASE("the DFA gives the same results when its cache is dropped over and over") {
  auto normal = compile_builtin(true);
  auto tiny = std::make_shared<rules::RuleSet>(*normal);
  tiny->serial = rules::RuleSet::next_serial();
  tiny->dfa_budget = 16 * 1024;  // a few states: resets mid-sentence
  auto held_set = std::make_shared<rules::RuleSet>(*normal);
  held_set->serial = rules::RuleSet::next_serial();
  held_set->dfa_allowance = 50;  // gives up on most new sentences: the prefilter takes them
  for (const auto& msg : corpus_messages()) {
    const auto expected = to_json(normal->analyze(msg));
    CHECK(to_json(tiny->analyze(msg)) == expected);
    CHECK(to_json(held_set->analyze(msg)) == expected);
  }

  // The same, one level down: the reported patterns, and proof that the cache was reset
  // (`small`) and that the DFA gave up on sentences when held to its build rate (`held`).
  const std::size_t unlimited = std::size_t{1} << 40;
  rules::Dfa big(normal->program, std::size_t{64} << 20, unlimited), small(normal->program, 16 * 1024, unlimited),
      held(normal->program, std::size_t{64} << 20, 50);
  std::vector<std::uint32_t> a, b, c;
  int compared_held = 0;
  for (const auto& msg : corpus_messages()) {
    const auto u = normal->normalizer.analyze(msg);
    std::vector<std::uint32_t> ids;
    for (const auto& t : u.tokens) ids.push_back(normal->program.word_id(t.norm));
    for (const auto& s : u.sentences) {
      a.clear();
      b.clear();
      c.clear();
      const auto end_a = big.matching_patterns(u, s, ids, a);
      CHECK(small.matching_patterns(u, s, ids, b) == end_a);
      CHECK(a == b);
      const auto end_c = held.matching_patterns(u, s, ids, c);
      if (end_c == rules::Dfa::kGaveUp) {
        CHECK(c.empty());
      } else {
        CHECK(end_c == end_a);
        CHECK(c == a);
        ++compared_held;
      }
    }
  }
  CHECK(small.reset_count() > 10);
  CHECK(small.thrashing());  // RuleSet::analyze then uses the prefilter alone
  CHECK(big.reset_count() == 0);
  CHECK(big.gave_up_count() == 0);
  CHECK(held.gave_up_count() > 1000 / kStride);  // about one per sampled message
  CHECK(compared_held > 800 / kStride);
}

TEST_CASE("DFA caches count towards one process-wide budget and give it back") {
  auto set = compile_builtin(true);
  const std::size_t before = rules::Dfa::process_bytes();
  {
    rules::Dfa dfa(set->program, std::size_t{64} << 20, std::size_t{1} << 40);
    std::vector<std::uint32_t> out;
    for (const auto& msg : corpus_messages()) {
      const auto u = set->normalizer.analyze(msg);
      std::vector<std::uint32_t> ids;
      for (const auto& t : u.tokens) ids.push_back(set->program.word_id(t.norm));
      for (const auto& s : u.sentences) dfa.matching_patterns(u, s, ids, out);
    }
    CHECK(rules::Dfa::process_bytes() > before + 100000);
    CHECK(rules::Dfa::process_bytes() <= rules::Dfa::kProcessBudget);
  }
  CHECK(rules::Dfa::process_bytes() == before);
}

TEST_CASE("one engine analyzes from many threads with the same results") {
  auto r = Engine::builtin("en");
  REQUIRE(r.engine);
  const Engine& e = *r.engine;
  const std::vector<std::string> msgs = {"You never listen!", "whatever.", "I'm sorry, I was wrong",
                                         "you're so selfish", "That's not true!", "see you at 6"};
  std::vector<std::string> expected;
  for (const auto& m : msgs) expected.push_back(to_json(e.analyze(m)));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i)
        if (to_json(e.analyze(msgs[i % msgs.size()])) != expected[i % msgs.size()]) ++mismatches;
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}
