// Folders to search for a data file set: those in a ':'-separated environment variable,
// then the Debian default. Shared by the Hunspell dictionaries (speller.cpp) and WordNet
// (inflect.cpp). Tested through tests/unit/spelling_test.cpp and inflect_test.cpp.
#pragma once
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace coach::text {

// `empty_turns_off`: the variable set to "" means no folder at all, not even the default.
inline std::vector<std::string> search_dirs(const char* env_name, const char* fallback, bool empty_turns_off) {
  std::vector<std::string> dirs;
  if (const char* env = std::getenv(env_name)) {
    std::string_view s(env);
    if (s.empty() && empty_turns_off) return {};
    while (!s.empty()) {
      const auto colon = s.find(':');
      if (colon != 0) dirs.emplace_back(s.substr(0, colon));
      if (colon == std::string_view::npos) break;
      s.remove_prefix(colon + 1);
    }
  }
  dirs.emplace_back(fallback);
  return dirs;
}

}  // namespace coach::text
