// The output contract rendered through nlohmann's document model: the reference that the
// library's hand-written JsonWriter rendering must match byte for byte (dialog_test.cpp,
// "JSON writer"). Test code only: the library never builds a DOM for its output.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "coach/coach.hpp"

namespace coach::test {

nlohmann::ordered_json analysis_json(const Analysis& a);
std::string to_json_reference(const Turn& t);

}  // namespace coach::test
