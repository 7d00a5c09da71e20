// The coach's reply as a chat channel shows it. Web Chat and most Bot Framework channels render
// an activity's text as Markdown: the plain reply's indented lines would run into one paragraph
// and a quoted '*' or '[' would turn into formatting. So each line becomes its own paragraph
// (a blank line between parts), a leading label ("Criticism:", "You could say:") is bold, and
// every character Markdown would read is escaped, the user's quoted words included. Suggestions
// become suggestedActions buttons (sending the phrasing back to the coach checks it), with
// :rewrite (or, inside a guided flow, :cancel) as a button too; none on a safety reply.
// Tested in tests/unit/channel_reply_test.cpp and tests/clients/webchat.browser.js.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "coach/coach.hpp"

namespace coach::app {

std::string markdown_reply(const std::string& plain);
// {"actions":[...]}, or null when there is nothing to offer.
nlohmann::ordered_json suggested_actions(const Coach& coach, const Turn& turn);

}  // namespace coach::app
