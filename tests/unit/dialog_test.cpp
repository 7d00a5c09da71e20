// Templates, filters and suggestion rotation.
#include <doctest/doctest.h>

#include "coach/coach.hpp"
#include "coach/json_fields.hpp"
#include <fstream>

#include "dialog/compose.hpp"
#include "dialog/scenario.hpp"
#include "dialog/template.hpp"
#include "json_reference.hpp"
#include "dialog/codes.hpp"
#include <regex>
#include <set>
#include <sstream>
#include "json_writer.hpp"

using namespace coach::dialog;

namespace {

Filters english_filters() {
  Filters f;
  f.swap = {{"i", "you"}, {"me", "you"}, {"my", "your"}, {"you", "I"}, {"your", "my"}, {"myself", "yourself"}};
  f.trim = {"i need", "i feel", "when", "i'll"};
  return f;
}

std::string r(const std::string& text, const Slots& slots) {
  Template t;
  REQUIRE_FALSE(parse_template(text, t));
  return render(t, slots, english_filters()).value_or("<unusable>");
}

}  // namespace

TEST_CASE("templates fill slots, use defaults, and refuse when a required slot is empty") {
  CHECK(r("I feel {feeling}.", {{"feeling", "hurt"}}) == "I feel hurt.");
  CHECK(r("I feel {feeling?upset}.", {}) == "I feel upset.");
  CHECK(r("I feel {feeling?upset}.", {{"feeling", ""}}) == "I feel upset.");
  CHECK(r("Could you {missing}?", {}) == "<unusable>");
  Template t;
  REQUIRE_FALSE(parse_template("{a} and {b?x} and {c|swap}", t));
  CHECK(t.required() == std::vector<std::string>{"a", "c"});
}

TEST_CASE("template syntax errors are reported") {
  Template t;
  CHECK(parse_template("I feel {feeling", t).value().find("unterminated") != std::string::npos);
  CHECK(parse_template("I feel }", t).value().find("unmatched") != std::string::npos);
  CHECK(parse_template("{}", t).value().find("empty slot") != std::string::npos);
  CHECK(parse_template("{a {b}}", t).value().find("inside a slot") != std::string::npos);
}

TEST_CASE("swap turns the partner's words into the listener's") {
  CHECK(r("I don't always {missing|swap}.", {{"missing", "listen to me"}}) == "I don't always listen to you.");
  CHECK(r("{x|swap}", {{"x", "You never ask about my day!"}}) == "I never ask about your day");
  CHECK(r("{x|swap}", {{"x", "call myself"}}) == "call yourself");
}

TEST_CASE("trim drops the speaker's lead-ins and final punctuation") {
  CHECK(r("I need {need|trim}.", {{"need", "I need you to call more."}}) == "I need you to call more.");
  CHECK(r("I feel {f|trim} when {s|trim}.", {{"f", "I feel lonely"}, {"s", "when you left early"}}) ==
        "I feel lonely when you left early.");
  CHECK(r("Next time I'll {n|trim}.", {{"n", "I'll text first!"}}) == "Next time I'll text first.");
  CHECK(r("{x|lower}", {{"x", "Gentle"}}) == "gentle");
}

TEST_CASE("suggestions rotate within a session and depend on the seed") {
  Script script;
  std::vector<Template> list(3);
  parse_template("one {habit}", list[0]);
  parse_template("two", list[1]);
  parse_template("three {missing}", list[2]);
  coach::Session s(0);
  const Slots slots{{"habit", "h"}};
  // Only the usable ones (no {missing}) take turns.
  CHECK(pick(script, list, slots, s, "c").value() == "one h");
  CHECK(pick(script, list, slots, s, "c").value() == "two");
  CHECK(pick(script, list, slots, s, "c").value() == "one h");
  coach::Session other(1);
  CHECK(pick(script, list, slots, other, "c").value() == "two");
  CHECK_FALSE(pick(script, {list[2]}, slots, s, "d"));
}

