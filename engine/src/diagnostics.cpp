// Diagnostic formatting. Tested in tests/golden (diagnostics).
#include "coach/diagnostics.hpp"

namespace coach {

std::string format(const Diagnostic& d) {
  std::string out = d.file;
  if (!d.pointer.empty()) out += ":" + d.pointer;
  else if (d.line) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  out += d.warning ? ": warning[" : ": error[";
  out += d.code + "]: " + d.message;
  return out;
}

std::string format(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += format(d) + "\n";
  return out;
}

}  // namespace coach
