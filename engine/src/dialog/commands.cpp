// The text commands every front end shares (":rewrite [flow]", ":cancel", ":ledger", ":help",
// ":they <message>"): read here, carried out by Coach::turn (coach.cpp).
// Tested in tests/unit/conversations_test.cpp and tests/repl.
#include "dialog/commands.hpp"

#include <cctype>

namespace coach::dialog {

CommandLine read_command_line(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  CommandLine out;
  out.text = text;
  out.command = text.size() > 1 && text[0] == ':' && std::isalpha(static_cast<unsigned char>(text[1]));
  if (!out.command) return out;
  const auto space = text.find(' ');
  out.name = text.substr(1, space == std::string_view::npos ? std::string_view::npos : space - 1);
  out.arg = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  while (!out.arg.empty() && out.arg.front() == ' ') out.arg.remove_prefix(1);
  return out;
}

}  // namespace coach::dialog
