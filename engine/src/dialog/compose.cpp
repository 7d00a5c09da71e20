// Rendering helpers and suggestion rotation. Tested in tests/unit/dialog_test.cpp.
#include "dialog/compose.hpp"

#include <cstdio>
#include <ctime>

namespace coach::dialog {

std::string say(const Script& script, const Template& t, const Slots& slots) {
  return render(t, slots, script.filters).value_or(t.source);
}

std::string say(const Script& script, const std::string& message_key, const Slots& slots) {
  return say(script, script.message(message_key), slots);
}

std::string ratio(const Script& script, int positive, int negative) {
  if (negative == 0) return say(script, "ratio_none");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(positive) / negative);
  return say(script, "ratio", {{"value", buf}});
}

// "around 6:15": at least `minutes` from now, rounded up to the quarter hour, on a 12-hour clock
// ("around 7" on the hour). A break "until 17:58" reads like a timer, not like a person.
std::string rounded_time(std::int64_t now, int minutes) {
  std::int64_t t = now + 60LL * minutes;
  const std::time_t raw = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&raw, &tm);
  const int past = (tm.tm_min % 15) * 60 + tm.tm_sec;
  if (past) t += 15 * 60 - past;
  const std::time_t up = static_cast<std::time_t>(t);
  localtime_r(&up, &tm);
  const int hour = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  char buf[24];
  if (tm.tm_min == 0) std::snprintf(buf, sizeof buf, "around %d", hour);
  else std::snprintf(buf, sizeof buf, "around %d:%02d", hour, tm.tm_min);
  return buf;
}

Slots base_slots(std::int64_t now) { return {{"return_time", rounded_time(now, 20)}}; }

Slots finding_slots(const Finding& f, std::int64_t now) {
  Slots s = base_slots(now);
  for (const auto& c : f.captures) s[c.name] = c.text;
  s["quote"] = f.quote;
  return s;
}

std::optional<std::string> pick(const Script& script, const std::vector<Template>& list, const Slots& slots,
                                Session& session, const std::string& key) {
  std::vector<const Template*> usable;
  for (const auto& t : list) {
    bool ok = true;
    for (const auto& r : t.required()) ok = ok && slots.count(r) && !slots.at(r).empty();
    if (ok) usable.push_back(&t);
  }
  if (usable.empty()) return std::nullopt;
  const unsigned turn = session.rotation[key]++;
  return say(script, *usable[(session.seed + turn) % usable.size()], slots);
}

}  // namespace coach::dialog
