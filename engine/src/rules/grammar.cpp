// The single translation unit that instantiates the Spirit X3 grammar.
// Tested in tests/unit/rules_parse_test.cpp and tests/golden.
#include "rules/grammar.hpp"

#include "rules/grammar_def.hpp"

namespace coach::rules {

bool parse_statement(Iterator first, Iterator last, ErrorHandler& handler, ast::Statement& out) {
  namespace x3 = boost::spirit::x3;
  auto const parser = x3::with<x3::error_handler_tag>(std::ref(handler))[grammar::statement];
  try {
    return x3::phrase_parse(first, last, parser, grammar::skipper, out);
  } catch (const x3::expectation_failure<Iterator>& e) {
    handler.expected(e.where(), last, e.which());
    return false;
  }
}

}  // namespace coach::rules
