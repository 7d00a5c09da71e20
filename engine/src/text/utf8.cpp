// UTF-8 repair with ICU's U8_NEXT, which rejects overlongs, surrogates and truncation.
// Tested in tests/unit/text_test.cpp.
#include "text/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace coach::text {

Repaired repair_utf8(std::string_view bytes) {
  Repaired out;
  out.text.reserve(bytes.size());
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const std::int32_t n = static_cast<std::int32_t>(bytes.size());
  std::int32_t i = 0, run = 0;  // [run, i): valid bytes not yet copied
  while (i < n) {
    // Eight ASCII bytes at a time: chat is mostly ASCII.
    while (i + 8 <= n) {
      std::uint64_t v;
      std::memcpy(&v, s + i, 8);
      if (v & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const std::int32_t begin = i;
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      out.text.append(bytes.data() + run, static_cast<std::size_t>(begin - run));
      out.text += "\xEF\xBF\xBD";
      ++out.invalid;
      run = i;
    }
  }
  out.text.append(bytes.data() + run, static_cast<std::size_t>(n - run));
  return out;
}

}  // namespace coach::text
