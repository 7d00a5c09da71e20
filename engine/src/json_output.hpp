// The output contract as nlohmann JSON, shared by to_json(Analysis) and to_json(Turn).
#pragma once
#include <nlohmann/json.hpp>

#include "coach/analysis.hpp"

namespace coach {

nlohmann::ordered_json analysis_json(const Analysis& a);

}  // namespace coach
