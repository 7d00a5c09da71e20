// Fuzz target: the coaching-script loader (first byte even) and the practice-scenario
// loader (odd). Any input must give diagnostics or a loaded model, never a crash.
#include <string>
#include <vector>

#include "dialog/scenario.hpp"
#include "dialog/script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    coach::dialog::load_script("fuzz.json", text);
  } else {
    std::vector<coach::Diagnostic> d;
    coach::dialog::load_scenario("fuzz.json", text, d);
  }
  return 0;
}
