// UAX #29 word (WB1-WB999) and sentence (SB1-SB998) boundaries over code point classes
// taken from ICU's properties. Tested in tests/unit/segment_test.cpp (differential
// against icu::BreakIterator).
#include "text/segment.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <span>

namespace coach::text {
namespace {

struct Cp {
  std::uint32_t at;  // byte offset
  std::uint8_t wb, sb;
  bool pict;  // Extended_Pictographic
};

struct Props {
  std::uint8_t wb, sb;
  bool pict;
  bool supported = true;
  bool event = false;  // a sentence terminator or line break (sb_event)
};

// ICU's root word rules tailor UAX #29 (from CLDR): '@' counts as a letter (handles and
// addresses stay one word) and the colon is not MidLetter.
Props props_of(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  Props p{static_cast<std::uint8_t>(u_getIntPropertyValue(u, UCHAR_WORD_BREAK)),
          static_cast<std::uint8_t>(u_getIntPropertyValue(u, UCHAR_SENTENCE_BREAK)),
          u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC) != 0};
  if (c == '@') p.wb = U_WB_ALETTER;
  if (c == ':' || c == 0xFE55 || c == 0xFF1A) p.wb = U_WB_OTHER;
  p.event = p.sb == U_SB_ATERM || p.sb == U_SB_STERM || p.sb == U_SB_SEP || p.sb == U_SB_CR || p.sb == U_SB_LF;
  return p;
}

// ASCII classes come from the same ICU properties, read once.
const Props* ascii_props() {
  static const auto table = [] {
    static Props t[128];
    for (char32_t c = 0; c < 128; ++c) t[c] = props_of(c);
    return t;
  }();
  return table;
}

// Blocks without dictionary segmentation or script-specific rules.
constexpr char32_t kRanges[][2] = {
    {0x00A0, 0x036F},    // Latin-1, Latin Extended-A/B, IPA, spacing and combining marks
    {0x0370, 0x052F},    // Greek, Cyrillic
    {0x1E00, 0x1FFF},    // Latin Extended Additional, Greek Extended
    {0x2000, 0x206F},    // general punctuation (quotes, dashes, ellipsis, ZWJ, separators)
    {0x20A0, 0x20FF},    // currency, combining marks for symbols (keycap)
    {0x2190, 0x2BFF},    // arrows, technical, dingbats, symbols
    {0xFE00, 0xFE0F},    // variation selectors
    {0x1F000, 0x1FAFF},  // emoji, regional indicators, skin tones
    {0xE0020, 0xE007F},  // tags (flag sequences)
};

bool supported_props(const Props& p) {
  if (p.wb >= 32) return false;
  switch (p.wb) {
    case U_WB_KATAKANA: case U_WB_HEBREW_LETTER: case U_WB_E_BASE: case U_WB_E_BASE_GAZ:
    case U_WB_E_MODIFIER: case U_WB_GLUE_AFTER_ZWJ:
      return false;
    default:
      return true;
  }
}

bool in_ranges(char32_t c) {
  for (const auto& r : kRanges)
    if (c >= r[0] && c <= r[1]) return true;
  return false;
}

// Non-ASCII lookups go through a small direct-mapped cache: chat repeats its emoji.
Props cached_props(char32_t c) {
  struct Entry {
    char32_t c = 0;  // 0: empty (never a non-ASCII code point)
    Props p{};
  };
  thread_local Entry cache[256];
  Entry& e = cache[(c ^ (c >> 8)) & 255];
  if (e.c != c) {
    e.c = c;
    e.p = props_of(c);
    e.p.supported = in_ranges(c) && supported_props(e.p);
  }
  return e.p;
}

struct Decoded {
  std::vector<Cp> cps;  // the first `count` are the text's code points
  std::size_t count = 0;
  bool any_ignorable = false;  // Extend, Format or ZWJ somewhere: WB4 applies
  bool any_sentence_end = false;  // a terminator or a line break somewhere
};

bool wb_ignorable(std::uint8_t wb);

bool decode(std::string_view text, Decoded& d) {
  static const Props* const ascii = ascii_props();
  auto& cps = d.cps;
  if (cps.size() < text.size()) cps.resize(text.size());  // at most one code point per byte
  Cp* out = cps.data();
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  bool sentence_end = false, ignorable = false;
  for (std::int32_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      const Props& p = ascii[s[i]];
      *out++ = {static_cast<std::uint32_t>(i), p.wb, p.sb, p.pict};
      sentence_end |= p.event;
      ++i;
      continue;
    }
    const auto at = static_cast<std::uint32_t>(i);
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
    const Props p = cached_props(static_cast<char32_t>(c));
    if (!p.supported) return false;
    *out++ = {at, p.wb, p.sb, p.pict};
    sentence_end |= p.event;
    ignorable = ignorable || wb_ignorable(p.wb) || p.sb == U_SB_EXTEND || p.sb == U_SB_FORMAT;
  }
  d.count = static_cast<std::size_t>(out - cps.data());
  d.any_sentence_end = sentence_end;
  d.any_ignorable = ignorable;
  return true;
}

