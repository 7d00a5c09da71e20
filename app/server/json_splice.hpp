// Adds one member to a JSON object that is already text, so a reply that embeds the engine's
// turn JSON (coach::to_json) writes it once instead of dumping, re-parsing and dumping again.
// Covered by tests/unit/json_splice_test.cpp; used by the Rasa channel and Direct Line.
#pragma once
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace coach::app {

// `object` is a serialized JSON object ("{...}" with no trailing space); `raw_value` is valid
// JSON. The member goes last, as nlohmann::ordered_json would put it.
inline std::string with_member(std::string object, std::string_view key, std::string_view raw_value) {
  const std::string name = nlohmann::json(std::string(key)).dump();
  object.pop_back();  // the closing brace
  if (object.size() > 1) object += ',';
  object += name;
  object += ':';
  object += raw_value;
  object += '}';
  return object;
}

}  // namespace coach::app
