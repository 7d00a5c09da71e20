// Canonical text dumps of the AST and of the compiled program, for golden tests:
// stable across runs, independent of memory addresses and hash order.
// Tested in tests/golden (*.ast, *.program).
#pragma once
#include <string>
#include <vector>

#include "rules/ast.hpp"
#include "rules/rule_set.hpp"

namespace coach::rules {

std::string dump_ast(const std::vector<ast::Statement>& statements);
std::string dump_program(const RuleSet& set);

}  // namespace coach::rules