bool is_newline(std::uint8_t wb) { return wb == U_WB_CR || wb == U_WB_LF || wb == U_WB_NEWLINE; }
bool wb_ignorable(std::uint8_t wb) { return wb == U_WB_EXTEND || wb == U_WB_FORMAT || wb == U_WB_ZWJ; }
bool ahletter(int wb) { return wb == U_WB_ALETTER || wb == U_WB_HEBREW_LETTER; }
bool mid_letter_q(int wb) { return wb == U_WB_MIDLETTER || wb == U_WB_MIDNUMLET || wb == U_WB_SINGLE_QUOTE; }
bool mid_num_q(int wb) { return wb == U_WB_MIDNUM || wb == U_WB_MIDNUMLET || wb == U_WB_SINGLE_QUOTE; }

// WB4: a run of Extend/Format/ZWJ belongs to the character before it, except after a
// line break or at the start. base[i] is the index whose class cps[i] takes.
struct WordContext {
  std::vector<std::uint32_t> base;
};

// `ctx` is null when the text has no Extend/Format/ZWJ: every character is its own base.
bool word_break_before(std::span<const Cp> cps, const WordContext* ctx, std::size_t i) {
  const Cp& a = cps[i - 1];
  const Cp& b = cps[i];
  if (a.wb == U_WB_CR && b.wb == U_WB_LF) return false;                // WB3
  if (is_newline(a.wb) || is_newline(b.wb)) return true;               // WB3a, WB3b
  if (a.wb == U_WB_ZWJ && b.pict) return false;                        // WB3c
  if (a.wb == U_WB_WSEGSPACE && b.wb == U_WB_WSEGSPACE) return false;  // WB3d
  auto base = [&](std::size_t k) { return ctx ? ctx->base[k] : static_cast<std::uint32_t>(k); };
  if (base(i) != i) return false;  // WB4
  const std::uint32_t lb = base(i - 1);
  const int left = cps[lb].wb;
  const int left2 = lb > 0 ? cps[base(lb - 1)].wb : -1;
  const int right = b.wb;
  std::size_t k = i + 1;
  while (k < cps.size() && base(k) != k) ++k;
  const int right2 = k < cps.size() ? cps[k].wb : -1;
  if (ahletter(left) && ahletter(right)) return false;                                       // WB5
  if (ahletter(left) && mid_letter_q(right) && ahletter(right2)) return false;               // WB6
  if (ahletter(left2) && mid_letter_q(left) && ahletter(right)) return false;                // WB7
  if (left == U_WB_NUMERIC && right == U_WB_NUMERIC) return false;                           // WB8
  if (ahletter(left) && right == U_WB_NUMERIC) return false;                                 // WB9
  if (left == U_WB_NUMERIC && ahletter(right)) return false;                                 // WB10
  if (left2 == U_WB_NUMERIC && mid_num_q(left) && right == U_WB_NUMERIC) return false;       // WB11
  if (left == U_WB_NUMERIC && mid_num_q(right) && right2 == U_WB_NUMERIC) return false;      // WB12
  if ((ahletter(left) || left == U_WB_NUMERIC || left == U_WB_EXTENDNUMLET) && right == U_WB_EXTENDNUMLET)
    return false;                                                                            // WB13a
  if (left == U_WB_EXTENDNUMLET && (ahletter(right) || right == U_WB_NUMERIC)) return false;  // WB13b
  if (left == U_WB_REGIONAL_INDICATOR && right == U_WB_REGIONAL_INDICATOR) {                 // WB15, WB16
    std::uint32_t run = 0;  // regional indicators ending at the left base
    for (std::uint32_t j = lb;; j = base(j - 1)) {
      if (cps[j].wb != U_WB_REGIONAL_INDICATOR) break;
      ++run;
      if (j == 0) break;
    }
    if (run % 2 == 1) return false;
  }
  return true;  // WB999
}

