// The rule language's AST, as the Spirit X3 grammar (grammar_def.hpp) produces it.
// Every node that a diagnostic may point at is position_tagged. Dumped by dump.cpp.
#pragma once
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <optional>
#include <string>
#include <vector>

namespace coach::rules::ast {

namespace x3 = boost::spirit::x3;

struct Word : x3::position_tagged {
  bool inflect = false;  // `~listen`: listen, listens, listened, listening (text/inflect.hpp)
  std::string text;
  bool prefix = false;  // `annoy*`
};
struct Phrase : x3::position_tagged {
  std::string text;  // "every time": tokenized like a message
};
struct LexiconRef : x3::position_tagged {
  std::string name;  // without '@'
};
struct ClassRef : x3::position_tagged {
  std::string name;  // `<caps>`, `<emoji>`, `<excl>`, ...
};
struct Anchor : x3::position_tagged {
  char kind = '^';  // '^' sentence start, '$' sentence end
};
struct Gap : x3::position_tagged {
  std::optional<unsigned> min;  // `...2-6`; `...6` is 0-6; `...` is 0-4
  std::optional<unsigned> max;
};

struct Item;
struct Capture;
using Sequence = std::vector<Item>;
using Alternation = std::vector<Sequence>;

struct Atom : x3::variant<Word, Phrase, LexiconRef, ClassRef, Anchor, Gap,
                          x3::forward_ast<Alternation>, x3::forward_ast<Capture>> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Item : x3::position_tagged {
  Atom atom;
  bool optional = false;  // `x?`
};

struct Capture : x3::position_tagged {
  std::string name;
  Alternation body;
};

// `match`/`unless`/`requires` take a pattern; `why`/`example`/`counter` take a string.
// An `unless` drops the matches it overlaps; `unless within N: ...` also those within N
// tokens of it, `unless sentence: ...` every match in its sentence (reach kSentence), and
// `unless message: ...` every match of the rule in the whole message (reach kMessage).
// A `requires` clause is the converse for the `match` right above it: that match's
// matches are kept only if the clause's pattern reaches them the same way (each
// `requires` under a `match` must). An `except` clause is an `unless` for the `match`
// right above it only: a rule's other matches stay.
inline constexpr unsigned kSentence = 0xFFFFFFFFu;
inline constexpr unsigned kMessage = 0xFFFFFFFEu;
struct PatternClause : x3::position_tagged {
  std::string keyword;
  std::optional<unsigned> reach;
  Alternation pattern;
};
struct TextClause : x3::position_tagged {
  std::string keyword;
  std::string text;
};
struct Clause : x3::variant<PatternClause, TextClause> {
  using base_type::base_type;
  using base_type::operator=;
};

struct Rule : x3::position_tagged {
  std::string id;
  std::string category;
  std::optional<unsigned> severity;
  std::vector<Clause> clauses;
};

struct Lexicon : x3::position_tagged {
  std::string name;
  bool exact = false;  // `lexicon @x exact = ...`: its words match as typed, never as a typo's repair
  Alternation body;
};

struct Substitute : x3::position_tagged {
  std::string from;
  std::string to;
};

struct Language : x3::position_tagged {
  std::string code;
};

struct Statement : x3::variant<Language, Lexicon, Substitute, Rule> {
  using base_type::base_type;
  using base_type::operator=;
};

}  // namespace coach::rules::ast
