// Limits on JSON that comes from outside. Parsing is iterative, but copying and writing
// JSON values recurse: a value nested 50k deep would exhaust the stack. Every front end
// (stdio, HTTP, the C ABI) and every loader checks the nesting before parsing.
// Tested in tests/hostile.
#pragma once
#include <string_view>

namespace coach {

inline constexpr int kMaxJsonNesting = 64;

// True when arrays/objects nest deeper than `max` (brackets inside strings do not count).
inline bool json_too_deep(std::string_view text, int max = kMaxJsonNesting) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace coach
