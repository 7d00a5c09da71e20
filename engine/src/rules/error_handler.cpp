// Positions to line:col (columns count code points) and X3 failures to stable codes.
// Tested in tests/golden (diagnostics).
#include "rules/error_handler.hpp"

#include <algorithm>

namespace coach::rules {

ErrorHandler::ErrorHandler(std::string file, const std::string& text, std::vector<Diagnostic>& out)
    : file_(std::move(file)), begin_(text.begin()), cache_(text.begin(), text.end()), out_(&out) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts_.push_back(i + 1);
}

std::pair<unsigned, unsigned> ErrorHandler::line_col(Iterator where) const {
  const auto offset = static_cast<std::size_t>(where - begin_);
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
  unsigned col = 1;
  for (Iterator i = begin_ + static_cast<std::ptrdiff_t>(*it); i != where; ++i)
    if ((static_cast<unsigned char>(*i) & 0xC0) != 0x80) ++col;  // columns count code points
  return {static_cast<unsigned>(it - line_starts_.begin()) + 1, col};
}

Iterator ErrorHandler::position(const x3::position_tagged& node) const {
  if (node.id_first < 0) return begin_;
  return cache_.position_of(node).begin();
}

std::pair<unsigned, unsigned> ErrorHandler::line_col(const x3::position_tagged& node) const {
  return line_col(position(node));
}

bool ErrorHandler::starts_line(const x3::position_tagged& node) const {
  auto it = position(node);
  while (it != begin_) {
    const char c = *(it - 1);
    if (c == '\n') return true;
    if (c != ' ' && c != '\t' && c != '\r') return false;
    --it;
  }
  return true;
}

void ErrorHandler::error(Iterator where, RuleCode code, std::string message) {
  auto [line, col] = line_col(where);
  out_->push_back({file_, line, col, code_id(code), std::move(message), false});
}

void ErrorHandler::error(const x3::position_tagged& node, RuleCode code, std::string message) {
  error(position(node), code, std::move(message));
}

void ErrorHandler::warning(const x3::position_tagged& node, RuleCode code, std::string message) {
  auto [line, col] = line_col(position(node));
  out_->push_back({file_, line, col, code_id(code), std::move(message), true});
}

void ErrorHandler::expected(Iterator where, Iterator last, const std::string& which) {
  if (which == "closing quote") {
    // Point at the opening quote: the failure itself is at the end of the line.
    Iterator open = where;
    if (open != begin_) --open;
    while (open != begin_ && *open != '"' && *open != '\n') --open;
    error(*open == '"' ? open : where, RuleCode::unterminated_string,
          "unterminated string (a string ends with '\"' on the same line)");
    return;
  }
  // X3 reports the place before the skipper ran; point at the offending text instead.
  while (where != last && (*where == ' ' || *where == '\t' || *where == '\r' || *where == '\n')) ++where;
  std::string found;
  for (Iterator i = where; i != last && found.size() < 12 && *i != '\n' && *i != '\r'; ++i) found += *i;
  std::string msg = "expected " + which;
  msg += found.empty() ? " before the end of the statement" : ", found '" + found + "'";
  error(where, RuleCode::syntax_error, std::move(msg));
}

}  // namespace coach::rules
