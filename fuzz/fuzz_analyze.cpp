// Fuzz target: a conversation on arbitrary bytes. Each input is split at newlines into
// turns (sending, received, commands), then the session is saved and restored.
#include <string>

#include "coach/coach.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  static const auto loaded = coach::Coach::builtin("en");
  const coach::Coach& c = *loaded.coach;
  coach::Session s(size);
  const std::string all(reinterpret_cast<const char*>(data), size);
  std::size_t begin = 0, n = 0;
  while (begin <= all.size() && n < 16) {
    auto end = all.find('\n', begin);
    if (end == std::string::npos) end = all.size();
    const auto line = all.substr(begin, end - begin);
    c.turn(s, line, n % 3 == 2 ? coach::Mode::received : coach::Mode::sending, 1000 + 30 * static_cast<long>(n));
    begin = end + 1;
    ++n;
  }
  auto restored = c.restore(s.to_json());
  if (!restored.session) __builtin_trap();  // a saved session must load back
  c.restore(all);  // and arbitrary bytes must not crash the loader
  return 0;
}
