// Tokenization: UAX #29 word and sentence boundaries (segment.cpp, or ICU's
// BreakIterators over UTF-8 UText for text it declines), then folding, substitution and flags. Tested in tests/unit/text_test.cpp.
#include "text/normalizer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "text/fold.hpp"
#include "text/segment.hpp"
#include "text/utf8.hpp"

namespace coach::text {
namespace {


enum AsciiBits : std::uint8_t {
  kSpace = 1, kAlpha = 2, kUpper = 4, kLower = 8, kDigit = 16, kExclaim = 32, kQuestion = 64
};

// The same ICU predicates as below, read once for ASCII.
const std::uint8_t* ascii_bits() {
  static const auto table = [] {
    static std::uint8_t t[128];
    for (UChar32 c = 0; c < 128; ++c)
      t[c] = static_cast<std::uint8_t>((u_isUWhiteSpace(c) || c == 0 ? kSpace : 0) | (u_isalpha(c) ? kAlpha : 0) |
                                       (u_isalpha(c) && u_isupper(c) ? kUpper : 0) |
                                       (u_isalpha(c) && u_islower(c) ? kLower : 0) | (u_isdigit(c) ? kDigit : 0) |
                                       (c == '!' ? kExclaim : 0) | (c == '?' ? kQuestion : 0));
    return t;
  }();
  return table;
}

SegmentInfo inspect(std::string_view seg) {
  SegmentInfo info;
  const auto* s = reinterpret_cast<const std::uint8_t*>(seg.data());
  const std::int32_t n = static_cast<std::int32_t>(seg.size());
  static const std::uint8_t* const ascii = ascii_bits();
  // ASCII prefix: OR the bits together (no emoji, no U+FFFD here).
  std::int32_t i = 0;
  unsigned any = 0, all = 0xFF, upper = 0;
  for (; i < n && s[i] < 0x80; ++i) {
    const unsigned bits = ascii[s[i]];
    any |= bits;
    all &= bits;
    upper += (bits >> 2) & 1u;
  }
  info.code_points = i;
  if (n > 0 && s[0] < 0x80) {
    info.initial_upper = (ascii[s[0]] >> 2) & 1u;
  } else if (n > 0) {
    std::int32_t j = 0;
    UChar32 c0 = 0;
    U8_NEXT(s, j, n, c0);
    info.initial_upper = c0 > 0 && u_isupper(c0);
  }
  info.space = i == 0 || (all & kSpace);
  info.letters = any & kAlpha;
  info.upper = static_cast<int>(upper);
  info.has_lower = any & kLower;
  info.digits = any & kDigit;
  info.exclaim = any & kExclaim;
  info.question = any & kQuestion;
  while (i < n) {
    if (s[i] < 0x80) {
      const std::uint8_t bits = ascii[s[i]];
      ++info.code_points;
      if (!(bits & kSpace)) info.space = false;
      if (bits & kAlpha) {
        info.letters = true;
        if (bits & kUpper) ++info.upper;
        if (bits & kLower) info.has_lower = true;
      }
      if (bits & kDigit) info.digits = true;
      if (bits & kExclaim) info.exclaim = true;
      if (bits & kQuestion) info.question = true;
      ++i;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    ++info.code_points;
    if (c < 0) continue;
    if (!u_isUWhiteSpace(c)) info.space = false;
    if (c == 0xFFFD) info.repaired = true;
    if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) && c > 0x7F) info.emoji = true;
    if (u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR)) info.emoji = true;
    if (u_isalpha(c)) {
      info.letters = true;
      if (u_isupper(c)) ++info.upper;
      if (u_islower(c)) info.has_lower = true;
    }
    if (u_isdigit(c)) info.digits = true;
    if (c == '!' || c == 0xFF01) info.exclaim = true;
    if (c == '?' || c == 0xFF1F) info.question = true;
  }
  return info;
}

bool is_terminal(std::string_view punct) {
  return punct.find_first_of(".!?") != std::string_view::npos || punct.find("\u2026") != std::string_view::npos;
}

// "..." or "…" trailing into a lower-case word ("pay for that... with a coffee") is a
// pause, not a sentence end.
bool is_pause(std::string_view punct, std::string_view next) {
  if (punct.find_first_of("!?") != std::string_view::npos) return false;
  const bool dots = punct.find("..") != std::string_view::npos || punct.find("\u2026") != std::string_view::npos;
  return dots && !next.empty() && next[0] >= 'a' && next[0] <= 'z';
}

