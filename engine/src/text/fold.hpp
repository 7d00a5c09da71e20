// Per-token folding: NFKC + case folding (ICU NFKC_Casefold), and typographic
// apostrophes to ASCII. Tested in tests/unit/text_test.cpp ("folding").
#pragma once
#include <string>
#include <string_view>

namespace coach::text {

// NFKC_Casefold also drops default-ignorables (ZWJ, variation selectors), so emoji
// written with or without U+FE0F fold to the same string; patterns are folded the same way.
std::string fold(std::string_view utf8);
// The same, into `out` (its buffer reused).
void fold_into(std::string& out, std::string_view utf8);

}  // namespace coach::text
