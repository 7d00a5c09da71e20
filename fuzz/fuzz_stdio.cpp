// Fuzz target: the `coach stdio` protocol, one request line after another, with the
// sessions kept between lines as the real loop keeps them.
#include <map>
#include <string>

#include "stdio_cmd.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  static const auto loaded = coach::Coach::builtin("en");
  std::map<std::string, coach::Session> sessions;
  const std::string all(reinterpret_cast<const char*>(data), size);
  std::size_t begin = 0;
  for (int n = 0; begin <= all.size() && n < 16; ++n) {
    auto end = all.find('\n', begin);
    if (end == std::string::npos) end = all.size();
    const std::string out = coach::app::stdio_line(*loaded.coach, sessions, all.substr(begin, end - begin));
    if (out.empty() || out.front() != '{') __builtin_trap();  // always one JSON object
    begin = end + 1;
  }
  return 0;
}
