// Typed JSON access with pointer diagnostics. Tested in tests/golden (scripts, practice).
#include "dialog/json_check.hpp"

#include <cstdio>

#include "coach/json_limits.hpp"

namespace coach::dialog {
namespace {

const char* type_name(json::value_t t) {
  switch (t) {
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "true or false";
    default: return "a number";
  }
}

}  // namespace

namespace {

std::string id_of(char letter, int n) {
  char id[8];
  std::snprintf(id, sizeof id, "%c%03d", letter, n);
  return id;
}

}  // namespace

std::string code_id(ScriptCode c) { return id_of('D', static_cast<int>(c)); }
std::string code_id(ScenarioCode c) { return id_of('P', static_cast<int>(c)); }

void JsonCheck::error(const Ptr& at, ScriptCode code, const std::string& message) { add(at, code_id(code), message); }
void JsonCheck::error(const Ptr& at, ScenarioCode code, const std::string& message) { add(at, code_id(code), message); }
void JsonCheck::error(const Ptr& at, CommonCode code, const std::string& message) {
  add(at, id_of(letter_, static_cast<int>(code)), message);
}

void JsonCheck::add(const Ptr& at, std::string id, const std::string& message) {
  Diagnostic d;
  d.file = file_;
  d.pointer = at.to_string().empty() ? "/" : at.to_string();
  d.code = std::move(id);
  d.message = message;
  out_.push_back(std::move(d));
}

const json* JsonCheck::typed(const json& v, const Ptr& at, json::value_t type) {
  const bool ok = v.type() == type || (type == json::value_t::number_unsigned && v.is_number_unsigned()) ||
                  (type == json::value_t::number_integer && v.is_number_integer());
  if (!ok) {
    error(at, CommonCode::wrong_type, std::string("expected ") + type_name(type) + ", found " + v.type_name());
    return nullptr;
  }
  return &v;
}

const json* JsonCheck::get(const json& obj, const Ptr& at, const std::string& key, json::value_t type, bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) error(at, CommonCode::missing_key, "missing required key '" + key + "'");
    return nullptr;
  }
  return typed(*it, at / key, type);
}

void JsonCheck::known_keys(const json& obj, const Ptr& at, const std::set<std::string>& keys) {
  for (const auto& [k, v] : obj.items())
    if (!keys.count(k)) error(at / k, CommonCode::unknown_key, "unknown key '" + k + "'");
}

std::string JsonCheck::str(const json& obj, const Ptr& at, const std::string& key, bool required) {
  const json* v = get(obj, at, key, json::value_t::string, required);
  return v ? v->get<std::string>() : std::string();
}

std::vector<std::string> JsonCheck::strings(const json& obj, const Ptr& at, const std::string& key, bool non_empty) {
  std::vector<std::string> out;
  const json* arr = get(obj, at, key, json::value_t::array);
  if (!arr) return out;
  if (non_empty && arr->empty()) error(at / key, CommonCode::empty_list, "'" + key + "' needs at least one entry");
  for (std::size_t i = 0; i < arr->size(); ++i)
    if (typed((*arr)[i], at / key / i, json::value_t::string)) out.push_back((*arr)[i].get<std::string>());
  return out;
}

std::optional<json> parse_json(const std::string& file, const std::string& text, char letter,
                               std::vector<Diagnostic>& out) {
  if (json_too_deep(text)) {
    out.push_back({file, 0, 0, id_of(letter, static_cast<int>(CommonCode::invalid_json)), "invalid JSON: nested more than 64 levels", false, ""});
    return std::nullopt;
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann reports a byte offset: turn it into line:column.
    unsigned line = 1, col = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    std::string msg = e.what();
    if (auto p = msg.find("syntax error while parsing "); p != std::string::npos) msg = msg.substr(p);
    out.push_back({file, line, col, id_of(letter, static_cast<int>(CommonCode::invalid_json)), "invalid JSON: " + msg, false, ""});
    return std::nullopt;
  } catch (const json::exception& e) {  // e.g. a number too large to represent
    std::string msg = e.what();
    if (auto p = msg.find("] "); p != std::string::npos) msg = msg.substr(p + 2);
    out.push_back({file, 0, 0, id_of(letter, static_cast<int>(CommonCode::invalid_json)), "invalid JSON: " + msg, false, ""});
    return std::nullopt;
  }
}

}  // namespace coach::dialog
