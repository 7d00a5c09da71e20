// Analysis: what the engine found in one message. Field names mirror the JSON output
// contract (DESIGN.md), rendered by coach::to_json.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "coach/categories.hpp"

namespace coach {

struct Span {
  std::uint32_t start = 0;  // UTF-8 byte offsets into Analysis::text, [start, end)
  std::uint32_t end = 0;
};

struct Capture {
  std::string name;
  Span span;
  std::string text;
};

struct Finding {
  std::string category;  // "criticism", "repair.sorry", "safety.self_harm", ...
  std::string rule;      // "criticism.global_you"
  int severity = 1;      // 1 (mild) .. 3 (strong)
  Span span;
  std::string quote;     // the text at span
  std::string why;       // the rule's rationale with {match} and captures filled in
  std::vector<Capture> captures;
};

struct Signals {
  double intensity = 0.0;          // 0..1: caps, !!!, severity, pile-up
  std::vector<Finding> repair;     // repair attempts (category "repair.<group>")
  std::vector<Finding> safety;     // violence, threats, fear, self-harm, control; in text order
  std::vector<Finding> bids;       // questions and invitations: turning toward
  std::vector<Finding> requests;   // one specific thing asked for ("could you text me next time?")
};

// A typo the rules read as one of their words ("punchd" -> "punched"), so a finding
// can be explained.
struct Correction {
  Span span;
  std::string from;  // as typed
  std::string to;    // the word it was read as
};

struct Analysis {
  std::string text;                     // the message (invalid UTF-8 repaired)
  std::string language;
  std::vector<std::string> categories;  // the four patterns found, in canonical order
  std::vector<Finding> findings;        // one per pattern occurrence
  Signals signals;
  std::vector<Correction> corrections;  // typos read as words of the rules, in text order
  std::vector<std::string> warnings;    // e.g. invalid UTF-8 repaired
};

// Why a message got its findings, or did not (Engine::trace, `coach analyze --trace`): every
// rule that matched, and what became of the match.
struct TraceStep {
  std::string rule;      // "safety.violence.described", "harmless.round75_violence"
  std::string category;  // "safety.violence", "context.harmless.violence"
  Span span;
  // "kept"; "guarded" (an `unless` of its rule reached it, or a `requires` did not);
  // "context" (a context rule: it covers others, is never reported); "look-alike" (a safety
  // match dropped by a look-alike context in its sentence); "covered" (a pattern inside a
  // context's scope, such as reported speech).
  std::string outcome;
};

struct Trace {
  std::vector<TraceStep> steps;   // in sentence order, then match order
  double scorer_probability = 0;  // the safety scorer's P(any signal), raised or not
  double scorer_threshold = 1;    // it speaks only above this, and only when no rule did
};

// Safety findings ("safety.threat", "safety.threat.author"): the kind ("threat"), and
// whether the message's author does it to the reader ("I'll make you pay") rather than
// telling of it (reported, feared, or about oneself).
std::string_view safety_kind(const Finding& f);
bool by_author(const Finding& f);
// "author", "other" (someone else is at risk of hurting themselves) or "subject".
std::string_view safety_role(const Finding& f);
// The safety kinds, most urgent first: self_harm, violence, threat, fear, control.
const std::vector<std::string>& safety_kinds();
// The distinct kinds among `safety`, most urgent first.
std::vector<std::string> kinds_of(const std::vector<Finding>& safety);

// One line of JSON (no trailing newline) in the output contract's shape.
std::string to_json(const Analysis& analysis);

}  // namespace coach
