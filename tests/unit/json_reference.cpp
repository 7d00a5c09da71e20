// See json_reference.hpp. Written independently of engine/src/json_output.cpp on purpose: a
// differential test needs two implementations.
#include "json_reference.hpp"

namespace coach::test {
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

// The first finding of the most urgent kind present.
const Finding* most_urgent(const std::vector<Finding>& safety) {
  for (const auto& k : safety_kinds())
    for (const auto& f : safety)
      if (safety_kind(f) == k) return &f;
  return safety.empty() ? nullptr : &safety.front();
}

}  // namespace

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
  if (const Finding* f = most_urgent(a.signals.safety)) {
    safety = finding_json(*f, false);
    safety.erase("captures");
    safety["kind"] = safety_kind(*f);
    safety["role"] = safety_role(*f);
  }
  nlohmann::ordered_json bids = nlohmann::ordered_json::array();
  for (const auto& f : a.signals.bids) bids.push_back(finding_json(f, false));
  nlohmann::ordered_json requests = nlohmann::ordered_json::array();
  for (const auto& f : a.signals.requests) requests.push_back(finding_json(f, false));
  j["signals"] = {{"intensity", a.signals.intensity}, {"repair", repair}, {"safety", safety},
                  {"safety_kinds", kinds_of(a.signals.safety)}, {"bids", bids}, {"requests", requests}};
  for (const auto& c : a.corrections)
    j["corrections"].push_back(
        {{"span", {{"start", c.span.start}, {"end", c.span.end}}}, {"from", c.from}, {"to", c.to}});
  if (!a.warnings.empty()) j["warnings"] = a.warnings;
  return j;
}

std::string to_json_reference(const Turn& t) {
  auto j = analysis_json(t.analysis);
  auto& sug = j["suggestions"] = nlohmann::ordered_json::array();
  for (const auto& s : t.suggestions) {
    nlohmann::ordered_json one = {{"category", s.category}, {"antidote", s.antidote}, {"text", s.text}};
    if (!s.strategy.empty()) one["strategy"] = s.strategy;
    one["alternatives"] = s.alternatives;
    sug.push_back(std::move(one));
  }
  j["reply"] = t.reply;
  if (!t.flow.empty()) j["flow"] = {{"name", t.flow}, {"step", t.step}};
  j["safety"] = t.safety;
  j["safety_response"] = nullptr;
  if (t.safety)
    j["safety_response"] = {{"kind", t.safety_notice.kind},
                            {"perspective", t.safety_notice.perspective},
                            {"kinds", t.safety_notice.kinds},
                            {"repeated", t.safety_notice.repeated}};
  j["flooding"] = t.flooding;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace coach::test