TEST_CASE("suggestions built from the user's words read as sentences") {
  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  const auto& c = *loaded.coach;
  // "when you {habit}" needs a verb phrase, "when you're {state}" what follows "you're".
  const std::pair<const char*, const char*> expected[] = {
      {"you're always on your phone", "when you're on your phone."},
      {"you were always glued to the TV at dinner", "when you're glued to the TV at dinner"},
      {"you always leave the lights on", "when you leave the lights on."},
      {"you will always pick your friends over me", "when you pick your friends over me."},
      {"you never call me back", "if you would call me back."},
  };
  for (const auto& [message, phrase] : expected) {
    CAPTURE(message);
    bool found = false;
    for (const auto& s : c.suggestions(c.engine().analyze(message), 0)) {
      found = found || s.text.find(phrase) != std::string::npos;
      for (const auto& alt : s.alternatives) found = found || alt.find(phrase) != std::string::npos;
    }
    CHECK(found);
  }
  // A slot holding a sweeping word is not carried over ("late to everything" stays out).
  for (const auto& s : c.suggestions(c.engine().analyze("you were always late to everything"), 0)) {
    CHECK(s.text.find("everything") == std::string::npos);
    for (const auto& alt : s.alternatives) CHECK(alt.find("everything") == std::string::npos);
  }
  // Forms whose words do not fit either frame get a suggestion without them.
  for (const char* message : {"you have always been rude to my sister", "you're never home", "you keep changing the plan every time",
                              "you have never once said thank you", "you're glued to that screen 24/7"}) {
    CAPTURE(message);
    const auto a = c.engine().analyze(message);
    REQUIRE(a.categories == std::vector<std::string>{"criticism"});
    for (const auto& s : c.suggestions(a, 0)) {
      CHECK(s.text.find("when you been") == std::string::npos);
      CHECK(s.text.find("when you you") == std::string::npos);
      CHECK(s.text.find("when you keep") == std::string::npos);
      CHECK(s.text.find("you would home") == std::string::npos);
      CHECK(s.text.find("you would once") == std::string::npos);
      CHECK(s.text.find("when you glued") == std::string::npos);
    }
  }
}

TEST_CASE("the return time is at least twenty minutes on, rounded up to the quarter hour, in local time") {
  setenv("TZ", "UTC", 1);
  tzset();
  // 1700000000 is 22:13:20 UTC: twenty minutes on is 22:33:20, rounded up to 22:45.
  CHECK(rounded_time(1700000000, 20) == "around 10:45");
  CHECK(base_slots(1700000000).at("return_time") == "around 10:45");
  CHECK(rounded_time(1700001600, 20) == "around 11");        // exactly 23:00: no rounding, the hour alone
  CHECK(rounded_time(1700001601, 20) == "around 11:15");     // a second past: the next quarter
  CHECK(rounded_time(1700001600 + 3600, 20) == "around 12");  // midnight on a 12-hour clock
  setenv("TZ", "Asia/Kolkata", 1);  // a half-hour offset: quarters are local quarters
  tzset();
  CHECK(rounded_time(1700000000, 20) == "around 4:15");  // 03:43:20 IST -> 04:03:20 -> 04:15
  setenv("TZ", "UTC", 1);
  tzset();
}

TEST_CASE("the return time is in the user's zone when a front end says it, the machine's otherwise") {
  setenv("TZ", "UTC", 1);
  tzset();
  // 22:13:20 UTC: 17:13:20 in New York (EST), 03:43:20 in Kolkata, both plus twenty, rounded up.
  CHECK(rounded_time(1700000000, 20, "America/New_York") == "around 5:45");
  CHECK(rounded_time(1700000000, 20, "Asia/Kolkata") == "around 4:15");
  CHECK(rounded_time(1700000000, 20, "Mars/Olympus_Mons") == "around 10:45");  // unknown: the machine's
  CHECK(base_slots(1700000000, "Asia/Kolkata").at("return_time") == "around 4:15");
  // Summer time: 1690000000 is 2023-07-22 04:26:40 UTC, 06:26:40 in Berlin (CEST).
  CHECK(rounded_time(1690000000, 20, "Europe/Berlin") == "around 7");
}

TEST_CASE("the built-in coach loads, and its flows and messages are all there") {
  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  CHECK(loaded.diagnostics.empty());
  CHECK(loaded.coach->flows() == std::vector<std::string>{"appreciation", "break", "gentle_startup", "take_responsibility"});
  for (const auto& key : required_messages()) CHECK_FALSE(loaded.coach->message(key).empty());
  CHECK_FALSE(coach::Coach::builtin("xx").coach);
}

