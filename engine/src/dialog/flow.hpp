// Guided flows: small state machines from the script (gentle start-up, take
// responsibility, a break with a return time, appreciation). Tested in tests/conversations.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "coach/coach.hpp"
#include "dialog/script.hpp"

namespace coach::dialog {

// Starts flow `name` ("gentle_startup", ...; empty: the flow for the last pattern seen).
Turn start_flow(const Script& script, Session& s, std::string_view name);
// Stores the answer to the current step and asks the next question or composes.
void continue_flow(const Script& script, Session& s, std::string_view answer, Turn& t);
Turn cancel_flow(const Script& script, Session& s);
std::vector<std::string> flow_names(const Script& script);

}  // namespace coach::dialog
