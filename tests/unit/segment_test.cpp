// Differential tests: the UAX #29 fast path (text/segment.cpp) against ICU's word and
// sentence BreakIterators, over a large generated corpus of chat-like and hostile text
// drawn from every class of code point the fast path accepts; then whole utterances
// (tokens, norms, flags, sentences) with and without the fast path.
#include <doctest/doctest.h>

#include <unicode/utf8.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "coach/engine.hpp"
#include "rules/compile.hpp"
#include "rules/parse.hpp"
#include "rules/rule_set.hpp"
#include "text/normalizer.hpp"
#include "text/segment.hpp"

using namespace coach::text;

namespace {


void append(std::string& s, char32_t c) {
  char buf[4];
  std::int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, static_cast<UChar32>(c));
  s.append(buf, static_cast<std::size_t>(n));
}

std::string escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\') out += static_cast<char>(c);
    else {
      char b[8];
      std::snprintf(b, sizeof b, "\\x%02X", c);
      out += b;
    }
  }
  return out;
}

// Fragments that exercise the rules: contractions, numbers, abbreviations, emoji
// sequences (ZWJ, skin tones, flags, keycaps), closing quotes, line breaks.
const std::vector<std::string> kFragments = {
    "don't", "you're", "U.S.", "e.g.", "3.5", "1,000", "a1b2", "foo_bar", "...", "?!", "!!!", "\r\n", "\n\n",
    "\u2019", "\u201Chi\u201D", "\u2026", "\u2014", "\U0001F644", "\u2764\uFE0F", "\U0001F926\U0001F3FD\u200D\u2640\uFE0F",
    "\U0001F1E9\U0001F1EA", "\U0001F1FA\U0001F1F8\U0001F1EB", "1\uFE0F\u20E3", "\U0001F469\u200D\U0001F469\u200D\U0001F467",
    "caf\u00E9", "cafe\u0301", "\u00DCber", "\u0441\u043B\u043E\u0432\u043E", "\u00A0", "\u200B", "\u2028", "(ok.)",
    "\"no.\"", "Mr. Smith", "ok. fine", "ok.Fine", "ok.fine", "wow!you", "3. 5 apples", " - ", "a:b", "x;y"};

char32_t random_code_point(std::mt19937& rng) {
  static const std::string ascii_common =
      "aaaeeiioouunnrrsstthhlldyAEIOUYTSNQ0123456789      .,;:!?'\"-_()[]{}/\\@#$%^&*+=<>|`~\t\n\r\v\f";
  static const char32_t ranges[][2] = {{0x00A0, 0x036F}, {0x0370, 0x052F}, {0x1E00, 0x1FFF}, {0x2000, 0x206F},
                                       {0x20A0, 0x20FF}, {0x2190, 0x2BFF}, {0xFE00, 0xFE0F}, {0x1F000, 0x1FAFF},
                                       {0xE0020, 0xE007F}, {0x0000, 0x007F}};
  const auto r = rng() % 10;
  if (r < 6) return static_cast<unsigned char>(ascii_common[rng() % ascii_common.size()]);
  const auto& range = ranges[rng() % (sizeof ranges / sizeof ranges[0])];
  return range[0] + static_cast<char32_t>(rng() % (range[1] - range[0] + 1));
}

std::string random_text(std::mt19937& rng) {
  std::string s;
  const int parts = 1 + static_cast<int>(rng() % 12);
  for (int p = 0; p < parts; ++p) {
    if (rng() % 3 == 0) {
      s += kFragments[rng() % kFragments.size()];
    } else {
      const int len = 1 + static_cast<int>(rng() % 6);
      for (int i = 0; i < len; ++i) {
        char32_t c = random_code_point(rng);
        if (c >= 0xD800 && c <= 0xDFFF) c = 'x';
        if (c == 0) c = ' ';
        append(s, c);
      }
    }
  }
  return s;
}

}  // namespace

TEST_CASE("fast boundaries equal ICU's on a large generated corpus") {
  std::mt19937 rng(20261122);
  int compared = 0, declined = 0, mismatches = 0;
  std::vector<std::int32_t> w, s, iw, is;
  for (int n = 0; n < 150000; ++n) {
    const std::string text = random_text(rng);
    if (!fast_boundaries(text, w, s)) {
      ++declined;
      continue;
    }
    ++compared;
    icu_boundaries(text, iw, is);
    if (w != iw || s != is) {
      if (++mismatches <= 10) {
        INFO("text: " << escape(text));
        CHECK(w == iw);
        CHECK(s == is);
      }
    }
  }
  CHECK(mismatches == 0);
  CHECK(compared > 140000);  // the generator stays inside the supported set
  MESSAGE("compared " << compared << ", declined " << declined);
}

TEST_CASE("the fast path declines what it does not handle") {
  std::vector<std::int32_t> w, s;
  CHECK_FALSE(fast_boundaries("\u65E5\u672C\u8A9E", w, s));          // Han: dictionary segmentation
  CHECK_FALSE(fast_boundaries("\u0E20\u0E32\u0E29\u0E32\u0E44\u0E17\u0E22", w, s));  // Thai
  CHECK_FALSE(fast_boundaries("\u05E9\u05DC\u05D5\u05DD", w, s));    // Hebrew letters
  CHECK_FALSE(fast_boundaries("\u30AB\u30BF\u30AB\u30CA", w, s));    // Katakana
  CHECK(fast_boundaries("", w, s));
  CHECK(w == std::vector<std::int32_t>{0});  // as ICU reports an empty text
  CHECK(s == std::vector<std::int32_t>{0});
  CHECK(fast_boundaries("you never listen \U0001F644", w, s));
  CHECK(w == std::vector<std::int32_t>{0, 3, 4, 9, 10, 16, 17, 21});
  CHECK(s == std::vector<std::int32_t>{0, 21});
}

TEST_CASE("the normalizer's utterances are identical with and without the fast path") {
  std::vector<coach::rules::ParsedFile> files;
  std::vector<coach::Diagnostic> d;
  for (auto& s : coach::Engine::builtin_sources("en")) files.push_back(coach::rules::parse_file(s.name, s.text, d));
  auto set = coach::rules::compile(files, d);
  REQUIRE(set);
  const Normalizer& fast = set->normalizer;
  Normalizer icu = set->normalizer;
  icu.set_icu_only(true);
  std::mt19937 rng(7);
  int mismatches = 0;
  for (int n = 0; n < 60000; ++n) {
    const std::string text = random_text(rng);
    if (!(fast.analyze(text) == icu.analyze(text)) && ++mismatches <= 5) {
      INFO("text: " << escape(text));
      CHECK(false);
    }
  }
  CHECK(mismatches == 0);
}
