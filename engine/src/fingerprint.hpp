// Fingerprints of loaded sources (rules, scripts), so saved sessions can tell when
// they were made with another rule set. Tested in tests/unit/conversations_test.cpp.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace coach {

// "fnv1a64:0123456789abcdef" over (file name, text) pairs, in order.
std::string fingerprint_of(const std::vector<std::pair<std::string, std::string>>& parts);

}  // namespace coach