// Sentences as token ranges. ICU's UAX #29 rules keep "hurts. you" together (a lower-case
// letter after a period suggests an abbreviation); chat is mostly lower-case, so a
// terminal punctuation run followed by a space also ends a sentence.
// "(34F)", "[22m]", "(M30)", "(23)": the age and gender tags of advice-forum posts sit
// inside the words they qualify ("my(34F) phone"); they say nothing about the message
// and would block every pattern across them, so they are dropped, and so is the
// apostrophe of a plural possessive ("the kids' school").
bool is_age_tag(const Token& t) {
  const std::string& w = t.norm;
  if (w.empty() || w.size() > 3) return false;
  std::size_t digits = 0, letters = 0;
  for (char c : w) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == 'm' || c == 'f') ++letters;
    else return false;
  }
  if (digits < 1 || digits > 2 || letters > 1) return false;
  return letters == 0 || w.front() == 'm' || w.front() == 'f' || w.back() == 'm' || w.back() == 'f';
}

// An opening quotation mark ("try it", 'visit', “no”: a run of quote marks alone, touching
// the next word and not the previous one) starts reported speech, not a break in it: kept,
// it would stop every pattern that runs into the quoted words (he'll "sort her out").
// The closing mark stays a token: it ends the quoted phrase as other punctuation does
// ("or else" and left).
bool is_quote_run(const Token& t) {
  if (t.kind != TokenKind::punct || t.norm.empty()) return false;
  static constexpr std::string_view quotes[] = {"\"", "'", "`", "\u201C", "\u201D", "\u201E", "\u00AB", "\u00BB"};
  std::string_view rest = t.norm;
  while (!rest.empty()) {
    const auto it = std::find_if(std::begin(quotes), std::end(quotes), [&](std::string_view q) { return rest.starts_with(q); });
    if (it == std::end(quotes)) return false;
    rest.remove_prefix(it->size());
  }
  return true;
}

void drop_transparent(Utterance& u) {
  auto is = [&](std::size_t i, std::string_view p) {
    return i < u.tokens.size() && u.tokens[i].kind == TokenKind::punct && u.tokens[i].norm == p;
  };
  std::size_t kept = 0;
  for (std::size_t i = 0; i < u.tokens.size(); ++i) {
    if ((is(i, "(") && i + 2 < u.tokens.size() && is_age_tag(u.tokens[i + 1]) && is(i + 2, ")")) ||
        (is(i, "[") && i + 2 < u.tokens.size() && is_age_tag(u.tokens[i + 1]) && is(i + 2, "]"))) {
      i += 2;
      continue;
    }
    // The apostrophe of a plural possessive ("the kids' school") is not punctuation.
    if (is(i, "'") && i > 0 && u.tokens[i - 1].kind == TokenKind::word && u.tokens[i - 1].end == u.tokens[i].start &&
        u.tokens[i - 1].norm.ends_with('s') && (i + 1 == u.tokens.size() || u.tokens[i + 1].start > u.tokens[i].end))
      continue;
    if (is_quote_run(u.tokens[i]) && i + 1 < u.tokens.size() && u.tokens[i + 1].start == u.tokens[i].end &&
        (i == 0 || u.tokens[i - 1].end < u.tokens[i].start)) {
      u.tokens[i + 1].flags |= flag_quoted;  // `<quoted>` still sees where the quotation starts
      continue;
    }
    if (kept != i) u.tokens[kept] = std::move(u.tokens[i]);
    ++kept;
  }
  u.tokens.resize(kept);
}

void split_sentences(Utterance& u) {
  thread_local std::vector<std::uint32_t> icu;
  icu.resize(u.tokens.size());
  for (std::size_t i = 0; i < u.tokens.size(); ++i) icu[i] = u.tokens[i].sentence;
  std::uint32_t idx = 0;
  for (std::uint32_t i = 0; i < u.tokens.size(); ++i) {
    if (i > 0) {
      const Token& prev = u.tokens[i - 1];
      const bool icu_break = icu[i] != icu[i - 1];
      const std::string_view punct = std::string_view(u.text).substr(prev.start, prev.end - prev.start);
      const std::string_view next = std::string_view(u.text).substr(u.tokens[i].start, 1);
      // A period glued between two words was split off a run-on ("me.One"): it ends a sentence too.
      const bool glued = prev.kind == TokenKind::punct && punct == "." && i >= 2 && prev.end == u.tokens[i].start &&
                         u.tokens[i - 2].kind == TokenKind::word && u.tokens[i - 2].end == prev.start &&
                         u.tokens[i].kind == TokenKind::word;
      const bool chat_break = prev.kind == TokenKind::punct && (prev.end < u.tokens[i].start || glued) &&
                              is_terminal(punct) && !is_pause(punct, next);
      if (icu_break || chat_break) {
        u.sentences.back().last = i;
        ++idx;
      }
    }
    if (u.sentences.size() == idx) u.sentences.push_back({i, i});
    u.tokens[i].sentence = idx;
  }
  if (!u.sentences.empty()) u.sentences.back().last = static_cast<std::uint32_t>(u.tokens.size());
}

}  // namespace

