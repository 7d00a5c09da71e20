// A line a user typed, read as a message or as one of the shared text commands (commands.cpp).
#pragma once
#include <string_view>

namespace coach::dialog {

struct CommandLine {
  std::string_view text;       // trimmed
  bool command = false;        // ":" and a letter
  std::string_view name, arg;  // ":they  you never call" -> "they", "you never call"
};

CommandLine read_command_line(std::string_view text);

}  // namespace coach::dialog
