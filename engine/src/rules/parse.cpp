// Block splitting and per-block X3 parsing. Tested in tests/unit/rules_parse_test.cpp.
#include "rules/parse.hpp"

#include "rules/emit.hpp"  // closest_name
#include "rules/grammar.hpp"

namespace coach::rules {
namespace {

bool starts_block(const std::string& s, std::size_t line_begin) {
  if (line_begin >= s.size()) return false;
  const char c = s[line_begin];
  return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '#';
}

// Patterns are parsed and compiled recursively: a block nested deeper than this is
// refused before parsing, so no input can exhaust the stack.
constexpr int kMaxNesting = 64;

// The offset where nesting first exceeds kMaxNesting, or npos. Strings and comments
// do not count.
std::size_t too_deep(const std::string& s, std::size_t begin, std::size_t end) {
  int depth = 0;
  bool in_string = false, in_comment = false;
  for (std::size_t i = begin; i < end; ++i) {
    const char c = s[i];
    if (in_comment) {
      in_comment = c != '\n';
    } else if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"' || c == '\n') in_string = false;
    } else if (c == '#') {
      in_comment = true;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '(' || c == '{') {
      if (++depth > kMaxNesting) return i;
    } else if ((c == ')' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string::npos;
}

// A block whose first word is no statement keyword ("rul", "lexcon").
void unknown_statement(const std::string& s, std::size_t begin, ErrorHandler& handler) {
  std::size_t end = begin;
  while (end < s.size() && end - begin < 40 && s[end] != ' ' && s[end] != '\t' && s[end] != '\n' && s[end] != '\r') ++end;
  const std::string word = s.substr(begin, end - begin);
  static const std::vector<std::string> keywords = {"rule", "lexicon", "substitute", "language"};
  std::string hint;
  if (const std::string near = closest_name(word, keywords); !near.empty()) hint = " (did you mean '" + near + "'?)";
  handler.error(s.begin() + static_cast<std::ptrdiff_t>(begin), RuleCode::unknown_statement,
                "unknown statement '" + word + "'" + hint + "; a statement is rule, lexicon, substitute or language");
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
        out.handler->error(s.begin() + static_cast<std::ptrdiff_t>(i), RuleCode::text_outside_statement,
                           "text outside any statement (statements start in the first column)");
        break;
      }
    }
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] : s.size();
    if (const auto deep = too_deep(s, starts[i], end); deep != std::string::npos) {
      out.handler->error(s.begin() + static_cast<std::ptrdiff_t>(deep), RuleCode::nested_too_deep,
                         "pattern nested more than " + std::to_string(kMaxNesting) + " levels deep");
      continue;
    }
    ast::Statement st;
    const std::size_t before = diagnostics.size();
    if (parse_statement(s.begin() + static_cast<std::ptrdiff_t>(starts[i]),
                        s.begin() + static_cast<std::ptrdiff_t>(end), *out.handler, st))
      out.statements.push_back(std::move(st));
    else if (diagnostics.size() == before)  // no statement keyword at all: say so, never skip silently
      unknown_statement(s, starts[i], *out.handler);
  }
  return out;
}

}  // namespace coach::rules
