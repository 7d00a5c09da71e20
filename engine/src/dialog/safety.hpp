// Safety: what the coach says instead of coaching when a message speaks of violence,
// threats, self-harm, fear or control. The text depends on whose words they are:
//   you     the user is the one harmed, threatened, afraid or controlled (a report in
//           sending mode, or the partner's threat pasted in received mode);
//   they    the partner is at risk (their message speaks of self-harm, being hurt...);
//   sender  the user is about to send a threat or a controlling message.
// Help resources are data (dialogs/<lang>/coach.json "safety"), each for a set of
// audiences ("you.*", "*.self_harm"); "local" ones, for the deployer's own country,
// come first. Tested in tests/conversations/safety*.json (run by
// tests/unit/conversations_test.cpp).
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "coach/analysis.hpp"
#include "coach/session.hpp"
#include "dialog/json_check.hpp"
#include "dialog/template.hpp"

namespace coach::dialog {

struct Script;

struct SafetyResource {
  std::vector<std::string> audiences;  // "perspective.kind", either part may be "*"
  Template text;
};

struct SafetyScript {
  std::map<std::string, std::map<std::string, Template>> texts;  // perspective -> kind -> text
  std::map<std::string, Template> repeated;                       // perspective -> stronger notice
  std::vector<SafetyResource> resources;                          // local ones first
};

const std::vector<std::string>& safety_perspectives();  // you, they, sender
// The kinds a perspective needs a text for: sender only for violence, threat, control.
const std::vector<std::string>& safety_kinds_for(const std::string& perspective);

// Reads and validates the "safety" object (D002-D004, D011, D013 unknown audience,
// D014 an audience without a resource).
SafetyScript load_safety(JsonCheck& check, const json& safety, const TemplateReader& tmpl);

struct SafetyReply {
  std::string text;                // the help text and the resources, one per line
  std::string kind, perspective;   // the most urgent finding's
  std::vector<std::string> kinds;  // every kind found, most urgent first
  int repeated = 0;                // threat or control turns so far, when the stronger notice was given
};

// The reply for an analysis with safety findings. With a session, threat and control
// signals are counted per perspective, and from the second such turn on the stronger
// notice is added.
SafetyReply safety_reply(const Script& script, const Analysis& a, Mode mode, Session* session);

}  // namespace coach::dialog
