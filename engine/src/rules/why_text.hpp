// A rule's `why` text and its placeholders ({match}, {capture}): one scanner for the compiler's
// check (R110, compile.cpp) and the policy stage that fills them in (analysis/policy.cpp).
// Coaching-script templates have their own syntax with filters and defaults (dialog/template.cpp).
// Tested in tests/golden (R110) and tests/unit/rules_match_test.cpp (captures in `why`).
#pragma once
#include <string>
#include <string_view>

namespace coach::rules {

// Calls on_text(literal) and on_slot(name) in order over `why`. An unterminated '{' is literal.
template <class OnText, class OnSlot>
void scan_why(std::string_view why, OnText on_text, OnSlot on_slot) {
  for (std::size_t i = 0; i < why.size();) {
    const auto open = why.find('{', i);
    const auto close = open == std::string_view::npos ? open : why.find('}', open);
    if (close == std::string_view::npos) {
      on_text(why.substr(i));
      return;
    }
    if (open > i) on_text(why.substr(i, open - i));
    on_slot(why.substr(open + 1, close - open - 1));
    i = close + 1;
  }
}

}  // namespace coach::rules
