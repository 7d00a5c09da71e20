// The terminal loop: libedit line editing and persistent history, colour unless
// NO_COLOR, Ctrl-C cancels the line, Ctrl-D or :quit leaves. Tested in tests/repl (tmux).
#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "terminal.hpp"

namespace coach::app {
namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_sigint(int) { g_interrupted = 1; }

std::filesystem::path history_path(const TerminalOptions& opts) {
  if (!opts.history_file.empty()) return opts.history_file;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state)
    return std::filesystem::path(state) / "coach" / "history";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".local" / "state" / "coach" / "history";
  return {};
}

struct Style {
  bool on;
  std::string dim() const { return on ? "\033[2m" : ""; }
  std::string warm() const { return on ? "\033[36m" : ""; }
  std::string alert() const { return on ? "\033[1;31m" : ""; }
  std::string reset() const { return on ? "\033[0m" : ""; }
};

}  // namespace

bool interactive() { return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO); }

int run_terminal(const TerminalOptions& opts, const std::string& intro,
                 const std::function<LineResult(const std::string&)>& handle,
                 const std::function<std::string()>& on_eof) {
  const Style style{std::getenv("NO_COLOR") == nullptr || *std::getenv("NO_COLOR") == '\0'};
  const auto hist = history_path(opts);
  if (!hist.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(hist.parent_path(), ec);
    read_history(hist.c_str());
  }
  // Ctrl-C: cancel the line being typed, not the program.
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;  // no SA_RESTART, so the read is interrupted
  sigaction(SIGINT, &sa, nullptr);

  std::cout << style.warm() << intro << style.reset() << "\n\n";
  bool quit = false;
  while (!quit) {
    g_interrupted = 0;
    char* raw = readline(opts.prompt.c_str());
    if (!raw) {
      std::cout << "\n";
      if (g_interrupted) continue;  // Ctrl-C on an empty line: a fresh line
      break;                        // Ctrl-D
    }
    std::string line(raw);
    std::free(raw);
    if (g_interrupted) {
      std::cout << "\n";
      continue;
    }
    if (!line.empty()) add_history(line.c_str());
    auto out = handle(line);
    quit = out.quit;
    if (!out.text.empty())
      std::cout << (out.alert ? style.alert() : style.warm()) << out.text << style.reset() << "\n\n" << std::flush;
  }
  if (!quit && on_eof)
    if (auto last = on_eof(); !last.empty()) std::cout << style.warm() << last << style.reset() << "\n";
  if (!hist.empty()) {
    write_history(hist.c_str());
    // Drafts are private: only the user may read the history file.
    std::error_code ec;
    std::filesystem::permissions(hist, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, ec);
  }
  return 0;
}

int run_piped(const std::function<LineResult(const std::string&)>& handle, const std::function<std::string()>& on_eof) {
  std::string line;
  bool quit = false;
  while (!quit && std::getline(std::cin, line)) {
    auto out = handle(line);
    quit = out.quit;
    if (!out.text.empty()) std::cout << out.text << "\n\n" << std::flush;
  }
  if (!quit && on_eof)
    if (auto last = on_eof(); !last.empty()) std::cout << last << "\n" << std::flush;
  return 0;
}

}  // namespace coach::app
