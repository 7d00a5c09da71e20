// Shared by the manager and the flows: rendering with fallbacks, slot sets from
// findings, and rotating choice among the templates whose slots are filled.
// Tested in tests/unit/dialog_test.cpp and tests/conversations.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "coach/analysis.hpp"
#include "coach/session.hpp"
#include "dialog/script.hpp"

namespace coach::dialog {

// Always a string: a template whose slots are missing renders its source text.
std::string say(const Script& script, const Template& t, const Slots& slots = {});
std::string say(const Script& script, const std::string& message_key, const Slots& slots = {});

// "around 7:45": `now` plus at least `minutes`, rounded up to the quarter hour, in the IANA
// `time_zone` ("Europe/Berlin", as a front end such as Direct Line reports the user's), or the
// machine's local time when it is empty or unknown.
std::string rounded_time(std::int64_t now, int minutes, const std::string& time_zone = {});

// "2.5 to 1", or "no negatives": the messages `ratio` and `ratio_none`.
std::string ratio(const Script& script, int positive, int negative);

// Slots every template may use: return_time.
Slots base_slots(std::int64_t now, const std::string& time_zone = {});
// Base slots plus the finding's captures and quote.
Slots finding_slots(const Finding& f, std::int64_t now, const std::string& time_zone = {});

// The next template of `list` usable with `slots`, rotating per `key` so that
// suggestions vary within a session; nullopt when none is usable.
std::optional<std::string> pick(const Script& script, const std::vector<Template>& list, const Slots& slots,
                                Session& session, const std::string& key);

}  // namespace coach::dialog
