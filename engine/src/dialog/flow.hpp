// Guided flows: small state machines from the script (gentle start-up, take
// responsibility, a break with a return time, appreciation). Tested in tests/conversations.
#pragma once
#include <string_view>

#include "coach/coach.hpp"
#include "dialog/script.hpp"

namespace coach::dialog {

// Stores the answer to the current step and asks the next question or composes.
void continue_flow(const Script& script, Session& s, std::string_view answer, Turn& t);

}  // namespace coach::dialog
