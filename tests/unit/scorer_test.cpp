// The safety scorer: its file format and errors, its features, and how its finding joins
// an analysis (only when the rules are silent, never against a look-alike context).
#include <doctest/doctest.h>

#include "coach/engine.hpp"
#include "rules/scorer.hpp"

using namespace coach;

namespace {

const std::string kRules =
    "language en\n"
    "substitute \"you're\" = \"you are\"\n"
    "rule safety.threat.plain : safety.threat severity 3\n"
    "  match i will hurt you\n  why \"A threat.\"\n  example \"i will hurt you\"\n  counter \"x\"\n"
    "rule harmless.game : context.harmless.fear\n"
    "  match board game\n  why \"A game.\"\n  example \"board game\"\n  counter \"x\"\n";

// A tiny scorer: "shaking" and "he is" push toward fear, "laughing" away from anything.
const std::string kScorer =
    "# test weights\n"
    "threshold 0.9\n"
    "why violence hurt ({words})\nwhy threat threat ({words})\nwhy self_harm harm ({words})\n"
    "why fear fear ({words})\nwhy control control ({words})\n"
    "bias -3 -4 -4 -4 -4 -4 -4\n"
    "w\tshaking\t4 0 0 0 5 0 0\n"
    "w\the is\t2 0 0 0 2 0 0\n"
    "w\tlaughing\t-6 0 0 0 -6 0 0\n";

Engine load(const std::string& scorer = kScorer) {
  auto r = Engine::load({{"t.rules", kRules}, {"t.scorer", scorer}});
  INFO(format(r.diagnostics));
  REQUIRE(r.engine);
  return std::move(*r.engine);
}

std::vector<Diagnostic> errors_of(const std::string& scorer) {
  std::vector<Diagnostic> d;
  CHECK_FALSE(rules::parse_scorer("s.scorer", scorer, d));
  return d;
}

}  // namespace

TEST_CASE("scorer features are the normalizer's words and neighbouring pairs, once each") {
  Engine e = load();
  CHECK(e.features("You're shaking. You're SHAKING") ==
        std::vector<std::string>{"you", "are", "you are", "shaking", "are shaking"});
  // Pairs never cross a sentence; punctuation is not a word.
  CHECK(e.features("he. is!") == std::vector<std::string>{"he", "is"});
}

TEST_CASE("the scorer raises the highest kind, quoting the sentence and the words that weighed most") {
  Engine e = load();
  Analysis a = e.analyze("We talked. He is shaking again.");
  REQUIRE(a.signals.safety.size() == 1);
  const Finding& f = a.signals.safety[0];
  CHECK(f.category == "safety.fear");
  CHECK(f.rule == "safety.fear.scorer");
  CHECK(f.quote == "He is shaking again");
  CHECK(f.why == "fear (\"shaking\", \"he is\")");
  // Below the threshold: nothing.
  CHECK(e.analyze("he is here").signals.safety.empty());
  CHECK(e.analyze("he is shaking with laughing").signals.safety.empty());
}

TEST_CASE("the scorer stays out when a rule found safety, and in a look-alike context of its kind") {
  Engine e = load();
  Analysis a = e.analyze("I will hurt you. He is shaking.");
  REQUIRE(a.signals.safety.size() == 1);
  CHECK(a.signals.safety[0].rule == "safety.threat.plain");
  CHECK(e.analyze("he is shaking at the board game").signals.safety.empty());
  CHECK(e.analyze("board game tonight. he is shaking").signals.safety.size() == 1);
}

TEST_CASE("above its `sure` line the scorer speaks even in a look-alike context") {
  // "shaking" and "he is" give P = sigmoid(3) = 0.953; "shaking" twice over ("he is shaking,
  // shaking") does not count twice, so the same message is the one tested both ways.
  CHECK(load().analyze("he is shaking at the board game").signals.safety.empty());
  Engine sure = load(kScorer + "sure 0.95\n");
  Analysis a = sure.analyze("he is shaking at the board game");
  REQUIRE(a.signals.safety.size() == 1);
  CHECK(a.signals.safety[0].rule == "safety.fear.scorer");
  Engine unsure = load(kScorer + "sure 0.96\n");
  CHECK(unsure.analyze("he is shaking at the board game").signals.safety.empty());
}

