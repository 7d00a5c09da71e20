// Runs every scripted conversation in tests/conversations (see its README) against the
// built-in rules and dialogs, with a fixed seed, clock and time zone.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "coach/coach.hpp"

using nlohmann::json;

namespace {

std::string joined(const std::vector<coach::Suggestion>& s) {
  std::string out;
  for (const auto& x : s) out += x.text + "\n";
  return out;
}

void run_conversation(const coach::Coach& c, const std::filesystem::path& file) {
  std::ifstream in(file);
  const json conv = json::parse(in);
  coach::Session session(conv.value("seed", 0));
  const std::int64_t start = conv.value("start", 1700000000LL);
  std::string previous_suggestions;
  int n = 0;
  for (const auto& turn : conv.at("turns")) {
    ++n;
    INFO(file.filename().string() << " turn " << n << ": " << turn.dump());
    const std::int64_t now = start + turn.value("at", 10LL * n);
    coach::Turn t;
    if (turn.contains("say")) t = c.respond(session, turn["say"].get<std::string>(), coach::Mode::sending, now);
    else if (turn.contains("they")) t = c.respond(session, turn["they"].get<std::string>(), coach::Mode::received, now);
    else if (turn.contains("rewrite")) t = c.start_flow(session, turn["rewrite"].get<std::string>());
    else if (turn.contains("cancel")) t = c.cancel_flow(session);
    else if (turn.contains("reset")) session = coach::Session(session.seed);
    else FAIL("a turn needs say, they, rewrite, cancel or reset");
    INFO("reply: " << t.reply);
    const json& e = turn.value("expect", json::object());
    if (e.contains("categories")) CHECK(t.analysis.categories == e["categories"].get<std::vector<std::string>>());
    for (const auto& frag : e.value("reply_contains", json::array()))
      CHECK_MESSAGE(t.reply.find(frag.get<std::string>()) != std::string::npos, "missing: " << frag);
    for (const auto& frag : e.value("reply_excludes", json::array()))
      CHECK_MESSAGE(t.reply.find(frag.get<std::string>()) == std::string::npos, "unexpected: " << frag);
    if (e.contains("suggestions")) CHECK(t.suggestions.size() == e["suggestions"].get<std::size_t>());
    if (e.contains("suggestion_contains"))
      CHECK_MESSAGE(joined(t.suggestions).find(e["suggestion_contains"].get<std::string>()) != std::string::npos,
                    "suggestions: " << joined(t.suggestions));
    if (e.value("differs_from_previous", false)) CHECK(joined(t.suggestions) != previous_suggestions);
    if (e.contains("flow")) CHECK(session.flow == e["flow"].get<std::string>());
    if (e.contains("step")) CHECK(session.step == e["step"].get<std::string>());
    if (e.contains("safety")) CHECK(t.safety == e["safety"].get<bool>());
    if (e.contains("safety_kind")) CHECK(t.safety_notice.kind == e["safety_kind"].get<std::string>());
    if (e.contains("perspective")) CHECK(t.safety_notice.perspective == e["perspective"].get<std::string>());
    if (e.contains("repeated")) CHECK(t.safety_notice.repeated == e["repeated"].get<int>());
    if (e.contains("flooding")) CHECK(t.flooding == e["flooding"].get<bool>());
    if (e.contains("ledger")) {
      CHECK(session.positive == e["ledger"][0].get<int>());
      CHECK(session.negative == e["ledger"][1].get<int>());
    }
    previous_suggestions = joined(t.suggestions);
  }
}

}  // namespace

TEST_CASE("scripted conversations") {
  setenv("TZ", "UTC", 1);
  tzset();
  auto loaded = coach::Coach::builtin("en");
  INFO(coach::format(loaded.diagnostics));
  REQUIRE(loaded.coach);
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(COACH_SOURCE_DIR "/tests/conversations"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 9);
  for (const auto& f : files) {
    SUBCASE(f.filename().string().c_str()) { run_conversation(*loaded.coach, f); }
  }
}

