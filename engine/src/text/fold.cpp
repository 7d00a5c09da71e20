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
  if (is_ascii(utf8)) {  // the typographic quotes are not ASCII: only the backtick remains
    out.assign(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      else if (c == '`') c = '\'';
    }
    return out;
  } else {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    icu::UnicodeString src = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
    icu::UnicodeString dst;
    if (U_SUCCESS(status)) nfkc_cf->normalize(src, dst, status);
    if (U_FAILURE(status)) dst = src.foldCase();
    dst.toUTF8String(out);
  }
  normalize_apostrophes(out);
  return out;
}

}  // namespace coach::text
