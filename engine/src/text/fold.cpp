// NFKC_Casefold folding with an ASCII fast path. Tested in tests/unit/text_test.cpp.
#include "text/fold.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace coach::text {
namespace {

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// U+2018, U+2019, U+02BC and the backtick all stand for an apostrophe in chat text.
void normalize_apostrophes(std::string& s) {
  static constexpr std::string_view quotes[] = {"\u2019", "\u2018", "\u02BC"};
  for (auto q : quotes) {
    for (auto pos = s.find(q); pos != std::string::npos; pos = s.find(q, pos + 1))
      s.replace(pos, q.size(), "'");
  }
  for (char& c : s)
    if (c == '`') c = '\'';
}

}  // namespace

std::string fold(std::string_view utf8) {
  std::string out;
  fold_into(out, utf8);
  return out;
}

void fold_into(std::string& out, std::string_view utf8) {
  if (is_ascii(utf8)) {  // the typographic quotes are not ASCII: only the backtick remains
    out.assign(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      else if (c == '`') c = '\'';
    }
    return;
  }
  // Non-ASCII: chat repeats the same few emoji and accented words; a small per-thread
  // cache spares ICU's normalizer (UTF-16 round trip) for them.
  struct Entry {
    std::string key, value;
  };
  thread_local Entry cache[64];
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : utf8) h = (h ^ c) * 1099511628211ull;
  Entry& slot = cache[(h ^ (h >> 29)) & 63];
  if (slot.key.size() == utf8.size() && slot.key == utf8 && !slot.key.empty()) {
    out = slot.value;
    return;
  }
  {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    icu::UnicodeString src = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
    icu::UnicodeString dst;
    if (U_SUCCESS(status)) nfkc_cf->normalize(src, dst, status);
    if (U_FAILURE(status)) dst = src.foldCase();
    out.clear();
    dst.toUTF8String(out);
  }
  normalize_apostrophes(out);
  if (utf8.size() <= 64) {  // short tokens only: the cache stays small
    slot.key.assign(utf8);
    slot.value = out;
  }
}

}  // namespace coach::text
