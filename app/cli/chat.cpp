// Chat commands and piped mode. Tested in tests/conversations and tests/repl.
#include "chat.hpp"
#include "load.hpp"
#include "coach_options.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <random>

namespace coach::app {

LineResult ChatLoop::handle(const std::string& raw) {
  if (practice_) {
    auto out = practice_->handle(raw);
    if (out.quit) {
      practice_.reset();
      out.quit = false;  // back to the chat
    }
    return out;
  }
  std::string line = raw;
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  std::size_t lead = 0;
  while (lead < line.size() && line[lead] == ' ') ++lead;
  line.erase(0, lead);
  if (line.empty()) return {coach_.message("empty")};
  if (line[0] == ':' && line.size() > 1 && std::isalpha(static_cast<unsigned char>(line[1]))) {
    const auto space = line.find(' ');
    const std::string name = line.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    const std::string arg = space == std::string::npos ? "" : line.substr(space + 1);
    return command(name, arg);
  }
  Turn t = coach_.respond(session_, line, Mode::sending);
  LineResult out{t.reply, false, t.safety};
  last_ = std::move(t);
  more_shown_ = 0;
  return out;
}

std::string ChatLoop::finish() { return practice_ ? practice_->finish() : std::string(); }

LineResult ChatLoop::start_practice(const std::string& id) {
  if (id.empty()) {
    std::string list;
    for (const auto& s : coach_.scenarios()) list += (list.empty() ? "" : "\n") + s.id + "\t" + s.title;
    return {list};
  }
  auto run = coach_.practice(id, session_.seed);
  if (!run) return {coach_.practice_text("no_scenario")};
  if (!store_) {
    std::string err;
    store_ = PracticeLog::open(db_, err);
    if (!store_) return {"coach: " + err};
  }
  practice_ = std::make_unique<PracticeSession>(std::move(*run), &*store_);
  return {practice_->opening()};
}

LineResult ChatLoop::command(const std::string& name, const std::string& arg) {
  if (name == "quit" || name == "q" || name == "exit") return {"", true};
  if (name == "why") return {why()};
  if (name == "more") return {more()};
  if (name == "reset") {
    session_ = Session(session_.seed);
    last_.reset();
    return {coach_.message("reset")};
  }
  if (name == "practice") return start_practice(arg);
  // The rest are the library's shared commands (:rewrite, :cancel, :they, :ledger, :help).
  Turn t = coach_.turn(session_, ":" + name + (arg.empty() ? "" : " " + arg));
  LineResult out{t.reply, false, t.safety};
  if (name == "they" && !arg.empty()) {
    last_ = std::move(t);
    more_shown_ = 0;
  }
  return out;
}

// The next of the last message's other phrasings, one per :more, pattern by pattern.
std::string ChatLoop::more() {
  if (!last_) return coach_.message("why_none");
  std::size_t n = more_shown_;
  for (const auto& s : last_->suggestions) {
    if (n < s.alternatives.size()) {
      ++more_shown_;
      return coach_.message_with("more", {{"suggestion", s.alternatives[n]}, {"label", s.antidote}});
    }
    n -= s.alternatives.size();
  }
  return coach_.message("more_none");
}

std::string ChatLoop::why() const {
  if (!last_) return coach_.message("why_none");
  const Analysis& a = last_->analysis;
  std::string out;
  auto add = [&](const Finding& f) {
    out += (out.empty() ? "" : "\n") + f.rule + " (" + f.category + "), bytes " + std::to_string(f.span.start) + "-" +
           std::to_string(f.span.end) + ": \"" + f.quote + "\"";
    if (!f.why.empty()) out += "\n    " + f.why;
  };
  for (const auto& f : a.signals.safety) add(f);
  for (const auto& f : a.findings) add(f);
  for (const auto& f : a.signals.repair) add(f);
  return out.empty() ? coach_.message("why_none") : out;
}

void add_chat(CLI::App& app, ChatOptions& opts, CLI::App*& cmd) {
  cmd = app.add_subcommand("chat", "Talk with the coach (the default when no command is given)");
  for (CLI::App* a : {&app, cmd}) {
    add_coach_options(a, opts.language, opts.rules_dir, opts.dialogs_dir);
    a->add_option("--seed", opts.seed, "Fix the choice of suggestions (for tests)")
        ->each([&](const std::string&) { opts.seed_given = true; });
    a->add_option("--history", opts.history_file, "History file (default: $XDG_STATE_HOME/coach/history)");
    a->add_option("--db", opts.db, "Practice progress database (default: $XDG_DATA_HOME/coach/coach.db)");
  }
}

int run_chat(const ChatOptions& opts) {
  auto loaded_coach = load_coach(opts.rules_dir, opts.dialogs_dir, opts.language);
  if (!loaded_coach) return 1;
  const std::uint64_t seed = opts.seed_given ? opts.seed : std::random_device{}();
  ChatLoop loop(*loaded_coach, seed, opts.db);
  auto handle = [&](const std::string& line) { return loop.handle(line); };
  auto on_eof = [&] { return loop.finish(); };
  if (interactive()) {
    TerminalOptions t;
    t.history_file = opts.history_file;
    return run_terminal(t, loaded_coach->message("welcome"), handle, on_eof);
  }
  return run_piped(handle, on_eof);  // one line in, a plain reply out, no prompt and no colour
}

}  // namespace coach::app
