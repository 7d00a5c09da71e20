// The JSON output contract (DESIGN.md), one line per analysis. Tested in tests/cli.
#include <nlohmann/json.hpp>

#include "json_output.hpp"

namespace coach {
namespace {

nlohmann::ordered_json finding_json(const Finding& f, bool with_category) {
  nlohmann::ordered_json j;
  if (with_category) j["category"] = f.category;
  j["rule"] = f.rule;
  j["severity"] = f.severity;
  j["span"] = {{"start", f.span.start}, {"end", f.span.end}};
  j["quote"] = f.quote;
  j["why"] = f.why;
  if (!f.captures.empty()) {
    nlohmann::ordered_json caps = nlohmann::ordered_json::object();
    for (const auto& c : f.captures) caps[c.name] = c.text;
    j["captures"] = caps;
  }
  return j;
}

}  // namespace

std::string to_json(const Analysis& a) {
  return analysis_json(a).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::ordered_json analysis_json(const Analysis& a) {
  nlohmann::ordered_json j;
  j["text"] = a.text;
  j["language"] = a.language;
  j["categories"] = a.categories;
  j["findings"] = nlohmann::ordered_json::array();
  for (const auto& f : a.findings) j["findings"].push_back(finding_json(f, true));
  nlohmann::ordered_json repair = nlohmann::ordered_json::array();
  for (const auto& f : a.signals.repair) {
    auto r = finding_json(f, false);
    r["group"] = f.category.substr(f.category.find('.') + 1);
    repair.push_back(std::move(r));
  }
  nlohmann::ordered_json safety = nullptr;
  if (!a.signals.safety.empty()) {
    const Finding& f = a.signals.safety.front();
    safety = finding_json(f, false);
    safety["kind"] = f.category.substr(f.category.find('.') + 1);
  }
  nlohmann::ordered_json bids = nlohmann::ordered_json::array();
  for (const auto& f : a.signals.bids) bids.push_back(finding_json(f, false));
  j["signals"] = {{"intensity", a.signals.intensity}, {"repair", repair}, {"safety", safety}, {"bids", bids}};
  if (!a.warnings.empty()) j["warnings"] = a.warnings;
  return j;
}

}  // namespace coach