// One word-iterator segment becomes a token, a run of punctuation, or several tokens
// after a substitution ("don't" -> "do", "not"), all sharing the segment's span.
void Normalizer::add_segment(Utterance& u, std::uint32_t b, std::uint32_t e, std::uint32_t sentence,
                             const SegmentInfo& info, bool& last_was_punct) const {
  const std::string_view seg(u.text.data() + b, e - b);
  TokenKind kind = TokenKind::punct;
  if (info.emoji) kind = TokenKind::emoji;
  else if (info.letters || info.repaired) kind = TokenKind::word;  // U+FFFD stands for unknown text
  else if (info.digits) kind = TokenKind::number;
  std::uint16_t flags = 0;

  const bool was_punct = last_was_punct;
  last_was_punct = kind == TokenKind::punct;
  if (kind == TokenKind::punct) {
    if (info.exclaim) flags |= flag_exclaim;
    if (info.question) flags |= flag_question;
    if (was_punct && !u.tokens.empty() && u.tokens.back().end == b && u.tokens.back().sentence == sentence) {
      Token& prev = u.tokens.back();
      prev.end = e;
      prev.flags |= flags;
      prev.punct_len = static_cast<std::uint16_t>(std::min(65535, prev.punct_len + info.code_points));
      fold_into(prev.norm, std::string_view(u.text.data() + prev.start, prev.end - prev.start));
      return;
    }
  } else if (kind == TokenKind::word && info.upper >= 2 && !info.has_lower) {
    flags |= flag_caps;
  } else if (kind == TokenKind::word && info.initial_upper && info.has_lower) {
    flags |= flag_title;  // `<title>`: names in third-person reports ("Marcus pushed Jo")
  }
  // Built in place: most segments are one token.
  Token& t = u.tokens.emplace_back();
  t.start = b;
  t.end = e;
  t.sentence = sentence;
  t.kind = kind;
  t.flags = flags;
  if (kind == TokenKind::punct) t.punct_len = static_cast<std::uint16_t>(std::min(65535, info.code_points));
  fold_into(t.norm, seg);
  if (kind != TokenKind::word) return;
  if (std::string fixed = subs_.repair_elongation(t.norm); !fixed.empty()) {
    t.flags |= flag_elongated;
    t.norm = std::move(fixed);
  }
  substitute_last(u, true);
}

// The last token's substitution ("don't" -> "do", "not"; a filler dropped) or, when it has
// none, its typo repair.
void Normalizer::substitute_last(Utterance& u, bool repair_typos) const {
  Token& t = u.tokens.back();
  thread_local std::vector<std::string> scratch;
  const auto* rep = subs_.lookup(t.norm, scratch);
  if (rep && rep->empty()) {  // `substitute freaking = ""`: a filler that only stands in patterns' way
    u.tokens.pop_back();
    return;
  }
  if (!rep) {
    if (spelling_ && repair_typos)
      if (std::string fixed = spelling_->repair(t.norm); !fixed.empty()) {
        t.norm = std::move(fixed);
        t.flags |= flag_corrected;
      }
    return;
  }
  // "don't" -> "do", "not": one token per word, all with the segment's span.
  Token base = std::move(u.tokens.back());
  u.tokens.pop_back();
  base.flags |= flag_substituted;
  for (const auto& w : *rep) {
    Token& part = u.tokens.emplace_back(base);
    part.norm = w;
  }
}

// A masked word ("f***ing") read as the listed word it spells (unmask.hpp): one token over
// the whole masked span, so quotes still show what was typed.
bool Normalizer::add_unmasked(Utterance& u, std::uint32_t b, std::uint32_t sentence, std::uint32_t& end,
                              bool& last_was_punct) const {
  const std::size_t n = unmask_->run_at(u.text, b);
  if (n == 0) return false;
  std::size_t used = 0;
  std::string word = unmask_->resolve(std::string_view(u.text).substr(b, n), used);
  if (word.empty()) return false;
  Token& t = u.tokens.emplace_back();
  t.start = b;
  t.end = end = b + static_cast<std::uint32_t>(used);
  t.sentence = sentence;
  t.kind = TokenKind::word;
  t.flags = flag_unmasked;
  t.norm = std::move(word);
  last_was_punct = false;
  substitute_last(u, false);
  return true;
}

