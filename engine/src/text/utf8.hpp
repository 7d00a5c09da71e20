// UTF-8 validation and repair: every ill-formed sequence becomes U+FFFD.
// Tested in tests/unit/text_test.cpp ("utf8 repair").
#pragma once
#include <string>
#include <string_view>

namespace coach::text {

struct Repaired {
  std::string text;
  std::size_t invalid = 0;  // ill-formed sequences replaced
};

Repaired repair_utf8(std::string_view bytes);

}  // namespace coach::text
