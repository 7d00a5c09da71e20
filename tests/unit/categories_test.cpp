// The category registry (coach/categories.hpp): what rules may declare, where each
// category's findings go, and that the README documents the lists.
#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "coach/categories.hpp"
#include "coach/engine.hpp"

namespace coach {
namespace {

std::string readme() {
  std::ifstream in(std::string(COACH_SOURCE_DIR) + "/README.md");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A one-rule set in `category`; its diagnostics, or "" when it loads.
std::string load_with(const std::string& category) {
  const std::string src = "language en\nrule t.one : " + category +
                          "\n  match foo\n  why \"w\"\n  example \"foo\"\n  counter \"bar\"\n";
  auto r = Engine::load({{"t.rules", src}});
  return r.engine ? "" : format(r.diagnostics);
}

TEST_CASE("categories: every declared category loads, sorts into its bucket, and nothing else loads") {
  const auto& cats = rule_categories();
  CHECK(std::set<std::string>(cats.begin(), cats.end()).size() == cats.size());
  for (const auto& c : cats) {
    INFO(c);
    CHECK(load_with(c) == "");
    CHECK(bucket_of(c) != Bucket::unknown);
  }
  for (auto h : kHorsemen) CHECK(bucket_of(h) == Bucket::horseman);
  for (auto g : kRepairGroups) CHECK(bucket_of("repair." + std::string(g)) == Bucket::repair);
  for (auto k : kSafetyKinds) CHECK(bucket_of("safety." + std::string(k)) == Bucket::safety);
  CHECK(bucket_of("context.harmless.fear") == Bucket::context);
  CHECK(bucket_of("bid") == Bucket::bid);
  CHECK(bucket_of("request") == Bucket::request);
  // Author forms exist for the author kinds only.
  for (auto k : kSafetyKinds) {
    const bool listed = std::count(cats.begin(), cats.end(), "safety." + std::string(k) + ".author") == 1;
    CHECK(listed == one_of(kAuthorKinds, k));
  }
  for (const char* bad : {"critcism", "repair.hug", "safety.danger", "safety.fear.author", "context", "bids"}) {
    INFO(bad);
    CHECK(bucket_of(bad) != Bucket::horseman);
    CHECK(load_with(bad).find("error[R102]") != std::string::npos);
  }
}

TEST_CASE("categories: the README names every pattern, repair group and safety kind") {
  const std::string text = readme();
  REQUIRE(!text.empty());
  CHECK(text.find("repair attempts (`group`: " + joined(kRepairGroups) + ")") != std::string::npos);
  CHECK(text.find("`safety.<kind>` (" + joined(std::array<std::string_view, 5>{"violence", "threat", "self_harm",
                                                                               "fear", "control"}) + ";") !=
        std::string::npos);
  for (auto h : kHorsemen) CHECK(text.find("`" + std::string(h) + "`") != std::string::npos);
  for (auto k : kAuthorKinds) CHECK(text.find("`safety." + std::string(k) + ".author`") != std::string::npos);
}

}  // namespace
}  // namespace coach
