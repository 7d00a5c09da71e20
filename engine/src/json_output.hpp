// The output contract, shared by to_json(Analysis) and to_json(Turn).
#pragma once
#include <nlohmann/json.hpp>

#include "coach/analysis.hpp"

namespace coach {

class JsonWriter;
struct Turn;

// to_json(Turn) through nlohmann's document model: the reference the writer must match.
std::string to_json_reference(const Turn& t);

// The reference rendering as a document (tests compare the writer with it).
nlohmann::ordered_json analysis_json(const Analysis& a);
// The members of the analysis object, for to_json(Analysis) and to_json(Turn).
void write_analysis_members(JsonWriter& w, const Analysis& a);

}  // namespace coach