// "raped me.One day": UAX #29 keeps letters joined across a period (WB6, WB7), so a
// missing space after a full stop glues two sentences into one token. A period between
// two letter runs of two or more letters (or before "i") splits them again; "e.g", "U.S"
// and "a.m" stay.
void Normalizer::add_run_on(Utterance& u, std::uint32_t b, std::uint32_t e, std::uint32_t sentence,
                            bool& last_was_punct) const {
  const std::string_view seg(u.text.data() + b, e - b);
  auto letters = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k)
      if (!((seg[k] >= 'a' && seg[k] <= 'z') || (seg[k] >= 'A' && seg[k] <= 'Z') || static_cast<unsigned char>(seg[k]) >= 0x80))
        return false;
    return to - from >= 2;
  };
  std::size_t from = 0;  // start of the piece not yet added
  for (std::size_t dot = seg.find('.'); dot != std::string_view::npos; dot = seg.find('.', dot + 1)) {
    std::size_t left = dot, right = dot + 1;
    while (left > from && seg[left - 1] != '.') --left;
    while (right < seg.size() && seg[right] != '.') ++right;
    const bool pronoun_i = right == dot + 2 && (seg[dot + 1] == 'i' || seg[dot + 1] == 'I');  // "me.i was"
    if (!letters(left, dot) || !(letters(dot + 1, right) || pronoun_i)) continue;
    const auto at = static_cast<std::uint32_t>(b + dot);
    add_segment(u, b + static_cast<std::uint32_t>(from), at, sentence,
                inspect(std::string_view(u.text.data() + b + from, dot - from)), last_was_punct);
    add_segment(u, at, at + 1, sentence, inspect(std::string_view(u.text.data() + at, 1)), last_was_punct);
    from = dot + 1;
  }
  add_segment(u, b + static_cast<std::uint32_t>(from), e, sentence,
              inspect(std::string_view(u.text.data() + b + from, seg.size() - from)), last_was_punct);
}

Utterance Normalizer::analyze(std::string_view raw) const {
  Utterance u;
  {
    Repaired r = repair_utf8(raw);
    u.text = std::move(r.text);
    u.invalid_utf8 = r.invalid;
  }
  if (u.text.empty()) return u;

  thread_local std::vector<std::int32_t> words, sents;
  if (icu_only_ || !fast_boundaries(u.text, words, sents)) icu_boundaries(u.text, words, sents);

  u.tokens.reserve(words.size() / 2 + 4);
  std::size_t sentence = 0;
  bool last_was_punct = false;  // punctuation touching the previous punct token joins its run
  std::uint32_t masked_end = 0;  // end of the last masked word ("f***ing"), whose pieces are skipped
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    auto b = static_cast<std::uint32_t>(words[i]);
    const auto e = static_cast<std::uint32_t>(words[i + 1]);
    if (e <= masked_end) continue;
    b = std::max(b, masked_end);  // the rest of a segment the masked word ends inside ("***!")
    while (sentence + 1 < sents.size() && static_cast<std::uint32_t>(sents[sentence + 1]) <= b) ++sentence;
    const SegmentInfo info = inspect(std::string_view(u.text.data() + b, e - b));
    if (info.space) {
      last_was_punct = false;
      continue;
    }
    if (unmask_ && add_unmasked(u, b, static_cast<std::uint32_t>(sentence), masked_end, last_was_punct)) {
      // A '!' inside the word ("k!ll", "b!tch") ended a sentence for UAX #29 (SB11); the word
      // is one, so is its sentence.
      while (sentence + 2 < sents.size() && static_cast<std::uint32_t>(sents[sentence + 1]) > b &&
             static_cast<std::uint32_t>(sents[sentence + 1]) < masked_end)
        sents.erase(sents.begin() + static_cast<std::ptrdiff_t>(sentence + 1));
      if (masked_end < e) --i;  // the segment goes on past the masked word: take its rest next
      continue;
    }
    if (info.letters && std::string_view(u.text.data() + b, e - b).find('.') != std::string_view::npos) {
      add_run_on(u, b, e, static_cast<std::uint32_t>(sentence), last_was_punct);
      continue;
    }
    add_segment(u, b, e, static_cast<std::uint32_t>(sentence), info, last_was_punct);
  }
  drop_transparent(u);
  split_sentences(u);
  return u;
}

std::vector<std::string> Normalizer::words(std::string_view phrase) const {
  const std::string key(phrase);
  {
    std::lock_guard lock(words_cache_->mutex);
    if (auto it = words_cache_->map.find(key); it != words_cache_->map.end()) return it->second;
  }
  std::vector<std::string> out;
  for (auto& t : analyze(phrase).tokens) out.push_back(std::move(t.norm));
  std::lock_guard lock(words_cache_->mutex);
  if (words_cache_->map.size() < (1u << 16)) words_cache_->map.emplace(key, out);
  return out;
}

}  // namespace coach::text
