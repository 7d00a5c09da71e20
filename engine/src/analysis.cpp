// Reading safety findings: kind and role from the category. Tested in
// tests/unit/rules_match_test.cpp (safety kinds and roles) and tests/conversations/safety*.json.
#include <algorithm>

#include "coach/analysis.hpp"

namespace coach {

std::string_view safety_kind(const Finding& f) {
  std::string_view c = f.category;
  const auto dot = c.find('.');
  if (dot == std::string_view::npos) return {};
  c.remove_prefix(dot + 1);
  return c.substr(0, c.find('.'));
}

bool by_author(const Finding& f) { return std::string_view(f.category).ends_with(".author"); }

std::string_view safety_role(const Finding& f) {
  if (by_author(f)) return "author";
  if (std::string_view(f.category).ends_with(".other")) return "other";
  return "subject";
}

const std::vector<std::string>& safety_kinds() {
  static const std::vector<std::string> kinds(kSafetyKinds.begin(), kSafetyKinds.end());
  return kinds;
}

std::vector<std::string> kinds_of(const std::vector<Finding>& safety) {
  std::vector<std::string> out;
  for (const auto& k : safety_kinds())
    if (std::any_of(safety.begin(), safety.end(), [&](const Finding& f) { return safety_kind(f) == k; }))
      out.push_back(k);
  return out;
}

}  // namespace coach
