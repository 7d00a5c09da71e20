// Inflected forms for `~word` (text/inflect.hpp): regular forms the dictionary vouches
// for, irregular ones from WordNet, nothing invented; and `~word` in patterns and lexicons.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "coach/engine.hpp"
#include "text/inflect.hpp"

using coach::text::Inflector;
using coach::text::Speller;

namespace {

bool has(const std::vector<std::string>& v, const std::string& w) { return std::find(v.begin(), v.end(), w) != v.end(); }

}  // namespace

TEST_CASE("English forms: regular, doubled, y and e endings, irregular") {
  const Inflector en("en", Speller::for_language("en"));
  REQUIRE(en.complete());  // scripts/setup installs hunspell-en-us and wordnet-base
  const auto listen = en.forms("listen");
  CHECK(listen == std::vector<std::string>{"listen", "listened", "listening", "listens"});
  CHECK(en.forms("stop") == std::vector<std::string>{"stop", "stopped", "stopping", "stops"});
  const auto cry = en.forms("cry");
  for (const char* w : {"cry", "cries", "cried", "crying"}) CHECK_MESSAGE(has(cry, w), w);
  CHECK_FALSE(has(cry, "cryed"));
  const auto choke = en.forms("choke");
  for (const char* w : {"chokes", "choked", "choking"}) CHECK_MESSAGE(has(choke, w), w);
  CHECK_FALSE(has(choke, "chokeing"));
  CHECK_FALSE(has(choke, "choker"));  // a derivation, not an inflection
  const auto go = en.forms("go");
  for (const char* w : {"goes", "going", "went", "gone"}) CHECK_MESSAGE(has(go, w), w);
  CHECK_FALSE(has(go, "goed"));
  const auto hit = en.forms("hit");
  CHECK(has(hit, "hits"));
  CHECK(has(hit, "hitting"));
  CHECK_FALSE(has(hit, "hited"));
  const auto die = en.forms("die");
  CHECK(has(die, "dying"));
  CHECK(has(die, "died"));
  CHECK_FALSE(has(die, "dieing"));
  CHECK(en.forms("Listen").front() == "listen");  // folded, the word itself first
  CHECK(en.forms("gaslightzz") == std::vector<std::string>{"gaslightzz"});  // unknown: itself only
}

TEST_CASE("German forms come from the dictionary's affix rules") {
  const auto de_speller = Speller::for_language("de");
  REQUIRE(de_speller);  // hunspell-de-de
  const Inflector de("de", de_speller);
  const auto schlagen = de.forms("schlagen");
  CHECK(schlagen.front() == "schlagen");
  CHECK(schlagen.size() > 1);
}

TEST_CASE("~word in patterns and lexicons matches every form, and only forms") {
  auto r = coach::Engine::load({{"t.rules", R"(language en
lexicon @hurt = ~choke | slap
rule safety.violence.t : safety.violence
  match (he | she) ...2 ~grab ...2 @hurt? me
  why "x"
  example "he grabbed me"
  counter "he grabber me"
)"}});
  REQUIRE(r.engine);
  auto kinds = [&](const char* text) { return r.engine->analyze(text).signals.safety.size(); };
  CHECK(kinds("she grabs me") == 1);
  CHECK(kinds("he was grabbing and choking me") == 1);
  CHECK(kinds("he grab chokes me") == 1);
  CHECK(kinds("he grabbed me") == 1);
  CHECK(kinds("he grabs a coffee") == 0);
}

TEST_CASE("~word alone: the prefilter lets every form through") {
  // The word index must list every form of `~stop`, not only "stop", or "stopped" would
  // never reach the matcher.
  auto r = coach::Engine::load({{"t.rules", R"(language en
rule stonewalling.t : stonewalling
  match ~stop
  why "x"
  example "stop"
  counter "x"
)"}});
  REQUIRE(r.engine);
  for (const char* text : {"stop", "she stopped", "he stops", "stopping now"})
    CHECK_MESSAGE(r.engine->analyze(text).categories.size() == 1, text);
  CHECK(r.engine->analyze("a stopper").categories.empty());
}

TEST_CASE("a .forms table decides what a ~word matches, and its errors have places") {
  const char* rules = R"(language en
rule criticism.t : criticism
  match you ~zonk
  why "x"
  example "you zonkified"
  counter "you zonked"
)";
  auto r = coach::Engine::load({{"t.rules", rules}, {"t.forms", "# comment\nzonk\tzonk zonkified\n"}});
  REQUIRE(r.engine);  // the table's forms, not the dictionary's
  CHECK(r.diagnostics.empty());
  const std::string fresh = r.engine->inflection_table();  // afresh from the dictionaries
  CHECK(fresh.find("\nzonk\tzonk") != std::string::npos);
  CHECK(fresh.find("zonkified") == std::string::npos);
  auto stale = coach::Engine::load({{"t.rules", rules}, {"t.forms", "zork\tzork zorked\n"}});
  REQUIRE(stale.engine);  // a word the table lacks is inflected meanwhile, with a warning
  REQUIRE(stale.diagnostics.size() == 1);
  CHECK(stale.diagnostics[0].code == "R129");
  CHECK(stale.diagnostics[0].line == 3);
  auto bad = coach::Engine::load({{"t.rules", rules}, {"t.forms", "zonk zonked\nzonk\tzonk\nzonk\tzonk\n"}});
  CHECK_FALSE(bad.engine);
  REQUIRE(bad.diagnostics.size() == 2);
  CHECK(bad.diagnostics[0].code == "R126");
  CHECK(bad.diagnostics[0].line == 1);
  CHECK(bad.diagnostics[1].code == "R127");
  CHECK(bad.diagnostics[1].line == 3);
  auto two = coach::Engine::load({{"t.rules", rules}, {"a.forms", "zonk\tzonk zonkified\n"}, {"b.forms", ""}});
  CHECK_FALSE(two.engine);
  CHECK(two.diagnostics.at(0).code == "R128");
}

TEST_CASE("~word errors and warnings") {
  auto r = coach::Engine::load({{"t.rules", R"(language en
rule criticism.t : criticism
  match you ~listen*
  why "x"
  example "you listen"
  counter "x"
)"}});
  CHECK_FALSE(r.engine);
  REQUIRE(r.diagnostics.size() >= 1);
  CHECK(r.diagnostics[0].code == "R123");
  CHECK(r.diagnostics[0].line == 3);
  auto w = coach::Engine::load({{"t.rules", R"(language en
rule criticism.t : criticism
  match you ~zzqxv
  why "x"
  example "you zzqxv"
  counter "x"
)"}});
  REQUIRE(w.engine);  // a warning does not stop the load
  REQUIRE(w.diagnostics.size() == 1);
  CHECK(w.diagnostics[0].code == "R124");
  CHECK(w.diagnostics[0].warning);
  CHECK(w.diagnostics[0].column == 13);
}