TEST_CASE("a number too large for JSON is a loader error, not an exception (found by fuzzing)") {
  std::ifstream in(COACH_SOURCE_DIR "/tests/regressions/fuzz_script-number-overflow", std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  REQUIRE(bytes.size() > 1);
  std::vector<coach::Diagnostic> d;
  CHECK_NOTHROW(coach::dialog::load_scenario("x.json", bytes.substr(1), d));
  REQUIRE_FALSE(d.empty());
  CHECK(d[0].code == "P001");
  CHECK_NOTHROW(coach::dialog::load_script("x.json", "{\"language\": 1e999999999}"));
}

TEST_CASE("JSON writer: turns render byte for byte as nlohmann renders them") {
  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  const coach::Coach& c = *loaded.coach;
  std::vector<std::string> msgs = {"quote \" backslash \\ tab \t bell \x07 del \x7F nul", std::string("a\0b", 3),
                                   "\xFF\xFE broken", "\u00DCber \U0001F644 \u2764\uFE0F", "I want to hurt myself",
                                   ":rewrite", ":cancel", ":ledger", ""};
  std::ifstream in(COACH_SOURCE_DIR "/tests/corpus/en.tsv");
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] != '#') msgs.push_back(line.substr(line.rfind('\t') + 1));
  REQUIRE(msgs.size() > 300);
  coach::Session session;
  int flows = 0, safety = 0, with_findings = 0;
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    const auto t = c.turn(session, msgs[i], i % 5 == 0 ? coach::Mode::received : coach::Mode::sending, 1700000000 + 60 * static_cast<std::int64_t>(i));
    CHECK(coach::to_json(t) == coach::test::to_json_reference(t));
    CHECK(coach::to_json(t.analysis) == coach::test::analysis_json(t.analysis).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    flows += !t.flow.empty();
    safety += t.safety;
    with_findings += !t.analysis.findings.empty();
  }
  // Strings the engine never produces (invalid UTF-8) still match nlohmann's replacement.
  for (const std::string& raw : {std::string("ok \xFF\xFE end"), std::string("\xC3"), std::string("a\xED\xA0\x80" "b"),
                                std::string("\x01\x1F\"\\\u00E9\U0001F644")}) {
    std::string out;
    coach::JsonWriter w(out);
    w.begin_array().value(raw).value(std::int64_t{-3}).value(0.5).value(true).null().end_array();
    nlohmann::json ref = nlohmann::json::array({raw, -3, 0.5, true, nullptr});
    CHECK(out == ref.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  // The comparison covered every part of the document.
  CHECK(flows > 0);
  CHECK(safety > 0);
  CHECK(with_findings > 50);
}

TEST_CASE("diagnostic codes: every D and P code in the registry is in the README, and no other") {
  std::ifstream in(std::string(COACH_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string readme = ss.str();
  std::set<std::string> documented;
  const std::regex code(R"(\b[DP]0\d\d\b)");
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), code); it != std::sregex_iterator(); ++it)
    documented.insert(it->str());
  std::set<std::string> registry;
  for (int i = 0; i < coach::dialog::kScriptCodeCount; ++i)
    registry.insert(coach::dialog::code_id(static_cast<coach::dialog::ScriptCode>(i)));
  for (int i = 0; i < coach::dialog::kScenarioCodeCount; ++i)
    registry.insert(coach::dialog::code_id(static_cast<coach::dialog::ScenarioCode>(i)));
  CHECK(registry.count("D007") == 1);
  CHECK(coach::dialog::code_id(coach::dialog::ScriptCode::bad_template) == "D007");
  CHECK(coach::dialog::code_id(coach::dialog::ScenarioCode::unknown_node) == "P005");
  CHECK(documented == registry);
}