TEST_CASE("a session saves to JSON and loads back, and the copy behaves the same") {
  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  const auto& c = *loaded.coach;
  coach::Session s(7);
  c.respond(s, "You never help.", coach::Mode::sending, 1000);
  c.respond(s, "I'm sorry", coach::Mode::sending, 1010);
  c.start_flow(s, "gentle_startup");
  c.respond(s, "hurt", coach::Mode::sending, 1020);
  std::string err;
  auto copy = coach::Session::from_json(s.to_json(), &err);
  REQUIRE_MESSAGE(copy, err);
  CHECK(copy->to_json() == s.to_json());
  CHECK(copy->flow == "gentle_startup");
  CHECK(copy->step == "situation");
  CHECK(copy->slots.at("feeling") == "hurt");
  CHECK(copy->positive == 1);
  CHECK(copy->negative == 1);
  auto a = c.respond(s, "You always forget", coach::Mode::sending, 1030);
  auto b = c.respond(*copy, "You always forget", coach::Mode::sending, 1030);
  CHECK(a.reply == b.reply);
  CHECK(s.to_json().find("You never help") == std::string::npos);  // no message text stored
  CHECK_FALSE(coach::Session::from_json("{\"version\": 99}", &err));
  CHECK_FALSE(coach::Session::from_json("not json", &err));
  CHECK(err.find("not a saved session") != std::string::npos);
}

TEST_CASE("a session from another rule set is restored as stale, keeping the ledger but not the flow") {
  auto builtin = coach::Coach::builtin("en");
  REQUIRE(builtin.coach);
  coach::Session s;
  builtin.coach->respond(s, "You never help.", coach::Mode::sending, 1000);
  builtin.coach->start_flow(s, "gentle_startup");
  CHECK(s.fingerprint == builtin.coach->fingerprint());
  const std::string saved = s.to_json();

  auto same = builtin.coach->restore(saved);
  REQUIRE(same.session);
  CHECK_FALSE(same.stale);
  CHECK(same.session->flow == "gentle_startup");

  // The same rules with one more comment: another fingerprint.
  const auto dir = std::filesystem::temp_directory_path() / ("coach-stale-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy(COACH_SOURCE_DIR "/rules/en", dir,
                        std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
  std::ofstream(dir / "core.rules", std::ios::app) << "\n# changed\n";
  auto changed = coach::Coach::load(dir, {}, "en");
  INFO(coach::format(changed.diagnostics));
  REQUIRE(changed.coach);
  CHECK(changed.coach->fingerprint() != builtin.coach->fingerprint());
  auto stale = changed.coach->restore(saved);
  REQUIRE(stale.session);
  CHECK(stale.stale);
  CHECK(stale.session->flow.empty());
  CHECK(stale.session->negative == 1);
  CHECK(stale.session->fingerprint == changed.coach->fingerprint());
  std::filesystem::remove_all(dir);

  auto broken = builtin.coach->restore("{oops");
  CHECK_FALSE(broken.session);
  CHECK_FALSE(broken.error.empty());
}

TEST_CASE("regressions found by fuzzing replay cleanly") {
  // Each file is an input that once crashed a fuzz target; replayed the same way.
  auto loaded = coach::Coach::builtin("en");
  REQUIRE(loaded.coach);
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(COACH_SOURCE_DIR "/tests/regressions")) {
    if (entry.path().filename().string().rfind("fuzz_analyze", 0) != 0) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(entry.path().filename().string());
    coach::Session s(all.size());
    std::size_t begin = 0;
    for (int i = 0; begin <= all.size() && i < 16; ++i) {
      auto end = all.find('\n', begin);
      if (end == std::string::npos) end = all.size();
      loaded.coach->turn(s, all.substr(begin, end - begin), i % 3 == 2 ? coach::Mode::received : coach::Mode::sending, 1000);
      begin = end + 1;
    }
    const std::string saved = s.to_json();  // once threw on invalid UTF-8 in a flow answer
    CHECK(loaded.coach->restore(saved).session.has_value());
    ++n;
  }
  CHECK(n >= 1);
}