TEST_CASE("the commonest words weigh in the score but are not quoted as the reason") {
  Engine e = load(kScorer + "plain he is\n");
  Analysis a = e.analyze("He is shaking again.");
  REQUIRE(a.signals.safety.size() == 1);
  CHECK(a.signals.safety[0].why == "fear (\"shaking\")");
  // When only plain words weighed, they are quoted after all.
  Engine only = load("threshold 0.5\nplain he\nwhy violence v ({words})\nwhy threat t ({words})\n"
                     "why self_harm s ({words})\nwhy fear f ({words})\nwhy control c ({words})\n"
                     "bias 0 0 0 0 0 0 0\nw\the\t3 0 0 0 3 0 0\n");
  CHECK(only.analyze("he").signals.safety.at(0).why == "f (\"he\")");
}

TEST_CASE("the scorer's author column makes a threat the writer's own") {
  std::string sc = kScorer;
  sc += "w\tor else\t6 0 8 0 0 0 0\nw\tyou will\t0 0 0 0 0 0 6\n";
  Engine e = load(sc);
  Analysis a = e.analyze("do it or else you will see");
  REQUIRE(a.signals.safety.size() == 1);
  CHECK(a.signals.safety[0].category == "safety.threat.author");
  CHECK(e.analyze("he said or else").signals.safety.at(0).category == "safety.threat");
}

TEST_CASE("a rule set without a scorer never scores") {
  auto r = Engine::load({{"t.rules", kRules}});
  REQUIRE(r.engine);
  CHECK(r.engine->analyze("he is shaking shaking").signals.safety.empty());
}

TEST_CASE("scorer file errors have a place and a stable code") {
  auto d = errors_of("threshold 0.9\nbias 0 0 0 0 0\nw\tx\t1 2 3 4 5 6 zz\nw\tx\t1 1 1 1 1 1 1\nw\tx\t1 1 1 1 1 1 1\nfoo\n");
  REQUIRE(d.size() >= 5);
  CHECK(d[0].code == "R302");  // bias with five numbers
  CHECK(d[0].line == 2);
  CHECK(d[1].code == "R302");  // a bad number
  CHECK(d[1].line == 3);
  CHECK(d[1].column == 17);
  CHECK(d[2].code == "R303");  // duplicate feature
  CHECK(d[2].line == 5);
  CHECK(d[3].code == "R301");  // unknown line
  CHECK(d[3].line == 6);
  CHECK(d.back().code == "R304");  // no why lines
  auto t = errors_of("threshold 2\n");
  CHECK(t[0].code == "R302");
  CHECK(errors_of("bias 0 0 0 0 0 0 0\n")[0].message == "no 'threshold' line");
  CHECK(errors_of("threshold 0.9\nsure 0.8\n")[0].message == "sure must not be below threshold");
  CHECK(errors_of("threshold 0.9\nsure x\n")[0].code == "R302");
  auto r = Engine::load({{"t.rules", kRules}, {"a.scorer", kScorer}, {"b.scorer", kScorer}});
  CHECK_FALSE(r.engine);
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == "R304");
}

TEST_CASE("the shipped scorer loads with the built-in rules") {
  auto r = Engine::builtin("en");
  REQUIRE(r.engine);
  // A message the rules do not know, in words the corpus taught the scorer.
  Analysis a = r.engine->analyze("He keeps a loaded rifle by the bed and says nobody would find me out there.");
  CHECK_FALSE(a.signals.safety.empty());
  CHECK(r.engine->analyze("Fancy a curry tonight? I'll book the table for eight.").signals.safety.empty());
}