// Most adjacent pairs decide a word boundary on their own; the rest (middle punctuation,
// regional indicators, ZWJ, anything after Extend/Format) need the full rules.
enum Decision : std::uint8_t { kBreak, kKeep, kContext };
constexpr int kWbValues = 32;  // above every Word_Break value (supported_props checks)

Decision pair_decision(int a, int b) {
  if (a == U_WB_CR && b == U_WB_LF) return kKeep;
  if (is_newline(static_cast<std::uint8_t>(a)) || is_newline(static_cast<std::uint8_t>(b))) return kBreak;
  if (a == U_WB_ZWJ || wb_ignorable(static_cast<std::uint8_t>(a))) return kContext;
  if (a == U_WB_WSEGSPACE && b == U_WB_WSEGSPACE) return kKeep;
  if (wb_ignorable(static_cast<std::uint8_t>(b))) return kKeep;
  if (mid_letter_q(a) || mid_num_q(a) || mid_letter_q(b) || mid_num_q(b)) return kContext;
  if (a == U_WB_REGIONAL_INDICATOR && b == U_WB_REGIONAL_INDICATOR) return kContext;
  const bool letter_or_num_a = ahletter(a) || a == U_WB_NUMERIC;
  const bool letter_or_num_b = ahletter(b) || b == U_WB_NUMERIC;
  if (letter_or_num_a && letter_or_num_b) return kKeep;                                  // WB5, WB8-WB10
  if ((letter_or_num_a || a == U_WB_EXTENDNUMLET) && b == U_WB_EXTENDNUMLET) return kKeep;  // WB13a
  if (a == U_WB_EXTENDNUMLET && letter_or_num_b) return kKeep;                            // WB13b
  return kBreak;
}

const std::uint8_t* pair_table() {
  static const auto table = [] {
    static std::uint8_t t[kWbValues * kWbValues];
    for (int a = 0; a < kWbValues; ++a)
      for (int b = 0; b < kWbValues; ++b) t[a * kWbValues + b] = pair_decision(a, b);
    return t;
  }();
  return table;
}

void build_context(std::span<const Cp> cps, WordContext& ctx) {
  const std::size_t n = cps.size();
  ctx.base.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const bool absorbed = i > 0 && wb_ignorable(cps[i].wb) && !is_newline(cps[i - 1].wb);
    ctx.base[i] = absorbed ? ctx.base[i - 1] : static_cast<std::uint32_t>(i);
  }
}

void word_boundaries(std::span<const Cp> cps, bool ignorables, std::uint32_t size,
                     std::vector<std::int32_t>& out) {
  thread_local WordContext ctx;
  static const std::uint8_t* const table = pair_table();
  const WordContext* context = nullptr;
  if (ignorables) {
    build_context(cps, ctx);
    context = &ctx;
  }
  out.resize(cps.size() + 2);  // 0, a break before each later code point, the end
  std::int32_t* o = out.data();
  *o++ = 0;
  for (std::size_t i = 1; i < cps.size(); ++i) {
    // Written unconditionally, kept by advancing: breaks come every few characters, a
    // branch on them would mispredict.
    auto d = table[cps[i - 1].wb * kWbValues + cps[i].wb];
    if (d == kContext) d = word_break_before(cps, context, i) ? kBreak : kKeep;
    *o = static_cast<std::int32_t>(cps[i].at);
    o += d == kBreak;
  }
  *o++ = static_cast<std::int32_t>(size);
  out.resize(static_cast<std::size_t>(o - out.data()));
}

// Sentences: SB5 folds Extend/Format into the character before; the rules then run over
// the remaining characters ("bases").
bool para_sep(int sb) { return sb == U_SB_SEP || sb == U_SB_CR || sb == U_SB_LF; }
bool sa_term(int sb) { return sb == U_SB_ATERM || sb == U_SB_STERM; }

// After the terminator at bases[i]: the index where its sentence ends (a break goes before
// it), or `i + 1`-style continuation signalled by returning `keep` = true and `next`.
struct TermResult {
  bool brk;
  std::size_t next;
};

