// The coach's reply for a chat channel: see channel_reply.hpp.
#include "channel_reply.hpp"

#include <cctype>

namespace coach::app {
namespace {

// Markdown's inline specials, escaped wherever they are.
bool inline_special(char c) {
  switch (c) {
    case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '~': case '|':
    case '!': case '#': case '&':
      return true;
    default:
      return false;
  }
}

std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (inline_special(c)) out += '\\';
    out += c;
  }
  // What would start a list, a heading or a rule at the beginning of a paragraph.
  if (!out.empty() && (out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(0, 1, '\\');
  std::size_t digits = 0;
  while (digits < out.size() && std::isdigit(static_cast<unsigned char>(out[digits]))) ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, 1, '\\');
  return out;
}

// "Label: rest": a short label without quotes, ended by ": " (or the line's end).
std::size_t label_end(std::string_view line) {
  const auto colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon > 40) return 0;
  if (colon + 1 < line.size() && line[colon + 1] != ' ') return 0;
  if (line.substr(0, colon).find('"') != std::string_view::npos) return 0;
  return std::isupper(static_cast<unsigned char>(line[0])) ? colon : 0;
}

std::string markdown_line(std::string_view line) {
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  // A command list (":why   which rules fired"): the command bold, the columns' spaces dropped.
  if (line.size() > 1 && line[0] == ':' && std::isalpha(static_cast<unsigned char>(line[1]))) {
    const auto gap = line.find("  ");
    if (gap != std::string_view::npos) {
      auto rest = line.substr(gap);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      return "**" + escape(line.substr(0, gap)) + "** " + escape(rest);
    }
  }
  if (const auto end = label_end(line)) return "**" + escape(line.substr(0, end + 1)) + "**" + escape(line.substr(end + 1));
  return escape(line);
}

}  // namespace

std::string markdown_reply(const std::string& plain) {
  std::string out;
  std::size_t at = 0;
  while (at <= plain.size()) {
    auto nl = plain.find('\n', at);
    if (nl == std::string::npos) nl = plain.size();
    const std::string line = markdown_line(std::string_view(plain).substr(at, nl - at));
    if (!line.empty()) out += (out.empty() ? "" : "\n\n") + line;
    at = nl + 1;
  }
  return out;
}

nlohmann::ordered_json suggested_actions(const Coach& coach, const Turn& turn) {
  using ojson = nlohmann::ordered_json;
  if (turn.safety) return nullptr;
  ojson actions = ojson::array();
  auto add = [&](const std::string& title, const std::string& value) {
    actions.push_back(ojson{{"type", "imBack"}, {"title", title}, {"value", value}});
  };
  for (const auto& s : turn.suggestions) {
    if (actions.size() < 3) add(s.text, s.text);
    for (const auto& alt : s.alternatives)
      if (actions.size() < 3) add(alt, alt);
  }
  if (!turn.flow.empty()) add(coach.message("action_cancel"), ":cancel");
  else if (!turn.suggestions.empty()) add(coach.message("action_rewrite"), ":rewrite");
  if (actions.empty()) return nullptr;
  return ojson{{"actions", actions}};
}

}  // namespace coach::app
