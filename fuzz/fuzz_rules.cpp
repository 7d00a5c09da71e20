// Fuzz target: the rule language, parse + check + compile, then one analysis with the
// result. Any input must give diagnostics or a rule set, never a crash or a hang.
#include <string>

#include "coach/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  auto loaded = coach::Engine::load({{"fuzz.rules", std::string(reinterpret_cast<const char*>(data), size)}});
  if (loaded.engine) {
    loaded.engine->analyze("You never listen, whatever. I'm sorry!");
    loaded.engine->check_examples();
  }
  return 0;
}
