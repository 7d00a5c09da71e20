// Fuzz target: the rule language, parse + check + compile, then one analysis with the
// result; and the same bytes read as a safety scorer file (rules/scorer.hpp). Any input must
// give diagnostics or a rule set, never a crash or a hang.
#include <string>
#include <vector>

#include "coach/engine.hpp"
#include "rules/scorer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto loaded = coach::Engine::load({{"fuzz.rules", text}});
  if (loaded.engine) {
    loaded.engine->analyze("You never listen, whatever. I'm sorry!");
    loaded.engine->check_examples();
  }
  std::vector<coach::Diagnostic> diagnostics;
  coach::rules::parse_scorer("fuzz.scorer", text, diagnostics);
  return 0;
}
