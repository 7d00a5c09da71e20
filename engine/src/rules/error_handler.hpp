// The one position-aware error handler of the rule language: X3 tags AST nodes through
// it (annotate_on_success), and parse, check and compile errors are all reported
// through it as file:line:col diagnostics. Tested in tests/golden (diagnostics).
#pragma once
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <string>
#include <utility>
#include <vector>

#include "coach/diagnostics.hpp"
#include "coach/rule_codes.hpp"

namespace coach::rules {

namespace x3 = boost::spirit::x3;
using Iterator = std::string::const_iterator;

class ErrorHandler {
 public:
  ErrorHandler(std::string file, const std::string& text, std::vector<Diagnostic>& out);

  // Called by x3::annotate_on_success.
  template <class AST>
  void tag(AST& ast, Iterator first, Iterator last) {
    cache_.annotate(ast, first, last);
  }

  std::pair<unsigned, unsigned> line_col(Iterator where) const;
  std::pair<unsigned, unsigned> line_col(const x3::position_tagged& node) const;
  // Whether only spaces and tabs stand before `node` on its line (R136: a clause keyword
  // written in the middle of a pattern line starts a clause the writer did not mean).
  bool starts_line(const x3::position_tagged& node) const;

  void error(Iterator where, RuleCode code, std::string message);
  void error(const x3::position_tagged& node, RuleCode code, std::string message);
  void warning(const x3::position_tagged& node, RuleCode code, std::string message);
  // An X3 expectation failure: `which` is what the grammar wanted at `where`.
  void expected(Iterator where, Iterator last, const std::string& which);

  const std::string& file() const { return file_; }

 private:
  Iterator position(const x3::position_tagged& node) const;

  std::string file_;
  Iterator begin_;
  std::vector<std::size_t> line_starts_;  // byte offset of each line: line_col is a binary search
  x3::position_cache<std::vector<Iterator>> cache_;
  std::vector<Diagnostic>* out_;
};

}  // namespace coach::rules
