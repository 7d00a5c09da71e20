// The JSON output contract (DESIGN.md): an analysis, a turn (the analysis with reply, suggestions,
// flow, safety response and flooding) and an analysis with its suggestions. Tested in tests/cli
// and tests/unit/dialog_test.cpp (byte for byte against nlohmann).
#include "json_output.hpp"
#include "coach/coach.hpp"
#include "json_writer.hpp"

namespace coach {
namespace {

void write_finding(JsonWriter& w, const Finding& f, bool with_category, const char* extra_key = nullptr) {
  w.begin_object();
  if (with_category) w.key("category").value(f.category);
  w.key("rule").value(f.rule);
  w.key("severity").value(f.severity);
  w.key("span").begin_object().key("start").value(f.span.start).key("end").value(f.span.end).end_object();
  w.key("quote").value(f.quote);
  w.key("why").value(f.why);
  if (!f.captures.empty()) {
    w.key("captures").begin_object();
    for (const auto& c : f.captures) w.key(c.name).value(c.text);
    w.end_object();
  }
  if (extra_key) w.key(extra_key).value(std::string_view(f.category).substr(f.category.find('.') + 1));
  w.end_object();
}

// The most urgent safety finding, with its kind and role.
const Finding* most_urgent(const std::vector<Finding>& safety) {
  for (const auto& k : safety_kinds())
    for (const auto& f : safety)
      if (safety_kind(f) == k) return &f;
  return safety.empty() ? nullptr : &safety.front();
}

void write_safety(JsonWriter& w, const std::vector<Finding>& safety) {
  w.key("safety");
  const Finding* f = most_urgent(safety);
  if (!f) w.null();
  else {
    w.begin_object();
    w.key("rule").value(f->rule);
    w.key("severity").value(f->severity);
    w.key("span").begin_object().key("start").value(f->span.start).key("end").value(f->span.end).end_object();
    w.key("quote").value(f->quote);
    w.key("why").value(f->why);
    w.key("kind").value(safety_kind(*f));
    w.key("role").value(safety_role(*f));
    w.end_object();
  }
  w.key("safety_kinds").begin_array();
  for (const auto& k : kinds_of(safety)) w.value(k);
  w.end_array();
}

}  // namespace

void write_analysis_members(JsonWriter& w, const Analysis& a) {
  w.key("text").value(a.text);
  w.key("language").value(a.language);
  w.key("categories").begin_array();
  for (const auto& c : a.categories) w.value(c);
  w.end_array();
  w.key("findings").begin_array();
  for (const auto& f : a.findings) write_finding(w, f, true);
  w.end_array();
  w.key("signals").begin_object();
  w.key("intensity").value(a.signals.intensity);
  w.key("repair").begin_array();
  for (const auto& f : a.signals.repair) write_finding(w, f, false, "group");
  w.end_array();
  write_safety(w, a.signals.safety);
  w.key("bids").begin_array();
  for (const auto& f : a.signals.bids) write_finding(w, f, false);
  w.end_array();
  w.key("requests").begin_array();
  for (const auto& f : a.signals.requests) write_finding(w, f, false);
  w.end_array();
  w.end_object();
  if (!a.corrections.empty()) {
    w.key("corrections").begin_array();
    for (const auto& c : a.corrections) {
      w.begin_object().key("span").begin_object().key("start").value(c.span.start).key("end").value(c.span.end);
      w.end_object().key("from").value(c.from).key("to").value(c.to).end_object();
    }
    w.end_array();
  }
  if (!a.warnings.empty()) {
    w.key("warnings").begin_array();
    for (const auto& x : a.warnings) w.value(x);
    w.end_array();
  }
}

std::string to_json(const Analysis& a) {
  std::string out;
  out.reserve(256 + 2 * a.text.size());
  JsonWriter w(out);
  w.begin_object();
  write_analysis_members(w, a);
  w.end_object();
  return out;
}

namespace {

void write_suggestions(JsonWriter& w, const std::vector<Suggestion>& suggestions) {
  w.key("suggestions").begin_array();
  for (const auto& s : suggestions) {
    w.begin_object().key("category").value(s.category).key("antidote").value(s.antidote).key("text").value(s.text);
    if (!s.strategy.empty()) w.key("strategy").value(s.strategy);
    w.key("alternatives").begin_array();
    for (const auto& alt : s.alternatives) w.value(alt);
    w.end_array().end_object();
  }
  w.end_array();
}

}  // namespace

std::string to_json(const Analysis& a, const std::vector<Suggestion>& suggestions) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  write_analysis_members(w, a);
  write_suggestions(w, suggestions);
  w.end_object();
  return out;
}

std::string to_json(const Turn& t) { return to_json(t, {}); }

std::string to_json(const Turn& t, const std::vector<std::pair<std::string, std::string>>& first) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  for (const auto& [k, v] : first) w.key(k).raw(v);
  write_analysis_members(w, t.analysis);
  write_suggestions(w, t.suggestions);
  w.key("reply").value(t.reply);
  if (!t.flow.empty()) w.key("flow").begin_object().key("name").value(t.flow).key("step").value(t.step).end_object();
  w.key("safety").value(t.safety);
  w.key("safety_response");
  if (!t.safety) w.null();
  else {
    const SafetyNotice& n = t.safety_notice;
    w.begin_object().key("kind").value(n.kind).key("perspective").value(n.perspective).key("kinds").begin_array();
    for (const auto& k : n.kinds) w.value(k);
    w.end_array().key("repeated").value(n.repeated).end_object();
  }
  w.key("flooding").value(t.flooding);
  w.end_object();
  return out;
}

}  // namespace coach
