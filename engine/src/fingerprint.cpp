// FNV-1a 64 over file names and texts. Tested in tests/unit/conversations_test.cpp.
#include "fingerprint.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>

namespace coach {

std::string fingerprint_of(const std::vector<std::pair<std::string, std::string>>& parts) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    h ^= 0xFF;  // a separator, so "ab"+"c" differs from "a"+"bc"
    h *= 1099511628211ULL;
  };
  for (const auto& [name, text] : parts) {
    mix(std::filesystem::path(name).filename().string());  // the same files from any directory
    mix(text);
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "fnv1a64:%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace coach
