// Rephrasings built from the message (dialog/rephrase.hpp, dialog/slots.hpp): the slot finders
// on the built-in word lists, the self-check's refusals, and strategies chosen by rule id.
#include <doctest/doctest.h>

#include "coach/coach.hpp"
#include "dialog/rephrase.hpp"
#include "dialog/script.hpp"
#include "dialog/slots.hpp"

using namespace coach::dialog;

namespace {

const coach::Coach& english() {
  static const auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  return *loaded.coach;
}

coach::Analysis analyzed(const std::string& text) { return english().engine().analyze(text); }
const RephraseWords& words() { return english().script().rephrase.words; }

std::string topic(const std::string& text) { return find_topic(analyzed(text), words()).value_or("-"); }
std::string part(const std::string& text) { return find_part(analyzed(text), words()).value_or("-"); }

// The suggestion and its alternatives for the message's pattern.
std::vector<std::string> offered(const std::string& text, const std::string& category, std::string* strategy = nullptr) {
  for (const auto& s : english().suggestions(analyzed(text), 1700000000)) {
    if (s.category != category) continue;
    if (strategy) *strategy = s.strategy;
    std::vector<std::string> out{s.text};
    out.insert(out.end(), s.alternatives.begin(), s.alternatives.end());
    return out;
  }
  return {};
}

bool any_has(const std::vector<std::string>& texts, const std::string& needle) {
  for (const auto& t : texts)
    if (t.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the topic is a noun phrase of the message, outside the hurtful words when it can be") {
  CHECK(topic("You're so lazy, the kitchen is a mess again") == "the kitchen");
  CHECK(topic("you never help with the dishes") == "the dishes");
  CHECK(topic("whatever, I'm done talking about the money") == "the money");
  CHECK(topic("why are you being such a jerk about my mom's party??") == "my mom's party");
  CHECK(topic("can we not do this about money again") == "money");       // a bare topic word
  CHECK(topic("you always leave the gas tank empty") == "the gas tank");  // "empty" ends the phrase
  CHECK(topic("you're ruining my life") == "-");                          // "life" says nothing
  CHECK(topic("it's your fault, your stupid friends again") == "-");     // a judging word rules it out
  CHECK(topic("Fine.") == "-");
}

TEST_CASE("the part a message owns is what comes before its 'but', never a denial or a hedge") {
  CHECK(part("Yes I forgot, but you forgot my birthday last year") == "I forgot");
  CHECK(part("ok I was late but the traffic was insane") == "I was late");
  CHECK(part("I didn't forget, but you never remind me") == "-");        // a denial
  CHECK(part("I was just joking but you took it badly") == "-");        // a hedge
  CHECK(part("You forgot, but whatever") == "-");                       // not the writer's
  CHECK(part("I know. But you could have called") == "-");              // the "but" starts a new sentence
}

TEST_CASE("a capture with a sweeping or judging word is not usable; trailing 'anymore' goes") {
  CHECK(clean_capture("listen to me anymore", words()) == "listen to me");
  CHECK_FALSE(clean_capture("ruin everything", words()));
  CHECK_FALSE(clean_capture("so lazy", words()));
  CHECK(clean_capture("call me back.", words()) == "call me back");
}

TEST_CASE("the self-check refuses what would hurt or claim too much") {
  const auto& script = english().script();
  const SelfCheck check = [](const std::string& t) { return analyzed(t); };
  const auto lazy = analyzed("You're so lazy");
  CHECK(refuse(script, lazy, "I feel frustrated when you're lazy about the dishes.", check, false).value_or("") ==
        "it carries 'lazy' over");
  // Only the label's words count, whole: "a" is not refused for being a letter of "lazy".
  CHECK_FALSE(refuse(script, lazy, "Could you give me a hand with the dishes?", check, false));
  CHECK(refuse(script, lazy, "I feel like you always leave it to me.", check, false).value_or("").find("you always") !=
        std::string::npos);
  const auto denial = analyzed("I never said that");
  CHECK(refuse(script, denial, "You're right that I could have handled that better. I'm sorry.", check, false)
            .value_or("")
            .starts_with("it admits"));
  CHECK_FALSE(refuse(script, denial, "I remember it differently, but I can see this upset you.", check, false));
  // A suggestion the rules would flag is refused whatever its words.
  CHECK(refuse(script, denial, "Whatever. Talk to the hand.", check, false).value_or("").starts_with("it reads as"));
}

TEST_CASE("strategies follow the kind of finding") {
  std::string strategy;
  auto texts = offered("You never help with the dishes", "criticism", &strategy);
  CHECK(strategy == "request");
  CHECK(texts.size() == 3);
  CHECK(any_has(texts, "Could you help with the dishes?"));

  texts = offered("You're so lazy, the kitchen is a mess again", "criticism", &strategy);
  CHECK(strategy == "feeling_and_need");
  CHECK(any_has(texts, "overwhelmed"));
  CHECK(any_has(texts, "more help with the kitchen"));
  CHECK_FALSE(any_has(texts, "lazy"));

  texts = offered("I never said that, you're making it up", "defensiveness", &strategy);
  CHECK(strategy == "denial");
  CHECK(any_has(texts, "I remember it differently"));
  CHECK_FALSE(any_has(texts, "sorry"));

  texts = offered("whatever, I'm done talking about the money", "stonewalling", &strategy);
  CHECK(strategy == "break_with_topic");
  CHECK(any_has(texts, "the money around 10:45"));
}

TEST_CASE("the concrete sentence of a longer message gives the slots") {
  std::string strategy;
  const auto texts = offered("You're so lazy. You never take out the damn trash unless I nag you.", "criticism", &strategy);
  CHECK(strategy == "request");
  CHECK(any_has(texts, "Could you take out the trash?"));
  CHECK_FALSE(any_has(texts, "lazy"));
  CHECK_FALSE(any_has(texts, "nag"));
}

TEST_CASE("a counter-attack owns only what the message itself owned") {
  std::string strategy;
  const auto texts = offered("Ok I forgot to call, but what about when you forgot my birthday", "defensiveness", &strategy);
  CHECK(strategy == "own_part");
  CHECK(any_has(texts, "I forgot to call"));
  CHECK_FALSE(any_has(texts, "birthday"));
  // Without an owned part there is no apology: "I never said that" owns nothing.
  const auto denial = offered("I never said that, but you never listen anyway", "defensiveness");
  REQUIRE_FALSE(denial.empty());
  CHECK_FALSE(any_has(denial, "sorry"));
  CHECK(any_has(offered("I never said that, but you never listen anyway", "criticism"), "Could you listen?"));
}

TEST_CASE("a message with nothing to build on gets the category's generic forms, still checked") {
  std::string strategy;
  const auto texts = offered("Fine.", "stonewalling", &strategy);
  CHECK(strategy == "generic");
  REQUIRE_FALSE(texts.empty());
  for (const auto& t : texts) CHECK(analyzed(t).categories.empty());
}

