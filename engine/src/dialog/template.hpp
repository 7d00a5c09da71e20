// Reply templates: literal text with {slot}, {slot?default} and {slot|filter?default}.
// Parsed once at load time (errors reported by the script loader), rendered per turn.
// Tested in tests/unit/dialog_test.cpp and tests/golden/scripts.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coach::dialog {

struct TemplatePart {
  bool slot = false;
  std::string text;        // literal text, or the slot name
  std::string filter;      // "" or one of known_filters()
  std::optional<std::string> fallback;  // {slot?default}
};

struct Template {
  std::vector<TemplatePart> parts;
  std::string source;
  // Slots without a default: the template is only usable when all of them have values.
  std::vector<std::string> required() const;
};

// "swap", "trim", "lower", "cap"; a message naming them all when `name` is none of them.
std::optional<std::string> unknown_filter(const std::string& name);

// Returns an error message ("unterminated '{'") or nullopt.
std::optional<std::string> parse_template(const std::string& text, Template& out);

using Slots = std::map<std::string, std::string>;

struct Filters {
  std::map<std::string, std::string> swap;  // word -> word, lower case
  std::vector<std::string> trim;            // lead-ins to drop, lower case
};

// Nullopt when a slot without default has no value.
std::optional<std::string> render(const Template& t, const Slots& slots, const Filters& filters);

// Filters, exposed for tests.
std::string swap_persons(const std::string& text, const Filters& filters);
std::string trim_lead_in(const std::string& text, const Filters& filters);

}  // namespace coach::dialog
