// Reading members of request JSON that comes from outside (stdio, HTTP, Direct Line).
// json::value() throws when a member has the wrong type; a request with `"type": {}` is
// the sender's mistake and gets a 4xx, never an exception. Tested in tests/hostile, by the C ABI tests and
// by the stdio and http fuzz targets.
#pragma once
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "coach/session.hpp"

namespace coach {

// The string member `key`: `fallback` when absent or null, nullopt when it is not a string.
inline std::optional<std::string> optional_string(const nlohmann::json& j, const char* key, std::string fallback) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// True when j[container] is an object whose "mode" is "received" (Rasa metadata,
// Direct Line channelData). Anything else there is the client's own business.
inline bool marked_received(const nlohmann::json& j, const char* container) {
  const auto c = j.find(container);
  if (c == j.end() || !c->is_object()) return false;
  const auto m = c->find("mode");
  return m != c->end() && m->is_string() && m->get_ref<const std::string&>() == "received";
}

// A turn request as the JSON front ends read it (stdio lines, `POST /v1/turn`, the C ABI's
// coach_turn): "text" (a string, required), "mode" ("sending" or "received", default
// sending), "session" (a string; required only where the front end says so).
struct TurnRequest {
  std::string text;
  Mode mode = Mode::sending;
  std::string session;
  std::string time_zone;  // "time_zone": the user's IANA zone ("Europe/Berlin"), for break times
};

// An IANA zone name as clients send it: letters, digits, '_', '+', '-', '/'; at most 64 bytes.
inline bool time_zone_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c) && c != '_' && c != '+' && c != '-' && c != '/') return false;
  return true;
}

// Fills `out` from `j` (a JSON object) and returns nullopt, or returns the message that tells
// the client what is wrong. One reader, so every front end accepts and refuses the same requests.
inline std::optional<std::string> read_turn_request(const nlohmann::json& j, TurnRequest& out,
                                                    const char* default_session = nullptr) {
  const auto text = j.find("text");
  if (text == j.end() || !text->is_string()) return "\"text\" (a string) is required";
  const auto given = j.find("session");
  if (!default_session && (given == j.end() || given->is_null())) return "\"session\" (a string) is required";
  const auto session = optional_string(j, "session", default_session ? default_session : "");
  if (!session) return "\"session\" is a string";
  const auto mode = optional_string(j, "mode", "sending");
  if (mode != "sending" && mode != "received") return "\"mode\" is \"sending\" or \"received\"";
  const auto zone = optional_string(j, "time_zone", "");
  if (!zone || (!zone->empty() && !time_zone_name(*zone)))
    return "\"time_zone\" is an IANA time zone name such as \"Europe/Berlin\"";
  out.time_zone = *zone;
  out.text = text->get<std::string>();
  out.session = *session;
  out.mode = *mode == "received" ? Mode::received : Mode::sending;
  return std::nullopt;
}

}  // namespace coach
