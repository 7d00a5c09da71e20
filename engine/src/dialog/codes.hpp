// Diagnostic codes of coaching scripts (D) and practice scenarios (P), in one registry: grep a
// code ("D007") and find its enumerator here; grep the enumerator and find every place that
// reports it. The README's tables list the same codes (tests/unit/dialog_test.cpp, "diagnostic
// codes": every code here is documented there, and nothing else is).
#pragma once
#include <array>
#include <string>

namespace coach::dialog {

// Coaching scripts (dialogs/<lang>/coach.json).
enum class ScriptCode : int {
  cannot_read = 0,                // D000
  invalid_json = 1,               // D001
  wrong_type = 2,                 // D002
  missing_key = 3,                // D003
  unknown_key = 4,                // D004
  unknown_slot = 5,               // D005
  unknown_filter = 6,             // D006
  bad_template = 7,               // D007
  unknown_category = 8,           // D008
  unknown_step = 9,               // D009: a flow step, start or flow that does not exist
  unknown_repair_group = 10,      // D010
  empty_list = 11,                // D011
  language_mismatch = 12,         // D012
  unknown_audience = 13,          // D013
  audience_without_resource = 14  // D014
};

// Practice scenarios (dialogs/<lang>/practice/*.json).
enum class ScenarioCode : int {
  cannot_read = 0,         // P000
  invalid_json = 1,        // P001
  wrong_type = 2,          // P002
  missing_key = 3,         // P003
  unknown_key = 4,         // P004
  unknown_node = 5,        // P005: retired with the node graphs (scenarios have beats now)
  unknown_reply_kind = 6,  // P006: retired with the node graphs
  ending_unreachable = 7,  // P007: retired with the node graphs
  turn_limit = 8,          // P008
  duplicate_id = 9,        // P009
  unknown_ending = 10,     // P010: retired with the node graphs
  empty_list = 11,         // P011
  too_few_lines = 12,      // P012: a beat with fewer than four variants
  unknown_condition = 13,  // P013: a line's `when` names no condition the coach reads
  unknown_aim = 14,        // P014
  unknown_slot = 15,       // P015: a line uses a slot no turn and no fact fills
  bad_temperature = 16,    // P016: start or boil out of range
  unknown_filter = 17      // P017
};

// The checks both kinds of file share (JsonCheck's typed access): the same number in both.
enum class CommonCode : int { invalid_json = 1, wrong_type = 2, missing_key = 3, unknown_key = 4, empty_list = 11 };

#define COACH_SAME_CODE(name)                                                      \
  static_assert(static_cast<int>(CommonCode::name) == static_cast<int>(ScriptCode::name) && \
                static_cast<int>(CommonCode::name) == static_cast<int>(ScenarioCode::name))
COACH_SAME_CODE(invalid_json);
COACH_SAME_CODE(wrong_type);
COACH_SAME_CODE(missing_key);
COACH_SAME_CODE(unknown_key);
COACH_SAME_CODE(empty_list);
#undef COACH_SAME_CODE

inline constexpr int kScriptCodeCount = 15;
inline constexpr int kScenarioCodeCount = 18;
static_assert(static_cast<int>(ScriptCode::audience_without_resource) + 1 == kScriptCodeCount);
static_assert(static_cast<int>(ScenarioCode::unknown_filter) + 1 == kScenarioCodeCount);

// "D007", "P005".
std::string code_id(ScriptCode c);
std::string code_id(ScenarioCode c);

}  // namespace coach::dialog
