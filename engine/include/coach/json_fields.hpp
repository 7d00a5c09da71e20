// Reading members of request JSON that comes from outside (stdio, HTTP, Direct Line).
// json::value() throws when a member has the wrong type; a request with `"type": {}` is
// the sender's mistake and gets a 4xx, never an exception. Tested in tests/hostile, by the C ABI tests and
// by the stdio and http fuzz targets.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

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

}  // namespace coach
