// One request per line: {"id", "session", "text", "mode"} -> the turn, with the same id.
// Bad input gets {"id", "error": {"code", "message"}}; the process never exits on it.
// Tested in tests/clients/test_stdio.py.
#include "stdio_cmd.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <variant>

#include "coach/json_limits.hpp"
#include "coach/json_fields.hpp"
#include "load.hpp"
#include "coach_options.hpp"

namespace coach::app {
namespace {

constexpr std::size_t kMaxLine = 4u << 20;

using ojson = nlohmann::ordered_json;

ojson error_line(const ojson& id, const std::string& code, const std::string& message) {
  return {{"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

// A line's answer: a turn, or an error object (the caller serializes it).
std::variant<std::string, ojson> handle(const Coach& coach, std::map<std::string, Session>& sessions, const std::string& line) {
  if (line.size() > kMaxLine) return error_line(nullptr, "too_large", "a request line is at most 4 MiB");
  if (json_too_deep(line)) return error_line(nullptr, "too_deep", "JSON nested more than 64 levels");
  const auto req = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (req.is_discarded()) return error_line(nullptr, "bad_json", "the line is not valid JSON (UTF-8)");
  if (!req.is_object()) return error_line(nullptr, "bad_request", "a request is a JSON object");
  const ojson id = req.contains("id") ? ojson::parse(req["id"].dump()) : ojson();
  TurnRequest r;
  if (auto error = read_turn_request(req, r, "default")) return error_line(id, "bad_request", *error);
  auto it = sessions.find(r.session);
  if (it == sessions.end()) it = sessions.emplace(r.session, Session(0)).first;
  if (!r.time_zone.empty()) it->second.time_zone = r.time_zone;
  const Turn t = coach.turn(it->second, r.text, r.mode);
  return to_json(t, {{"id", id.dump()}, {"session", ojson(r.session).dump()}});
}

}  // namespace

std::string stdio_line(const Coach& coach, std::map<std::string, Session>& sessions, const std::string& line) {
  ojson error;
  try {
    auto out = handle(coach, sessions, line);
    if (auto* turn = std::get_if<std::string>(&out)) return std::move(*turn);
    error = std::get<ojson>(std::move(out));
  } catch (const std::exception& e) {
    error = error_line(nullptr, "internal", e.what());
  }
  return error.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

void add_stdio(CLI::App& app, StdioOptions& opts) {
  auto* cmd = app.add_subcommand("stdio", "JSON Lines in, JSON Lines out, for bots in any language");
  add_coach_options(cmd, opts.language, opts.rules_dir, opts.dialogs_dir);
}

int run_stdio(const StdioOptions& opts) {
  auto coach = load_coach(opts.rules_dir, opts.dialogs_dir, opts.language);
  if (!coach) return 1;
  std::map<std::string, Session> sessions;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are ignored
    std::cout << stdio_line(*coach, sessions, line) << '\n' << std::flush;
  }
  return 0;
}

}  // namespace coach::app
