// Parse a rule file into statements. The file is cut into top-level blocks (a block
// starts at a line beginning in column 1 that is not a comment) and each block is
// parsed on its own, so one syntax error does not hide the next.
// Tested in tests/unit/rules_parse_test.cpp and tests/golden.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "coach/diagnostics.hpp"
#include "rules/ast.hpp"
#include "rules/error_handler.hpp"

namespace coach::rules {

struct ParsedFile {
  std::unique_ptr<const std::string> text;  // owns the buffer the positions point into
  std::unique_ptr<ErrorHandler> handler;    // positions of the AST nodes below
  std::vector<ast::Statement> statements;
};

ParsedFile parse_file(std::string name, std::string text, std::vector<Diagnostic>& diagnostics);

}  // namespace coach::rules
