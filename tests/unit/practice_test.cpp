// Practice runs: the temperature, the beats, lines chosen by what the user said, facts held
// for a run, the skill score, the debrief's aims and tip, hints, limits and safety. The
// scripted playthroughs of every scenario are CTest practice_playthroughs (tests/practice/plays).
#include <doctest/doctest.h>

#include <map>
#include <random>
#include <set>

#include "coach/coach.hpp"

namespace {

const coach::Coach& the_coach() {
  static const auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  return *loaded.coach;
}

coach::PracticeRun late(std::uint64_t seed = 0) {
  auto run = the_coach().practice("late", seed);
  REQUIRE(run);
  return std::move(*run);
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("ten scenarios, listed by id") {
  const auto list = the_coach().scenarios();
  for (const char* id : {"anniversary", "apology", "dishes", "inlaws", "jealousy", "late", "money", "parenting",
                         "phones", "withdraw"}) {
    INFO(id);
    CHECK(std::any_of(list.begin(), list.end(), [&](const auto& s) { return s.id == id; }));
  }
}

TEST_CASE("the partner answers what was said: a feeling in its own word, a request in the user's words") {
  auto run = late();
  auto r = run.reply("I was so scared when you didn't call.");
  CHECK(r.kind == "repair");
  CHECK(r.node == "hears");
  CHECK(has(r.text, "scared"));
  r = run.reply("Could you text me next time you're running late?");
  CHECK(r.kind == "request");
  CHECK(r.finished);  // both aims met, calm: the good ending
  CHECK(r.ending == "good");
  // A request is answered in the partner's voice: "me"/"you're" become "you"/"I'm".
  auto other = late(1);
  other.reply("hmm");
  r = other.reply("Could you text me next time you're running late?");
  CHECK(r.node == "agrees");
  if (has(r.text, "running late") && !has(r.text, "Even a one-line")) CHECK(has(r.text, "I'm running late"));
}

TEST_CASE("a bid opens the partner up, and nothing recognisable gets a prompt, then a flat line, then drift") {
  auto run = late();
  CHECK(run.reply("hmm").node == "prompt");
  auto r = run.reply("What happened tonight?");
  CHECK(r.kind == "bid");
  CHECK(r.node == "opens");
  std::vector<std::string> beats;
  while (!run.finished()) beats.push_back(run.reply("ok").node);
  CHECK(beats == std::vector<std::string>{"prompt", "prompt", "flat", "flat", "drifted"});
  CHECK(run.debrief().ending == "drifted");
}

TEST_CASE("temperature: patterns heat, repairs cool, a mixed reply gets a wary line") {
  auto run = late();
  const int start = run.temperature();
  auto r = run.reply("You never think about anyone but yourself.");
  CHECK(r.kind == "criticism");
  CHECK(r.node == "defensive");
  CHECK(r.temperature > start);
  const int hot = r.temperature;
  r = run.reply("I'm sorry, but you never think about anyone but yourself.");
  CHECK(r.kind == "mixed");
  CHECK(r.node == "wary");
  r = run.reply("I'm sorry. I was really worried.");
  CHECK(r.temperature < hot);
}

TEST_CASE("past the boiling point one repair is always allowed, and without it the run ends badly") {
  auto boil = [](coach::PracticeRun& run) {
    coach::PracticeReply r;
    for (const char* m : {"You never think about anyone but yourself.", "Spare me the excuses. Typical.",
                          "Whatever."})
      if (!run.finished() && r.node != "boiling") r = run.reply(m);
    REQUIRE(r.node == "boiling");
    CHECK_FALSE(r.finished);
  };
  auto saved = late();
  boil(saved);
  auto r = saved.reply("I'm sorry. That was unfair of me.");
  CHECK(r.node == "recover");
  CHECK_FALSE(r.finished);
  r = saved.reply("I was scared something happened to you.");
  CHECK_FALSE(r.finished);
  r = saved.reply("Could you text me when you're running late?");
  CHECK(r.ending == "good");
  const auto d = saved.debrief();
  CHECK(has(d.text, "[x] Repairing after it got heated: \"I'm sorry\""));

  auto lost = late();
  boil(lost);
  r = lost.reply("Fine.");
  CHECK(r.finished);
  CHECK(r.ending == "bad");
}

TEST_CASE("the partner never repeats a line and keeps to one excuse, whatever is said, in every scenario") {
  const std::vector<std::string> pool = {
      "ok", "I see", "You always do this.", "Whatever.", "I'm sorry, that was unfair.", "I feel hurt.",
      "Could you help me with this next time?", "What was going on for you?", "thanks", "love you",
      "Oh please, spare me.", "It's not my fault.", "ugh fine", "sry", "can we take a break", "hmm",
      "I was worried", "yeah right", "I need you to listen.", "Can we talk about it on Sunday?"};
  for (const auto& info : the_coach().scenarios()) {
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
      auto run = the_coach().practice(info.id, seed);
      REQUIRE(run);
      std::mt19937 pick(static_cast<unsigned>(seed));
      std::set<std::string> said = {run->opening().substr(run->opening().find("Partner: "))};
      std::vector<std::string> transcript;
      int turns = 0;
      while (!run->finished()) {
        const auto& msg = pool[pick() % pool.size()];
        const auto r = run->reply(msg);
        transcript.push_back(msg + " -> " + r.node + ": " + r.text);
        INFO(info.id, " seed ", seed);
        for (const auto& t : transcript) INFO(t);
        REQUIRE(++turns <= 30);
        CHECK_FALSE(r.text.empty());
        CHECK(said.insert(r.text).second);
        CHECK(r.temperature >= 0);
        CHECK(r.temperature <= 10);
      }
    }
  }
}

TEST_CASE("facts: the excuse the partner gives is the same all run") {
  const std::vector<std::string> excuses = {"the meeting ran long", "a crash on the ring road", "my boss kept me back"};
  std::set<std::string> across;
  for (std::uint64_t seed = 0; seed < 6; ++seed) {
    auto run = late(seed);
    std::string all;
    for (const char* m : {"What happened?", "You never call.", "Tell me about your day.", "Why didn't you text?"})
      if (!run.finished()) all += run.reply(m).text + "\n";
    int told = 0;
    for (const auto& e : excuses)
      if (has(all, e)) ++told, across.insert(e);
    INFO(all);
    CHECK(told <= 1);
  }
  CHECK(across.size() >= 2);  // the seed varies it between runs
}

TEST_CASE("the score measures skill: passivity scores low, a loop is not rewarded, leaving early costs nothing") {
  auto passive = late();
  for (const char* m : {"ok", "I see", "I hear you", "thanks", "yeah", "ok", "sure", "right"})
    if (!passive.finished()) passive.reply(m);
  CHECK(passive.debrief().score <= 40);

  auto skilled = late();
  skilled.reply("I was really worried when I didn't hear from you.");
  skilled.reply("Could you text me next time you're running late?");
  const auto good = skilled.debrief();
  CHECK(good.ending == "good");
  CHECK(good.score >= 90);

  // Warm replies that never name a feeling or ask for anything go round and score no more.
  auto warm = late();
  for (const char* m : {"thank you", "I love you", "thanks for telling me", "I appreciate you", "love you"})
    if (!warm.finished()) warm.reply(m);
  CHECK(warm.debrief().score <= 40);

  // Half the aims, then stopped: the same score as going on without meeting more.
  auto stopped = late(), continued = late();
  stopped.reply("I was worried sick.");
  continued.reply("I was worried sick.");
  for (const char* m : {"ok", "right", "yeah", "hm", "mm", "ok", "sure"})
    if (!continued.finished()) continued.reply(m);
  const auto s = stopped.debrief(), c = continued.debrief();
  CHECK(s.ending == "stopped");
  CHECK(s.score == c.score);
  CHECK(s.score < good.score);
}

TEST_CASE("the debrief quotes what the user did and bases its tip on what was missing") {
  auto run = late();
  run.reply("I was scared when you didn't call.");
  auto d = run.debrief();
  CHECK(has(d.text, "[x] Naming your feeling: \"I was scared\""));
  CHECK(has(d.text, "[ ] One specific request"));
  CHECK(has(d.text, "Next time: ask for one thing they can do"));
  CHECK_FALSE(has(d.text, "keep doing what worked"));
  REQUIRE(d.aims.size() == 2);
  CHECK(d.aims[0].aim == "feeling");
  CHECK(d.aims[0].met);
  CHECK_FALSE(d.aims[1].met);

  auto done = late();
  done.reply("I was scared when you didn't call.");
  done.reply("Can you text me if you're going to be late?");
  d = done.debrief();
  CHECK(has(d.text, "keep doing what worked"));
  CHECK(std::all_of(d.aims.begin(), d.aims.end(), [](const auto& a) { return a.met; }));

  auto harsh = late();
  harsh.reply("You're so selfish.");
  d = harsh.debrief();
  CHECK(has(d.text, "when you feel like saying something like \"You're so selfish\""));
  CHECK(has(d.text, "[ ] Repairing after it got heated"));
}

TEST_CASE("hints rotate, stopping early still debriefs, the turn limit ends a run") {
  auto run = late();
  const std::string h1 = run.hint(), h2 = run.hint();
  CHECK(has(h1, "You could try"));
  CHECK(h1 != h2);
  run.reply("You're always on your phone.");
  const auto d = run.debrief();
  CHECK(d.ending == "stopped");
  CHECK(has(d.text, "stopped the practice early"));
  CHECK(has(d.text, "Criticism: \"You're always on your phone\""));

  auto slow = late();
  coach::PracticeReply r;
  int n = 0;
  const char* turns[] = {"ok", "thanks", "ok", "thanks"};
  while (!slow.finished() && n < 50) r = slow.reply(turns[n % 4]), ++n;
  CHECK(n == 8);
  CHECK(r.ending == "out_of_turns");
}

TEST_CASE("a safety signal stops the role-play and points to help") {
  auto run = late();
  auto r = run.reply("If you leave me I will hurt you");
  CHECK(r.finished);
  CHECK(r.ending == "safety");
  // The user is the one threatening: named as such, with help for their own behaviour.
  CHECK(has(r.text, "reads as a threat"));
  CHECK(has(r.text, "own behaviour"));
  CHECK(run.debrief().ending == "safety");
}

TEST_CASE("any safety kind leaves the role-play at once, control and fear too, even mid-run") {
  for (const char* msg : {"give me your phone password now", "honestly im scared to go home tonight",
                          "no point being here anymore tbh"}) {
    INFO(msg);
    auto run = late();
    run.reply("I was worried about you.");
    auto r = run.reply(msg);
    CHECK(r.finished);
    CHECK(r.ending == "safety");
    CHECK(r.kind == "safety");
  }
}
