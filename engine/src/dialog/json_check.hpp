// Shared JSON validation for coaching scripts (D codes) and practice scenarios
// (P codes): typed access that reports "file:/json/pointer: error[X00n]" and keeps going.
// Tested in tests/golden/scripts and tests/golden/practice.
#pragma once
#include <nlohmann/json.hpp>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "coach/diagnostics.hpp"
#include "dialog/codes.hpp"
#include "dialog/template.hpp"

namespace coach::dialog {

using json = nlohmann::json;
using Ptr = json::json_pointer;

class JsonCheck {
 public:
  // `letter` prefixes the codes: 'D' for scripts, 'P' for scenarios.
  JsonCheck(std::string file, std::vector<Diagnostic>& out, char letter)
      : file_(std::move(file)), out_(out), letter_(letter) {}

  // A script's code (a 'D' checker), a scenario's ('P'), or one both share (the checker's letter).
  void error(const Ptr& at, ScriptCode code, const std::string& message);
  void error(const Ptr& at, ScenarioCode code, const std::string& message);
  void error(const Ptr& at, CommonCode code, const std::string& message);
  const json* typed(const json& v, const Ptr& at, json::value_t type);
  const json* get(const json& obj, const Ptr& at, const std::string& key, json::value_t type, bool required = true);
  void known_keys(const json& obj, const Ptr& at, const std::set<std::string>& keys);
  // Reports each of `keys` (strings or string_views) that `obj` lacks.
  template <class Keys>
  void required_keys(const json& obj, const Ptr& at, const Keys& keys) {
    for (const auto& k : keys)
      if (const std::string key(k); !obj.contains(key))
        error(at, CommonCode::missing_key, "missing required key '" + key + "'");
  }
  std::string str(const json& obj, const Ptr& at, const std::string& key, bool required = true);
  std::vector<std::string> strings(const json& obj, const Ptr& at, const std::string& key, bool non_empty = true);
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::vector<Diagnostic>& out_;
  char letter_;
  void add(const Ptr& at, std::string id, const std::string& message);
};

// Parses one template with the script's slot checks (the script loader's; load_safety and
// load_rephrase read their parts of the script with it).
using TemplateReader = std::function<std::optional<Template>(const json& v, const Ptr& at)>;

// Parses JSON; on a syntax error adds "file:line:col: error[X001]" and returns nullopt.
std::optional<json> parse_json(const std::string& file, const std::string& text, char letter,
                               std::vector<Diagnostic>& out);

}  // namespace coach::dialog