TEST_CASE("turn requests: one reader for stdio, /v1/turn and the C ABI, and the echoed members come first") {
  using nlohmann::json;
  auto read = [](const char* text, const char* default_session) {
    coach::TurnRequest r;
    const auto error = coach::read_turn_request(json::parse(text), r, default_session);
    return error ? *error : r.text + "|" + r.session + "|" + (r.mode == coach::Mode::received ? "received" : "sending");
  };
  CHECK(read(R"({"text": "hi"})", "default") == "hi|default|sending");
  CHECK(read(R"({"text": "hi", "session": "s1", "mode": "received"})", "default") == "hi|s1|received");
  CHECK(read(R"({"text": "hi", "session": null})", "default") == "hi|default|sending");
  CHECK(read(R"({"text": 5})", "default") == "\"text\" (a string) is required");
  CHECK(read(R"({"session": "s"})", "default") == "\"text\" (a string) is required");
  CHECK(read(R"({"text": "hi", "session": 3})", "default") == "\"session\" is a string");
  CHECK(read(R"({"text": "hi", "mode": "shouting"})", "default") == "\"mode\" is \"sending\" or \"received\"");
  CHECK(read(R"({"text": "hi", "mode": 1})", "default") == "\"mode\" is \"sending\" or \"received\"");
  // Where a session is required (/v1/turn), only a missing one is refused; an empty id is the client's choice.
  CHECK(read(R"({"text": "hi"})", nullptr) == "\"session\" (a string) is required");
  CHECK(read(R"({"text": "hi", "session": ""})", nullptr) == "hi||sending");

  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  coach::Session session;
  const auto t = loaded.coach->turn(session, "you never listen", coach::Mode::sending, 1700000000);
  const std::string plain = coach::to_json(t);
  const std::string framed = coach::to_json(t, {{"id", R"({"n":[1,2]})"}, {"session", R"("s\"1")"}});
  CHECK(framed.rfind(R"({"id":{"n":[1,2]},"session":"s\"1",)", 0) == 0);
  const auto a = json::parse(plain), b = json::parse(framed);
  CHECK(b["id"] == json::parse(R"({"n":[1,2]})"));
  CHECK(b["session"] == "s\"1");
  json rest = b;
  rest.erase("id");
  rest.erase("session");
  CHECK(rest == a);
}

TEST_CASE("received mode answers by what the partner's message is") {
  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  const coach::Coach& c = *loaded.coach;
  auto answer = [&](const char* text) {
    coach::Session s(3);
    return c.turn(s, text, coach::Mode::received, 1700000000);
  };
  // An apology, texted or not: accepted and given back, never coached as blame.
  for (const char* apology : {"I'm sorry I snapped at you last night", "sry. i was just worried tbh", "my bad, that's on me"}) {
    const auto t = answer(apology);
    CAPTURE(apology);
    CHECK(t.analysis.categories.empty());
    const bool accepts = t.reply.find("I'm sorry too") != std::string::npos ||
                         t.reply.find("I wasn't at my best") != std::string::npos ||
                         t.reply.find("I played a part too") != std::string::npos;
    CHECK(accepts);
  }
  // A request for a break: agree, and name a time to come back (every variant does).
  const auto pause = answer("I'm too upset to talk right now, give me 20 minutes");
  CHECK(pause.suggestions.front().category == "calm_down");
  CHECK(pause.reply.find("around ") != std::string::npos);
  // A gentle start-up is validated; appreciation, a compromise and a call to stop are met.
  CHECK(answer("I feel lonely when we don't eat together. Could we have dinner at the table tonight?")
            .suggestions.front()
            .category == "i_feel");
  CHECK(answer("thank you for cooking, that was sweet").suggestions.front().category == "appreciate");
  CHECK(answer("Can we find a middle ground on the holidays?").suggestions.front().category == "get_to_yes");
  CHECK(answer("Let's stop fighting").suggestions.front().category == "stop_action");
  // Each pattern gets its non-defensive answer; an apology with a complaint gets both.
  CHECK(answer("You never listen to me").suggestions.front().category == "criticism");
  CHECK(answer("Oh great, another genius idea from you 🙄").suggestions.front().category == "contempt");
  CHECK(answer("It's not my fault the train was late").suggestions.front().category == "defensiveness");
  CHECK(answer("Whatever. I'm done talking about this.").suggestions.front().category == "stonewalling");
  // A gentle start-up is validated with ownership offered, never answered as blame.
  const auto gentle = answer("I felt really alone at the party last night.");
  CHECK(gentle.suggestions.front().category == "i_feel");
  const bool owns = gentle.reply.find("my part") != std::string::npos || gentle.reply.find("I'm sorry") != std::string::npos ||
                    gentle.reply.find("I want to help") != std::string::npos;
  CHECK(owns);
  // A request is answered with a yes in the user's own voice: "text me" becomes "text you".
  const auto ask = answer("Could you text me next time you're running late?");
  REQUIRE(ask.suggestions.size() == 1);
  CHECK(ask.suggestions.front().category == "request");
  CHECK(ask.reply.find("text you next time I'm running late") != std::string::npos);
  const auto mixed = answer("I'm sorry, but you never listen");
  REQUIRE(mixed.suggestions.size() == 2);
  CHECK(mixed.suggestions[0].category == "sorry");
  CHECK(mixed.suggestions[1].category == "criticism");
  // Danger: the safety response, not phrasing.
  const auto control = answer("he checks my phone every night and takes my paycheck");
  CHECK(control.safety);
  CHECK(control.suggestions.empty());
  CHECK(answer("ok see you at 6").suggestions.front().category == "none");
}
