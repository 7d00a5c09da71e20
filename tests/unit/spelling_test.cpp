// Typo repair (text/spelling.hpp) and the Hunspell gate (text/speller.hpp): which slips
// count as typos, that real words and names are left alone, that an ambiguous typo is
// not guessed, and that the engine reports what it read.
#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "coach/engine.hpp"
#include "text/normalizer.hpp"
#include "text/spelling.hpp"

using namespace coach::text;

namespace {

// setenv for one scope (the dictionary search path is read on each for_language call).
struct ScopedEnv {
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) ::setenv(name_, old_->c_str(), 1);
    else ::unsetenv(name_);
  }
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("typo_of: the slips people make, and not other words") {
  CHECK(typo_of("threatend", "threatened"));  // a letter left out
  CHECK(typo_of("punchd", "punched"));
  CHECK(typo_of("stangled", "strangled"));
  CHECK(typo_of("kiked", "kicked"));
  CHECK(typo_of("hitt", "hit"));             // a doubled last letter
  CHECK(typo_of("lmaoo", "lmao"));
  CHECK(typo_of("thraetened", "threatened"));  // swapped neighbours
  CHECK(typo_of("hte", "the"));              // ... the first letter too
  CHECK(typo_of("threatebed", "threatened"));  // b is next to n
  CHECK(typo_of("definately", "definitely"));  // a vowel for a vowel
  CHECK_FALSE(typo_of("definatly", "definitely"));  // two slips
  CHECK(typo_of("strangeled", "strangled"));  // a letter too many inside
  CHECK(typo_of("pregant", "pregnant"));

  CHECK_FALSE(typo_of("theyd", "they"));     // an ending, not a typo
  CHECK_FALSE(typo_of("wifes", "wife"));
  CHECK_FALSE(typo_of("chilli", "chill"));
  CHECK_FALSE(typo_of("fanta", "santa"));    // never the first letter
  CHECK_FALSE(typo_of("cking", "king"));
  CHECK_FALSE(typo_of("hangry", "angry"));
  CHECK_FALSE(typo_of("tazing", "taking"));  // z is nowhere near k
  CHECK_FALSE(typo_of("crocs", "cross"));
  CHECK_FALSE(typo_of("hit", "hit"));
  CHECK_FALSE(typo_of("", "a"));
}

TEST_CASE("SpellingRepair: only unknown words with exactly one near rule word") {
  ScopedEnv env("COACH_DICTIONARY_PATH", "/nonexistent");  // falls back to /usr/share/hunspell
  auto speller = Speller::for_language("en");
  REQUIRE_MESSAGE(speller, "scripts/setup installs hunspell-en-us; no dictionary was found");
  SpellingRepair repair({"threatened", "choked", "punched", "blarted", "blerted", "hit", "garage"}, speller);

  CHECK(repair.repair("threatend") == "threatened");
  CHECK(repair.repair("threatend") == "threatened");  // again, from the cache
  CHECK(repair.repair("punchd") == "punched");
  CHECK(repair.repair("chocked").empty());   // a real word (to chock a wheel)
  CHECK(repair.repair("choked").empty());    // already a rule word
  CHECK(repair.repair("blorted").empty());   // blarted or blerted: not guessed
  CHECK(repair.neighbours("blorted") == std::vector<std::string>{"blarted", "blerted"});
  CHECK(repair.repair("hitt").empty());      // too short to judge
  CHECK(repair.repair("garag3").empty());    // digits are not typos
  CHECK(repair.repair("garrage") == "garage");
}

TEST_CASE("SpellingRepair: without a dictionary nothing is changed") {
  ScopedEnv env("COACH_DICTIONARY_PATH", "");
  CHECK(Speller::for_language("en") == nullptr);
  SpellingRepair repair({"threatened"}, Speller::for_language("en"));
  CHECK(repair.repair("threatend").empty());
}

TEST_CASE("the engine reads a typo as the rule word and says so") {
  auto loaded = coach::Engine::builtin("en");
  REQUIRE(loaded.engine);
  const auto a = loaded.engine->analyze("he strangeld me last night");
  REQUIRE(a.signals.safety.size() == 1);
  CHECK(a.signals.safety[0].category == "safety.violence");
  CHECK(a.signals.safety[0].quote == "he strangeld me");
  REQUIRE(a.corrections.size() == 1);
  CHECK(a.corrections[0].from == "strangeld");
  CHECK(a.corrections[0].to == "strangled");
  CHECK(a.text.substr(a.corrections[0].span.start, a.corrections[0].span.end - a.corrections[0].span.start) ==
        "strangeld");
  CHECK(coach::to_json(a).find(R"("corrections":[{"span":{"start":3,"end":12},"from":"strangeld","to":"strangled"}])") !=
        std::string::npos);

  // Names and British spellings are words, not typos.
  CHECK(loaded.engine->analyze("my colour is off and maths is hard").corrections.empty());
}

TEST_CASE("an exact lexicon's words are never a typo's repair") {
  // "zorble" is one letter short of "zorbles": read as it unless the lexicon is `exact`
  // (the profanity list: "cudnt" must never be read as a slur).
  auto load = [](const char* exact) {
    const std::string text = std::string("language en\nlexicon @x") + exact +
                             " = zorbles\nrule criticism.a : criticism\n  match you @x\n  why \"x\"\n  example \"you zorbles\"\n"
                             "  counter \"x\"\n";
    return coach::Engine::load({{"t.rules", text}});
  };
  auto plain = load("");
  auto exact = load(" exact");
  REQUIRE(plain.engine);
  REQUIRE(exact.engine);
  CHECK(plain.engine->analyze("you zorble").categories.size() == 1);
  CHECK(exact.engine->analyze("you zorble").categories.empty());
  CHECK(exact.engine->analyze("you zorbles").categories.size() == 1);
}
