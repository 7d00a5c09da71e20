// The rule language grammar (Spirit X3). Definitions live in grammar_def.hpp and are
// instantiated once, in grammar.cpp. Tested in tests/unit/rules_parse_test.cpp and
// tests/golden (AST dumps, diagnostics).
#pragma once
#include "rules/ast.hpp"
#include "rules/error_handler.hpp"

namespace coach::rules {

// Parses one top-level statement spanning exactly [first, last). On failure the
// problem is reported through `handler` and false is returned.
bool parse_statement(Iterator first, Iterator last, ErrorHandler& handler, ast::Statement& out);

}  // namespace coach::rules
