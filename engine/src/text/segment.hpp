// Word and sentence boundaries by the rules of UAX #29, without ICU's break iterators,
// for text made only of code points this file supports (ASCII, Latin, Greek, Cyrillic,
// general punctuation, symbols and emoji); ICU's character properties still decide
// each code point's class. For anything else (dictionary scripts, Hebrew, Katakana...)
// it declines and the caller runs ICU's BreakIterator. The results must equal ICU's:
// tests/unit/segment_test.cpp compares both over a large generated corpus.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coach::text {

// Boundaries as ICU reports them: 0, every break, text.size(). Returns false (outputs
// unspecified) when the text holds a code point outside the supported set. `text`
// must be valid UTF-8.
bool fast_boundaries(std::string_view text, std::vector<std::int32_t>& words,
                     std::vector<std::int32_t>& sentences);

// The same from ICU's word and sentence BreakIterators (one per thread): the fallback,
// and the reference the tests compare the fast path with.
void icu_boundaries(const std::string& text, std::vector<std::int32_t>& words, std::vector<std::int32_t>& sentences);

// Whether fast_boundaries handles this code point (for tests).
bool fast_path_supports(char32_t c);

}  // namespace coach::text
