// Block splitting and per-block X3 parsing. Tested in tests/unit/rules_parse_test.cpp.
#include "rules/parse.hpp"

#include "rules/grammar.hpp"

namespace coach::rules {
namespace {

bool starts_block(const std::string& s, std::size_t line_begin) {
  if (line_begin >= s.size()) return false;
  const char c = s[line_begin];
  return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#';
}

}  // namespace

ParsedFile parse_file(std::string name, std::string text, std::vector<Diagnostic>& diagnostics) {
  ParsedFile out;
  out.text = std::make_unique<const std::string>(std::move(text));
  const std::string& s = *out.text;
  out.handler = std::make_unique<ErrorHandler>(std::move(name), s, diagnostics);

  std::vector<std::size_t> starts;
  for (std::size_t pos = 0; pos < s.size();) {
    if (starts_block(s, pos)) starts.push_back(pos);
    const auto nl = s.find('\n', pos);
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  if (!starts.empty() && starts.front() != 0) {
    // Indented text before the first statement belongs to no statement.
    for (std::size_t i = 0; i < starts.front(); ++i) {
      const char c = s[i];
      if (c == '#') {
        while (i < starts.front() && s[i] != '\n') ++i;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        out.handler->error(s.begin() + static_cast<std::ptrdiff_t>(i), "R003",
                           "text outside any statement (statements start in the first column)");
        break;
      }
    }
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : s.size();
    ast::Statement st;
    if (parse_statement(s.begin() + static_cast<std::ptrdiff_t>(starts[i]),
                        s.begin() + static_cast<std::ptrdiff_t>(end), *out.handler, st))
      out.statements.push_back(std::move(st));
  }
  return out;
}

}  // namespace coach::rules
