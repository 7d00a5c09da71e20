// Rule language parsing: statements, blocks, and error recovery across blocks.
#include <doctest/doctest.h>

#include "coach/engine.hpp"
#include "rules/dump.hpp"
#include "rules/parse.hpp"

using namespace coach;

namespace {

std::string ast_of(const std::string& text, std::vector<Diagnostic>& diags) {
  auto parsed = rules::parse_file("t.rules", text, diags);
  return rules::dump_ast(parsed.statements);
}

}  // namespace

TEST_CASE("a rule parses into its canonical form") {
  std::vector<Diagnostic> d;
  const std::string text =
      "language en\n"
      "# a comment\n"
      "rule criticism.x : criticism severity 2   # trailing comment\n"
      "  match you (never|always)   {act: ...1-6}\n"
      "  why \"'{match}' hurts\"\n"
      "  example \"you never call\"\n"
      "  counter \"me\"\n";
  CHECK(ast_of(text, d) ==
        "language en\n"
        "rule criticism.x : criticism severity 2\n"
        "  match you (never | always) {act: ...1-6}\n"
        "  why \"'{match}' hurts\"\n"
        "  example \"you never call\"\n"
        "  counter \"me\"\n");
  CHECK(d.empty());
}

TEST_CASE("lexicons continue over indented lines; patterns may span lines") {
  std::vector<Diagnostic> d;
  const std::string text =
      "lexicon @t = lazy | selfish\n"
      "  | careless\n"
      "rule criticism.y : criticism\n"
      "  match you are\n"
      "        @t\n"
      "  example \"you are lazy\"\n";
  CHECK(ast_of(text, d) ==
        "lexicon @t = lazy | selfish | careless\n"
        "rule criticism.y : criticism\n"
        "  match you are @t\n"
        "  example \"you are lazy\"\n");
  CHECK(d.empty());
}

TEST_CASE("'why', 'example' and 'counter' are words inside patterns unless a string follows") {
  std::vector<Diagnostic> d;
  CHECK(ast_of("rule a.b : criticism\n  match why are you example\n  example \"x\"\n", d) ==
        "rule a.b : criticism\n  match why are you example\n  example \"x\"\n");
  CHECK(d.empty());
}

TEST_CASE("one syntax error per broken block; the blocks after it still parse") {
  std::vector<Diagnostic> d;
  const std::string out = ast_of(
      "rule a.b : criticism\n  match (you\n"
      "rule c.d : criticism\n  match you\n"
      "rule e.f criticism\n"
      "lexicon @ok = fine\n",
      d);
  REQUIRE(d.size() == 2);
  CHECK(d[0].line == 3);  // the block ends where the next statement starts
  CHECK(d[0].code == "R001");
  CHECK(d[1].line == 5);
  CHECK(out == "rule c.d : criticism\n  match you\nlexicon @ok = fine\n");
}

TEST_CASE("strings keep escaped quotes and UTF-8") {
  std::vector<Diagnostic> d;
  CHECK(ast_of("rule a.b : contempt\n  match \"\\\"you\\\"\" \"🙄\"\n  example \"ä\"\n", d) ==
        "rule a.b : contempt\n  match \"\\\"you\\\"\" \"🙄\"\n  example \"ä\"\n");
  CHECK(d.empty());
}

TEST_CASE("a rule set with any error is not loaded, and every error is reported") {
  auto r = Engine::load(
      {{"a.rules", "language en\nrule x.y : criticism\n  match you @nope\n  why \"x\"\n  example \"you\"\n  counter \"me\"\n"},
       {"b.rules", "rule z.w : nonsense\n  match you\n  why \"x\"\n  example \"you\"\n  counter \"x\"\n"}});
  CHECK_FALSE(r.engine);
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].file == "a.rules");
  CHECK(r.diagnostics[0].code == "R104");
  CHECK(r.diagnostics[1].file == "b.rules");
  CHECK(r.diagnostics[1].code == "R102");
  CHECK(format(r.diagnostics[0]) == "a.rules:3:13: error[R104]: unknown lexicon '@nope'");
}

TEST_CASE("the built-in English rules load, and every example and counter holds") {
  auto r = Engine::builtin("en");
  REQUIRE(r.engine);
  CHECK(r.diagnostics.empty());
  CHECK(r.engine->rule_count() > 20);
  CHECK(r.engine->check_examples().empty());
  CHECK_FALSE(Engine::builtin("xx").engine);
}

TEST_CASE("rules check: a match no example finds and an unless no counter needs are warnings") {
  const std::string text =
      "language en\n"
      "rule criticism.t : criticism severity 2\n"
      "  match   you never listen\n"
      "  match   you always forget\n"       // line 4: no example shows it
      "  unless  within 5: lol\n"
      "  unless  within 5: haha\n"         // line 6: no counter needs it
      "  requires sentence: (you | me)\n"  // requires lines are not counted
      "  why     \"x\"\n"
      "  example \"you never listen to me\"\n"
      "  counter \"you never listen lol\"\n"
      "  counter \"we never listen\"\n";
  auto r = Engine::load({{"t.rules", text}});
  REQUIRE(r.engine);
  CHECK(r.engine->check_examples().empty());
  const auto cov = r.engine->check_coverage();
  REQUIRE(cov.size() == 2);
  CHECK(cov[0].code == "R133");
  CHECK(cov[0].line == 4);
  CHECK(cov[0].column == 3);
  CHECK(cov[0].warning);
  CHECK(cov[1].code == "R134");
  CHECK(cov[1].line == 6);
  CHECK(cov[1].message.find("criticism.t") != std::string::npos);

  // Once an example and a counter show them at work, nothing is left to warn about.
  auto full = Engine::load({{"t.rules", text + "  example \"you always forget my birthday\"\n"
                                              "  counter \"you never listen haha\"\n"}});
  REQUIRE(full.engine);
  CHECK(full.engine->check_examples().empty());
  CHECK(full.engine->check_coverage().empty());
}
