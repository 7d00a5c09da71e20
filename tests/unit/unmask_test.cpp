// Masked words (text/unmask.hpp): which censored spellings are read as a listed word, that
// ordinary words, numbers and handles are left alone, and that the engine quotes what was
// typed while its rules see the word.
#include "text/unmask.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "coach/engine.hpp"

using namespace coach::text;

namespace {

std::string read(const Unmasker& u, std::string_view run, std::size_t* used = nullptr) {
  std::size_t n = 0;
  std::string w = u.resolve(run, n);
  if (used) *used = n;
  return w;
}

const std::vector<std::string> kWords = {"fuck", "shit", "bitch", "asshole", "slut", "fvckwhi", "cunt"};

}  // namespace

TEST_CASE("Unmasker: wildcards and look-alike characters spell a listed word") {
  const Unmasker u(kWords);
  CHECK(read(u, "f***") == "fuck");
  CHECK(read(u, "f*ck") == "fuck");
  CHECK(read(u, "F**K") == "fuck");    // case does not matter
  CHECK(read(u, "sh1t") == "shit");    // 1 for i
  CHECK(read(u, "b!tch") == "bitch");  // ! for i
  CHECK(read(u, "a$$hole") == "asshole");
  CHECK(read(u, "c#nt") == "cunt");
  CHECK(read(u, "s**t") == "shit");        // the list's order decides between shit and slut
  CHECK(read(u, "f***ing") == "fucking");  // a listed word with its ending typed out
  CHECK(read(u, "b*tches") == "bitches");
}

TEST_CASE("Unmasker: a trailing '!' is punctuation when the word needs it to be") {
  const Unmasker u(kWords);
  std::size_t used = 0;
  CHECK(read(u, "f***!!", &used) == "fuck");
  CHECK(used == 4);
  CHECK(read(u, "f*!") == "");  // not stretched into a rarer word ("fvckwhi")
}

TEST_CASE("Unmasker: ordinary words, numbers, handles and unlisted words stay as typed") {
  const Unmasker u(kWords);
  CHECK(read(u, "wow!") == "");   // a word and its exclamation mark
  CHECK(read(u, "b4") == "");     // too short, and no listed word
  CHECK(read(u, "5th") == "");    // a number first is a number
  CHECK(read(u, "@john") == "");  // a handle spells no listed word
  CHECK(read(u, "h3ll0") == "");  // "hello" is not on the list
  CHECK(read(u, "***") == "");    // no letter at all
  CHECK(Unmasker(std::vector<std::string>{}).run_at("f***", 0) == 0);
  // A run starts a word: never in the middle of one ("mo*ther" has no masked word at 2).
  CHECK(u.run_at("mo*ther", 2) == 0);
  CHECK(u.run_at("you f*** off", 4) == 4);
  CHECK(u.run_at("(f***)", 1) == 4);
}

TEST_CASE("the engine reads masked swearing as the word and quotes what was typed") {
  auto loaded = coach::Engine::builtin("en");
  REQUIRE(loaded.engine);
  const auto a = loaded.engine->analyze("you f***ing idiot");
  REQUIRE(a.findings.size() == 1);
  CHECK(a.findings[0].category == "contempt");
  CHECK(a.findings[0].quote == "you f***ing idiot");
  const auto b = loaded.engine->analyze("go f*** yourself!!");
  REQUIRE(!b.findings.empty());
  CHECK(b.findings[0].category == "contempt");
  CHECK(b.findings[0].quote.find("f***") != std::string::npos);
  // Emphasis in a warm message is not contempt, masked or not.
  CHECK(loaded.engine->analyze("this is f***ing amazing, thank you").findings.empty());
  CHECK(loaded.engine->analyze("you're so f***ing cute").findings.empty());
  // Nothing else changes: an exclamation stays one, a price stays a price.
  CHECK(loaded.engine->analyze("wow! $5 for a coffee").findings.empty());
}

TEST_CASE("a '!' inside a masked word does not end its sentence") {
  auto loaded = coach::Engine::builtin("en");
  REQUIRE(loaded.engine);
  // UAX #29 ends a sentence after "k!"; the rules must still see "kill myself" as one phrase.
  const auto a = loaded.engine->analyze("some days i want to k!ll myself");
  REQUIRE(!a.signals.safety.empty());
  CHECK(a.signals.safety[0].category == "safety.self_harm");
  CHECK(a.signals.safety[0].quote.find("k!ll myself") != std::string::npos);
  // Safety words masked to pass a filter are read too (rules/en/safety.rules, @unmask).
  const auto b = loaded.engine->analyze("years of passive s*icidal thoughts");
  REQUIRE(!b.signals.safety.empty());
  CHECK(b.signals.safety[0].category == "safety.self_harm");
  // A real sentence end after a masked word stays one.
  const auto c = loaded.engine->analyze("you f***ing idiot! see you tomorrow");
  REQUIRE(!c.findings.empty());
  CHECK(c.findings[0].quote.find("you f***ing idiot") == 0);
  CHECK(c.findings[0].quote.find("tomorrow") == std::string::npos);
}
