// The C ABI (coach.h) as a C caller meets it: every mistake in the JSON a caller passes
// comes back as {"error": ...} naming the problem, never as a crash or an exception.
// Linked against libcoach.so only, like a C program.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "coach/coach.h"

namespace {

// Takes ownership of a library string and parses it.
nlohmann::json take(char* p) {
  REQUIRE(p != nullptr);
  const std::string text = p;
  coach_free(p);
  return nlohmann::json::parse(text);
}

std::string load_error(const char* options) {
  char* err = nullptr;
  coach_engine* e = coach_load(options, &err);
  CHECK(e == nullptr);
  coach_engine_free(e);
  return err ? take(err).value("error", "") : "(no error)";
}

struct Loaded {
  coach_engine* engine = coach_load(nullptr, nullptr);
  coach_session* session = coach_session_new(engine, 7);
  ~Loaded() {
    coach_session_free(session);
    coach_engine_free(engine);
  }
};

}  // namespace

TEST_CASE("coach_load reports broken options by name") {
  CHECK(load_error("{not json") == "options are not valid JSON");
  CHECK(load_error("[1, 2]") == "options must be a JSON object");
  CHECK(load_error("{\"rules\": 5}") == "option \"rules\" is a string");
  CHECK(load_error("{\"language\": {\"en\": true}}") == "option \"language\" is a string");
  CHECK(load_error("{\"dialogs\": [\"x\"]}") == "option \"dialogs\" is a string");
  CHECK(load_error(("{\"rules\": " + std::string(100, '[') + std::string(100, ']') + "}").c_str()) ==
        "JSON nested more than 64 levels");
}

TEST_CASE("coach_load takes null members as the defaults") {
  char* err = nullptr;
  coach_engine* e = coach_load("{\"language\": null, \"rules\": null}", &err);
  CHECK(e != nullptr);
  CHECK(err == nullptr);
  coach_engine_free(e);
}

TEST_CASE("coach_turn refuses wrong-typed members with a message naming them") {
  Loaded c;
  REQUIRE(c.engine);
  for (const char* req : {"{\"text\": \"hi\", \"mode\": {\"x\": 1}}", "{\"text\": \"hi\", \"mode\": 3}",
                          "{\"text\": \"hi\", \"mode\": \"sideways\"}"}) {
    CAPTURE(req);
    CHECK(take(coach_turn(c.engine, c.session, req)).value("error", "") == "\"mode\" is \"sending\" or \"received\"");
  }
  CHECK(take(coach_turn(c.engine, c.session, "{\"text\": 5}")).value("error", "") == "\"text\" (a string) is required");
  const auto ok = take(coach_turn(c.engine, c.session, "{\"text\": \"You never listen\", \"mode\": null}"));
  CHECK_FALSE(ok.contains("error"));
  CHECK(ok["categories"] == nlohmann::json::array({"criticism"}));
}

TEST_CASE("coach_analyze answers invalid UTF-8 with a warning, not an error") {
  Loaded c;
  REQUIRE(c.engine);
  const auto a = take(coach_analyze(c.engine, "You never \xff\xfe listen"));
  CHECK_FALSE(a.contains("error"));
  CHECK_FALSE(a["warnings"].empty());
}
