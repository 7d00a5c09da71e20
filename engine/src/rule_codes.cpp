// A rule code's stable name ("R102") from its enumerator (coach/rule_codes.hpp).
// Tested in tests/unit/rule_codes_test.cpp.
#include "coach/rule_codes.hpp"

namespace coach {

std::string code_id(RuleCode c) {
  const int n = static_cast<int>(c);  // 0-999, checked by the registry's static_assert
  return {'R', static_cast<char>('0' + n / 100), static_cast<char>('0' + n / 10 % 10), static_cast<char>('0' + n % 10)};
}

}  // namespace coach
