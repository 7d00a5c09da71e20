// Whether one consuming instruction accepts one token: shared by the Pike VM
// (matcher.cpp) and the lazy DFA (dfa.cpp), so both read tokens the same way.
#pragma once
#include "rules/program.hpp"
#include "text/token.hpp"

namespace coach::rules {

inline bool class_holds(TokenClass c, const text::Token& t) {
  using text::TokenKind;
  switch (c) {
    case TokenClass::any: return true;
    case TokenClass::word: return t.kind == TokenKind::word;
    case TokenClass::number: return t.kind == TokenKind::number;
    case TokenClass::emoji: return t.kind == TokenKind::emoji;
    case TokenClass::punct: return t.kind == TokenKind::punct;
    case TokenClass::caps: return t.has(text::flag_caps);
    case TokenClass::excl: return t.has(text::flag_exclaim);
    case TokenClass::quest: return t.has(text::flag_question);
    case TokenClass::elongated: return t.has(text::flag_elongated);
    case TokenClass::content: return t.kind != TokenKind::punct;
    case TokenClass::quoted: return t.has(text::flag_quoted);
    case TokenClass::title: return t.has(text::flag_title);
  }
  return false;
}

// `word` is the program's id of the token's norm (Program::kNoWord if unknown).
inline bool token_test(const Program& prog, const Inst& in, const text::Token& t, std::uint32_t word) {
  switch (in.op) {
    case Op::word: return word == in.x;
    case Op::word_set: return word != Program::kNoWord && contains(prog.word_sets[in.x], word);
    case Op::prefix: return t.kind == text::TokenKind::word && t.norm.rfind(prog.prefixes[in.x], 0) == 0;
    case Op::klass: return class_holds(static_cast<TokenClass>(in.x), t);
    default: return false;
  }
}

// Sentence-edge decoration: ^ and $ look past punctuation and emoji.
inline bool decorative(const text::Token& t) {
  return t.kind == text::TokenKind::punct || t.kind == text::TokenKind::emoji;
}

}  // namespace coach::rules
