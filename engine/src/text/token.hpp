// Utterance: a message split into tokens and sentences, each token keeping its byte
// span in the (repaired) original text. Produced by Normalizer (normalizer.hpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace coach::text {

enum class TokenKind : std::uint8_t { word, number, emoji, punct };

enum TokenFlag : std::uint16_t {
  flag_caps = 1u << 0,         // ALL-CAPS word of two or more letters
  flag_elongated = 1u << 1,    // "neverrrr": a letter repeated three or more times
  flag_exclaim = 1u << 2,      // punctuation run containing '!'
  flag_question = 1u << 3,     // punctuation run containing '?'
  flag_substituted = 1u << 4,  // produced by a substitution ("youre" -> "you are")
  // 1u << 5 was flag_repaired: nothing read it (a repair is reported in Analysis::warnings)
  flag_corrected = 1u << 6,    // a typo read as a word of the rules ("threatend" -> "threatened")
  flag_quoted = 1u << 7,       // first token after an opening quotation mark (dropped as a token)
  flag_title = 1u << 8,        // Titlecase word ("Jo", "Marcus"): a name, or a sentence's first word
  flag_unmasked = 1u << 9,     // a masked word read as the word it spells ("f***" -> "fuck")
};

struct Token {
  std::uint32_t start = 0;  // byte offsets into Utterance::text, [start, end)
  std::uint32_t end = 0;
  std::string norm;         // folded, substituted form used for matching
  TokenKind kind = TokenKind::word;
  std::uint16_t flags = 0;
  std::uint16_t punct_len = 0;  // for punct runs: number of code points
  std::uint32_t sentence = 0;
  bool has(TokenFlag f) const { return (flags & f) != 0; }
  bool operator==(const Token&) const = default;
};

struct Sentence {
  std::uint32_t first = 0;  // token index range [first, last)
  std::uint32_t last = 0;
  bool operator==(const Sentence&) const = default;
};

struct Utterance {
  std::string text;  // the message, valid UTF-8 (invalid bytes replaced by U+FFFD)
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::size_t invalid_utf8 = 0;  // number of invalid sequences replaced
  // Field by field: the tests compare the fast path with ICU's this way.
  bool operator==(const Utterance&) const = default;
};

}  // namespace coach::text
