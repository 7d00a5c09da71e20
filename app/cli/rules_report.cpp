// Per-category and per-rule evidence on labelled messages. A safety rule is
// judged by its kind where the corpus labels kinds, else by "safety". Tested in
// tests/cli/test_report.py.
#include "rules_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "coach/categories.hpp"
namespace coach::app {
namespace {

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

double ratio(std::size_t a, std::size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / static_cast<double>(b); }

double f1(const CategoryEvidence& c) {
  const double p = ratio(c.tp, c.tp + c.fp), r = ratio(c.tp, c.tp + c.fn);
  return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}

// rule id -> the category it raised in this message (only categories the corpus
// labels).
std::map<std::string, std::string> rules_fired(const Analysis& a, const std::vector<std::string>& evaluated,
                                               bool by_kind) {
  std::map<std::string, std::string> fired;
  for (const auto& f : a.findings)
    if (has(evaluated, f.category)) fired.emplace(f.rule, f.category);
  if (has(evaluated, "repair"))
    for (const auto& f : a.signals.repair) fired.emplace(f.rule, "repair");
  for (const auto& f : a.signals.safety) {
    const std::string cat = by_kind ? std::string(safety_kind(f)) : "safety";
    if (has(evaluated, cat)) fired.emplace(f.rule, cat);
  }
  return fired;
}

std::vector<std::string> predicted(const Analysis& a, const std::vector<std::string>& evaluated) {
  std::vector<std::string> out;
  for (const auto& c : a.categories)
    if (has(evaluated, c)) out.push_back(c);
  if (!a.signals.repair.empty() && has(evaluated, "repair")) out.push_back("repair");
  if (!a.signals.safety.empty() && has(evaluated, "safety")) out.push_back("safety");
  for (const auto& k : kinds_of(a.signals.safety))
    if (has(evaluated, k)) out.push_back(k);
  return out;
}

std::string shorten(const std::string& text, std::size_t max = 110) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a code point
  return text.substr(0, cut) + "...";
}

std::string where(const LabelledMessage& m) { return m.file + ":" + std::to_string(m.line); }

std::string labels_of(const LabelledMessage& m) {
  std::string s;
  for (const auto& l : m.labels) s += (s.empty() ? "" : ",") + l;
  return s.empty() ? "-" : s;
}

}  // namespace

RulesReport build_report(const Engine& engine, const std::vector<LabelledMessage>& messages) {
  RulesReport r;
  r.messages = messages.size();
  std::vector<std::string> evaluated;
  for (const auto& l : report_labels())
    if (std::any_of(messages.begin(), messages.end(), [&](const LabelledMessage& m) { return has(m.labels, l); }))
      evaluated.push_back(l);
  const bool by_kind = std::any_of(evaluated.begin(), evaluated.end(), [](const std::string& l) {
    return one_of(kSafetyKinds, l);
  });
  for (const auto& l : evaluated) r.categories.push_back({l, 0, 0, 0, {}});
  std::map<std::string, RuleEvidence> rules;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    const Analysis a = engine.analyze(m.text);
    const auto got = predicted(a, evaluated);
    if (m.labels.empty()) {
      ++r.negatives;
      if (!got.empty()) ++r.negatives_flagged;
    }
    for (auto& c : r.categories) {
      const bool want = has(m.labels, c.name), found = has(got, c.name);
      if (want && found) ++c.tp;
      if (!want && found) ++c.fp;
      if (want && !found) {
        ++c.fn;
        c.misses.push_back(i);
      }
    }
    const auto fired = rules_fired(a, evaluated, by_kind);
    std::map<std::string, int> raisers;  // category -> rules that raised it here
    for (const auto& [id, cat] : fired) ++raisers[cat];
    for (const auto& [id, cat] : fired) {
      RuleEvidence& e = rules[id];
      e.id = id;
      e.category = cat;
      ++e.fired;
      if (m.labels.empty()) ++e.on_negatives;
      if (has(m.labels, cat)) {
        ++e.correct;
        if (raisers[cat] == 1) ++e.sole;
      } else {
        e.false_positives.push_back(i);
      }
    }
  }
  for (auto& [id, e] : rules) r.rules.push_back(std::move(e));
  std::stable_sort(r.rules.begin(), r.rules.end(),
                   [](const RuleEvidence& a, const RuleEvidence& b) { return a.fired > b.fired; });
  return r;
}

