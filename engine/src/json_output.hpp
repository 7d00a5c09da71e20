// The output contract, shared by to_json(Analysis) and to_json(Turn).
#pragma once
#include "coach/analysis.hpp"

namespace coach {

class JsonWriter;

// The members of the analysis object, for to_json(Analysis) and to_json(Turn).
void write_analysis_members(JsonWriter& w, const Analysis& a);

}  // namespace coach
