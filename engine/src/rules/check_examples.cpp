// `example` lines must make their rule fire, `counter` lines must not.
// Tested in tests/golden (R201, R202) and by `coach rules check` over the shipped rules.
#include <algorithm>

#include "coach/engine.hpp"
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
        out.push_back({ex.file, ex.line, ex.column, "R201",
                       "example does not match rule '" + r.id + "': \"" + ex.text + "\"", false});
      if (ex.counter && hit)
        out.push_back({ex.file, ex.line, ex.column, "R202",
                       "counter matches rule '" + r.id + "': \"" + ex.text + "\"", false});
    }
  }
  return out;
}

}  // namespace coach