void print_report_text(std::ostream& out, const RulesReport& r, const std::vector<LabelledMessage>& messages) {
  char buf[256];
  out << r.messages << " messages, " << r.negatives << " negatives\n\n";
  std::snprintf(buf, sizeof buf, "%-15s %6s %6s %6s %9s %7s %6s\n", "category", "tp", "fp", "fn", "precision", "recall",
                "f1");
  out << buf;
  for (const auto& c : r.categories) {
    std::snprintf(buf, sizeof buf, "%-15s %6zu %6zu %6zu %9.3f %7.3f %6.3f\n", c.name.c_str(), c.tp, c.fp, c.fn,
                  ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn), f1(c));
    out << buf;
  }
  std::snprintf(buf, sizeof buf, "negatives flagged: %zu/%zu (%.1f%%)\n\n", r.negatives_flagged, r.negatives,
                100 * ratio(r.negatives_flagged, r.negatives));
  out << buf;
  std::snprintf(buf, sizeof buf, "%-44s %-13s %6s %7s %9s %5s\n", "rule", "category", "fired", "correct", "precision",
                "sole");
  out << buf;
  for (const auto& e : r.rules) {
    std::snprintf(buf, sizeof buf, "%-44s %-13s %6zu %7zu %9.3f %5zu\n", e.id.c_str(), e.category.c_str(), e.fired,
                  e.correct, ratio(e.correct, e.fired), e.sole);
    out << buf;
  }
  bool header = false;
  for (const auto& e : r.rules)
    for (const auto i : e.false_positives) {
      if (!header) out << "\nfalse positives (rule, where, labels, text)\n";
      header = true;
      out << "  " << e.id << "  " << where(messages[i]) << "  " << labels_of(messages[i]) << "  "
          << shorten(messages[i].text) << "\n";
    }
  header = false;
  for (const auto& c : r.categories)
    for (const auto i : c.misses) {
      if (!header) out << "\nmisses (category, where, text)\n";
      header = true;
      out << "  " << c.name << "  " << where(messages[i]) << "  " << shorten(messages[i].text) << "\n";
    }
}

void print_report_json(std::ostream& out, const RulesReport& r, const std::vector<LabelledMessage>& messages) {
  using nlohmann::ordered_json;
  auto message = [&](std::size_t i) {
    return ordered_json{{"file", messages[i].file},
                        {"line", messages[i].line},
                        {"labels", messages[i].labels},
                        {"text", messages[i].text}};
  };
  ordered_json j;
  j["messages"] = r.messages;
  j["negatives"] = r.negatives;
  j["negatives_flagged"] = r.negatives_flagged;
  j["categories"] = ordered_json::array();
  for (const auto& c : r.categories) {
    ordered_json misses = ordered_json::array();
    for (const auto i : c.misses) misses.push_back(message(i));
    j["categories"].push_back({{"name", c.name},
                               {"tp", c.tp},
                               {"fp", c.fp},
                               {"fn", c.fn},
                               {"precision", ratio(c.tp, c.tp + c.fp)},
                               {"recall", ratio(c.tp, c.tp + c.fn)},
                               {"f1", f1(c)},
                               {"misses", std::move(misses)}});
  }
  j["rules"] = ordered_json::array();
  for (const auto& e : r.rules) {
    ordered_json fps = ordered_json::array();
    for (const auto i : e.false_positives) fps.push_back(message(i));
    j["rules"].push_back({{"id", e.id},
                          {"category", e.category},
                          {"fired", e.fired},
                          {"correct", e.correct},
                          {"precision", ratio(e.correct, e.fired)},
                          {"sole", e.sole},
                          {"on_negatives", e.on_negatives},
                          {"false_positives", std::move(fps)}});
  }
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace coach::app
