// The dialog manager: what the coach says to one analyzed message, given the session so far
// (manager.cpp), and the ledger and suggestions on their own. Coach (coach.cpp) is the public face.
// Tested in tests/conversations and tests/unit/dialog_test.cpp.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "coach/coach.hpp"
#include "dialog/script.hpp"

namespace coach::dialog {

// One message of the conversation, already analyzed: records it in `s` (unless it answers a
// flow), then the safety response, the flow's next step, or coaching, and a flooding note.
// `check` analyzes a candidate suggestion before it is offered (rephrase.hpp); empty: no check.
Turn step(const Script& script, Session& s, Analysis analysis, Mode mode, std::int64_t now, const SelfCheck& check = {});
// The 5:1 ledger of `s` in the script's words.
std::string ledger(const Script& script, const Session& s);
// One suggestion per pattern found (none when the message raised safety), from a fresh session.
std::vector<Suggestion> suggest(const Script& script, const Analysis& a, std::int64_t now, const SelfCheck& check = {});

}  // namespace coach::dialog
