// Lowering of one pattern AST into Program instructions (Thompson construction over
// tokens), with the checks that need the pattern: lexicons, classes, gaps, captures,
// empty matches. Tested in tests/golden (program dumps, diagnostics).
#pragma once
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "rules/ast.hpp"
#include "rules/error_handler.hpp"
#include "rules/program.hpp"
#include "text/normalizer.hpp"

namespace coach::rules {

struct LexiconEntry {
  std::vector<std::string> words;  // normalized tokens of the entry
  bool prefix = false;             // a single-word prefix (`annoy*`)
};

struct FlatLexicon {
  std::vector<LexiconEntry> entries;
  std::uint32_t set = 0xFFFFFFFFu;  // word_set id when every entry is one plain word
};

using Lexicons = std::unordered_map<std::string, FlatLexicon>;

// Closest name within edit distance 2, for "did you mean" hints; empty when none.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);
// " (did you mean '@global'?)", or empty when nothing is close.
std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates,
                         const std::string& sigil, const std::string& close);

class Emitter {
 public:
  // `~word`: the word's inflected forms (the word itself first); `where` is the `~word`, for
  // a warning when the forms cannot all be known.
  using Inflect =
      std::function<std::vector<std::string>(const std::string& word, ErrorHandler& h, const x3::position_tagged& where)>;

  Emitter(Program& program, const Lexicons& lexicons, const text::Normalizer& normalizer, Inflect inflect)
      : prog_(program), lexicons_(lexicons), normalizer_(normalizer), inflect_(std::move(inflect)) {}

  // Appends the pattern's code, ending in `accept pattern`; reports problems through
  // `handler` and returns false if there were any.
  bool emit_pattern(const ast::Alternation& pattern, std::uint32_t index, ErrorHandler& handler,
                    std::vector<std::string>& capture_names);

  std::uint32_t intern(const std::string& word);
  // The word set over these words (one per distinct set); returns its index.
  std::uint32_t word_set(const std::vector<std::string>& words);

 private:
  struct Ctx {
    ErrorHandler* handler;
    std::vector<std::string>* captures;  // the rule's names; `match` alternatives share them
    std::vector<std::string> in_pattern = {};
    bool ok = true;
  };
  void alternation(const ast::Alternation& alt, Ctx& ctx);
  void sequence(const ast::Sequence& seq, Ctx& ctx);
  void item(const ast::Item& item, Ctx& ctx);
  void atom(const ast::Atom& atom, const ast::Item& where, Ctx& ctx);
  void words(const std::string& text, bool prefix, const x3::position_tagged& where, Ctx& ctx);
  void inflected(const ast::Word& w, Ctx& ctx);
  void lexicon(const ast::LexiconRef& ref, Ctx& ctx);
  void gap(const ast::Gap& gap, Ctx& ctx);
  std::uint32_t emit(Op op, std::uint32_t x = 0, std::uint32_t y = 0);
  struct Trie {
    bool terminal = false;
    std::map<std::string, Trie> kids;
    std::vector<std::string> prefixes;
  };
  void emit_trie(const Trie& node, bool root);
  void emit_branches(const std::vector<std::function<void()>>& branches);

  void emit_copy(const std::vector<Inst>& block, std::uint32_t base);

  Program& prog_;
  const Lexicons& lexicons_;
  const text::Normalizer& normalizer_;
  Inflect inflect_;
  std::map<WordSet, std::uint32_t> set_ids_;  // lexicons with the same words share a set
  // Memos: compiling meets the same words and lexicons thousands of times, and both
  // always lower alike. A lexicon's code is kept with the address it was emitted at.
  std::unordered_map<std::string, std::vector<std::uint32_t>> word_ids_;  // text -> interned tokens
  std::unordered_map<std::string, std::pair<std::vector<Inst>, std::uint32_t>> lexicon_code_;
};

// Whether a pattern can match without consuming a token.
bool nullable(const ast::Alternation& pattern, const Lexicons& lexicons);

}  // namespace coach::rules
