// The rule diagnostic codes' registry (coach/rule_codes.hpp): its names, its numbers, and
// that README.md's diagnostics table documents exactly its codes.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "coach/engine.hpp"
#include "coach/rule_codes.hpp"

namespace coach {
namespace {

std::string readme() {
  std::ifstream in(std::string(COACH_SOURCE_DIR) + "/README.md");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::set<std::string> codes_in(const std::string& text) {
  static const std::regex code(R"(\bR\d\d\d\b)");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), code); it != std::sregex_iterator(); ++it)
    out.insert(it->str());
  return out;
}

// The rows of the table under "### Diagnostics", up to the next heading.
std::string diagnostics_table(const std::string& md) {
  const auto start = md.find("\n### Diagnostics\n");
  REQUIRE(start != std::string::npos);
  const auto end = md.find("\n#", start + 1);
  std::istringstream section(md.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1));
  std::string rows;
  for (std::string line; std::getline(section, line);)
    if (line.starts_with("|")) rows += line + "\n";
  return rows;
}

std::set<std::string> registry() {
  std::set<std::string> out;
  for (const RuleCode c : kRuleCodes) out.insert(code_id(c));
  return out;
}

}  // namespace

TEST_CASE("rule codes: every code in the registry is in the README's diagnostics table, and no other") {
  const std::string md = readme();
  const std::set<std::string> table = codes_in(diagnostics_table(md)), known = registry();
  CHECK(table.count("R102") == 1);
  for (const auto& id : known) CHECK_MESSAGE(table.count(id) == 1, id << " is not in the README's table");
  for (const auto& id : table)
    CHECK_MESSAGE(known.count(id) == 1, id << " is in the README's table, not in the registry");
  // Nor does the rest of the README name a code the engine cannot report.
  for (const auto& id : codes_in(md))
    CHECK_MESSAGE(known.count(id) == 1, id << " is in the README, not in the registry");
}

TEST_CASE("rule codes: code_id gives R and the enumerator's number, and no two enumerators share one") {
  CHECK(code_id(RuleCode::cannot_read) == "R000");
  CHECK(code_id(RuleCode::unknown_category) == "R102");
  CHECK(code_id(RuleCode::bad_scorer_file) == "R304");
  std::set<int> numbers;
  for (const RuleCode c : kRuleCodes) {
    const std::string id = code_id(c);
    CHECK_MESSAGE(std::regex_match(id, std::regex(R"(R\d\d\d)")), id);
    CHECK(std::stoi(id.substr(1)) == static_cast<int>(c));
    numbers.insert(static_cast<int>(c));
  }
  CHECK(numbers.size() == kRuleCodeCount);
  CHECK(registry().size() == kRuleCodeCount);
}

TEST_CASE("rule codes: a diagnostic's code is its enumerator's code_id") {
  auto r = Engine::load({{"t.rules",
                          "language en\nrule z.w : nonsense\n  match you\n  why \"x\"\n"
                          "  example \"you\"\n  counter \"x\"\n"}});
  CHECK_FALSE(r.engine);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == code_id(RuleCode::unknown_category));
}

}  // namespace coach