TermResult after_terminator(const std::vector<std::uint8_t>& cls, std::size_t i) {
  const std::size_t m = cls.size();
  const int c = cls[i];
  const std::size_t j = i + 1;
  if (c == U_SB_ATERM && j < m && cls[j] == U_SB_NUMERIC) return {false, j};  // SB6
  if (c == U_SB_ATERM && i > 0 && (cls[i - 1] == U_SB_UPPER || cls[i - 1] == U_SB_LOWER) && j < m &&
      cls[j] == U_SB_UPPER)
    return {false, j};  // SB7
  std::size_t k = j;
  while (k < m && cls[k] == U_SB_CLOSE) ++k;
  while (k < m && cls[k] == U_SB_SP) ++k;
  if (c == U_SB_ATERM) {  // SB8: a lower-case letter ahead continues the sentence
    std::size_t q = k;
    while (q < m && cls[q] != U_SB_OLETTER && cls[q] != U_SB_UPPER && cls[q] != U_SB_LOWER && !para_sep(cls[q]) &&
           !sa_term(cls[q]))
      ++q;
    if (q < m && cls[q] == U_SB_LOWER) return {false, q};
  }
  if (k < m && (cls[k] == U_SB_SCONTINUE || sa_term(cls[k]))) return {false, k};  // SB8a
  if (k < m && para_sep(cls[k])) {                                                   // SB9-SB11
    if (cls[k] == U_SB_CR && k + 1 < m && cls[k + 1] == U_SB_LF) ++k;
    ++k;
  }
  return {true, k};
}

void sentence_boundaries(std::span<const Cp> cps, std::uint32_t size, std::vector<std::int32_t>& out) {
  thread_local std::vector<std::uint8_t> cls;
  thread_local std::vector<std::uint32_t> at;
  cls.resize(cps.size());
  at.resize(cps.size());
  std::size_t m = 0;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    const bool ignorable = cps[i].sb == U_SB_EXTEND || cps[i].sb == U_SB_FORMAT;
    cls[m] = cps[i].sb;
    at[m] = cps[i].at;
    m += !(ignorable && i > 0 && !para_sep(cps[i - 1].sb));
  }
  cls.resize(m);
  out.clear();
  out.push_back(0);
  for (std::size_t i = 0; i < m;) {
    const int c = cls[i];
    if (para_sep(c)) {  // SB3, SB4
      std::size_t k = i + 1;
      if (c == U_SB_CR && k < m && cls[k] == U_SB_LF) ++k;
      if (k < m) out.push_back(static_cast<std::int32_t>(at[k]));
      i = k;
      continue;
    }
    if (!sa_term(c)) {
      ++i;
      continue;
    }
    const TermResult r = after_terminator(cls, i);
    if (r.brk && r.next < m) out.push_back(static_cast<std::int32_t>(at[r.next]));
    i = r.next;
  }
  out.push_back(static_cast<std::int32_t>(size));
}

// ICU's iterators: the fallback for what the fast path declines, and the reference.
// BreakIterator creation is costly and instances are not thread-safe: one per thread.
icu::BreakIterator& word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode st = U_ZERO_ERROR;
    return std::unique_ptr<icu::BreakIterator>(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
  }();
  return *it;
}

icu::BreakIterator& sentence_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode st = U_ZERO_ERROR;
    return std::unique_ptr<icu::BreakIterator>(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), st));
  }();
  return *it;
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

void boundaries(icu::BreakIterator& it, UText* ut, std::vector<std::int32_t>& out) {
  UErrorCode st = U_ZERO_ERROR;
  it.setText(ut, st);
  out.clear();
  if (U_FAILURE(st)) return;
  for (std::int32_t b = it.first(); b != icu::BreakIterator::DONE; b = it.next()) out.push_back(b);
}

}  // namespace

void icu_boundaries(const std::string& text, std::vector<std::int32_t>& words, std::vector<std::int32_t>& sents) {
  words.clear();
  sents.clear();
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<std::int64_t>(text.size()), &st));
  if (U_FAILURE(st)) return;
  boundaries(word_iterator(), ut.get(), words);
  boundaries(sentence_iterator(), ut.get(), sents);
}


bool fast_path_supports(char32_t c) { return c < 0x80 || cached_props(c).supported; }

bool fast_boundaries(std::string_view text, std::vector<std::int32_t>& words, std::vector<std::int32_t>& sentences) {
  if (text.empty()) {  // as ICU: the single boundary 0
    words.assign({0});
    sentences.assign({0});
    return true;
  }
  thread_local Decoded d;
  if (!decode(text, d)) return false;
  const auto size = static_cast<std::uint32_t>(text.size());
  const std::span<const Cp> cps(d.cps.data(), d.count);
  word_boundaries(cps, d.any_ignorable, size, words);
  if (d.any_sentence_end || d.any_ignorable) {
    sentence_boundaries(cps, size, sentences);
  } else {  // SB998 everywhere: one sentence
    sentences.assign({0, static_cast<std::int32_t>(size)});
  }
  return true;
}

}  // namespace coach::text
