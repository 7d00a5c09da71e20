// Text commands shared by the chat, stdio, HTTP and the C ABI.
// Tested in tests/unit/conversations_test.cpp and tests/repl.
#include <cctype>

#include "coach/coach.hpp"

namespace coach {

Turn Coach::turn(Session& session, std::string_view text, Mode mode, std::optional<std::int64_t> now) const {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) text.remove_suffix(1);
  const bool command = text.size() > 1 && text[0] == ':' && std::isalpha(static_cast<unsigned char>(text[1]));
  if (!command) {
    if (text.empty()) {
      Turn t;
      t.reply = message("empty");
      return t;
    }
    return respond(session, text, mode, now);
  }
  const auto space = text.find(' ');
  const std::string_view name = text.substr(1, space == std::string_view::npos ? std::string_view::npos : space - 1);
  std::string_view arg = space == std::string_view::npos ? std::string_view() : text.substr(space + 1);
  while (!arg.empty() && arg.front() == ' ') arg.remove_prefix(1);
  Turn t;
  t.analysis.text = std::string(text);  // a command is not analyzed, but its turn says what it was
  t.analysis.language = engine_.language();
  if (name == "rewrite") return start_flow(session, arg);
  if (name == "cancel") return cancel_flow(session);
  if (name == "they") {
    if (arg.empty()) {
      t.reply = message("empty");
      return t;
    }
    return respond(session, arg, Mode::received, now);
  }
  if (name == "ledger") t.reply = ledger(session);
  else if (name == "help") t.reply = message("help");
  else t.reply = message("unknown_command");
  return t;
}

}  // namespace coach
