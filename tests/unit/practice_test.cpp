// Practice runs: scripted playthroughs of every scenario, hints, early stops, limits.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "coach/coach.hpp"

namespace {

const coach::Coach& the_coach() {
  static const auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  return *loaded.coach;
}

}  // namespace

TEST_CASE("six scenarios, listed by id") {
  const auto list = the_coach().scenarios();
  REQUIRE(list.size() >= 6);
  for (const char* id : {"anniversary", "dishes", "inlaws", "late", "money", "phones"})
    CHECK(std::any_of(list.begin(), list.end(), [&](const auto& s) { return s.id == id; }));
}

TEST_CASE("playthroughs: repair-rich replies end well, the four patterns end badly") {
  std::ifstream in(COACH_SOURCE_DIR "/tests/practice/playthroughs.json");
  const auto plays = nlohmann::json::parse(in);
  std::map<std::string, std::set<std::string>> endings;
  for (const auto& play : plays) {
    const std::string id = play["scenario"];
    INFO(play.dump());
    auto run = the_coach().practice(id, 0);
    REQUIRE(run);
    CHECK(run->opening().find("Partner: ") != std::string::npos);
    coach::PracticeReply last;
    for (const auto& r : play["replies"]) {
      REQUIRE_FALSE(run->finished());
      last = run->reply(r.get<std::string>());
      CHECK_FALSE(last.text.empty());
    }
    CHECK(last.finished);
    CHECK(last.ending == play["ending"]);
    const coach::Debrief d = run->debrief();
    INFO(d.text);
    for (const auto& frag : play["debrief"]) CHECK(d.text.find(frag.get<std::string>()) != std::string::npos);
    if (play.contains("min_score")) CHECK(d.score >= play["min_score"].get<int>());
    if (play.contains("max_score")) CHECK(d.score <= play["max_score"].get<int>());
    endings[id].insert(d.ending);
  }
  for (const auto& [id, seen] : endings) {
    INFO(id);
    CHECK(seen == std::set<std::string>{"bad", "good"});
  }
}

TEST_CASE("a bid opens the partner up; nothing recognisable gets a neutral prompt") {
  auto run = the_coach().practice("late", 0);
  REQUIRE(run);
  CHECK(run->reply("hmm").kind == "neutral");
  auto r = run->reply("What happened tonight?");
  CHECK(r.kind == "bid");
  CHECK(r.node == "opens");
}

TEST_CASE("hints rotate; stopping early still debriefs; the turn limit ends a run") {
  auto run = the_coach().practice("phones", 0);
  REQUIRE(run);
  const std::string h1 = run->hint(), h2 = run->hint();
  CHECK(h1.find("You could try") != std::string::npos);
  CHECK(h1 != h2);
  run->reply("You're always on your phone.");
  const auto d = run->debrief();
  CHECK(d.ending == "stopped");
  CHECK(d.text.find("stopped the practice early") != std::string::npos);
  CHECK(d.text.find("Criticism: \"You're always on your phone\"") != std::string::npos);

  auto slow = the_coach().practice("money", 0);
  REQUIRE(slow);
  coach::PracticeReply r;
  int n = 0;
  while (!slow->finished() && n < 50) r = slow->reply("okay"), ++n;
  CHECK(n == 8);
  CHECK(r.ending == "out_of_turns");
}

TEST_CASE("a safety signal stops the role-play and points to help") {
  auto run = the_coach().practice("dishes", 0);
  REQUIRE(run);
  auto r = run->reply("If you leave me I will hurt you");
  CHECK(r.finished);
  CHECK(r.ending == "safety");
  // The user is the one threatening: named as such, with help for their own behaviour.
  CHECK(r.text.find("reads as a threat") != std::string::npos);
  CHECK(r.text.find("own behaviour") != std::string::npos);
  CHECK(run->debrief().ending == "safety");
}

TEST_CASE("any safety kind leaves the role-play at once, control and fear too") {
  for (const char* msg : {"give me your phone password now", "honestly im scared to go home tonight",
                          "no point being here anymore tbh"}) {
    INFO(msg);
    auto run = the_coach().practice("late", 0);
    REQUIRE(run);
    auto r = run->reply(msg);
    CHECK(r.finished);
    CHECK(r.ending == "safety");
    CHECK(r.kind == "safety");
  }
}
