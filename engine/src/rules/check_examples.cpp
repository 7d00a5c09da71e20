// `example` lines must make their rule fire, `counter` lines must not; and every `match`
// and `unless` clause should be shown at work by one of them (coverage warnings).
// Tested in tests/golden (R201, R202), tests/unit/rules_parse_test.cpp (R133, R134) and by
// `coach rules check` over the shipped rules.
#include <algorithm>

#include "coach/engine.hpp"
#include "coach/rule_codes.hpp"
#include "rules/rule_set.hpp"

namespace coach {

std::vector<Diagnostic> Engine::check_examples() const {
  std::vector<Diagnostic> out;
  for (const auto& r : set_->rules) {
    for (const auto& ex : r.examples) {
      std::vector<std::string> fired;
      set_->analyze(ex.text, &fired);
      const bool hit = std::find(fired.begin(), fired.end(), r.id) != fired.end();
      if (!ex.counter && !hit)
        out.push_back({ex.file, ex.line, ex.column, code_id(RuleCode::example_not_matched),
                       "example does not match rule '" + r.id + "': \"" + ex.text + "\"", false});
      if (ex.counter && hit)
        out.push_back({ex.file, ex.line, ex.column, code_id(RuleCode::counter_matched),
                       "counter matches rule '" + r.id + "': \"" + ex.text + "\"", false});
    }
  }
  return out;
}

std::vector<Diagnostic> Engine::check_coverage() const {
  const auto& prog = set_->program;
  std::vector<std::uint8_t> shown(prog.patterns.size(), 0);  // exercised by its own rule's lines
  std::vector<std::uint32_t> seen;
  for (std::size_t r = 0; r < set_->rules.size(); ++r)
    for (const auto& ex : set_->rules[r].examples) {
      seen.clear();
      set_->analyze(ex.text, nullptr, &seen);
      for (const auto p : seen) {
        const auto& pi = prog.patterns[p];
        // A match counts on an example, an unless on a counter, each of its own rule.
        if (pi.rule == r && (pi.role == rules::Role::match) != ex.counter &&
            pi.role != rules::Role::require)
          shown[p] = 1;
      }
    }
  std::vector<Diagnostic> out;
  for (std::size_t p = 0; p < prog.patterns.size(); ++p) {
    const auto& pi = prog.patterns[p];
    if (shown[p] || pi.role == rules::Role::require) continue;
    const auto& rule = set_->rules[pi.rule];
    const auto [line, column] = set_->pattern_pos[p];
    if (pi.role == rules::Role::match)
      out.push_back({rule.file, line, column, code_id(RuleCode::match_not_shown),
                     "no example of rule '" + rule.id + "' is found by this 'match'; add one that is", true});
    else
      out.push_back({rule.file, line, column, code_id(RuleCode::unless_not_shown),
                     "no counter of rule '" + rule.id + "' is stopped by this '" +
                         (pi.role == rules::Role::except ? "except" : "unless") + "'; add one that is",
                     true});
  }
  return out;
}

}  // namespace coach
