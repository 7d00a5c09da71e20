// Rendering helpers and suggestion rotation. Tested in tests/unit/dialog_test.cpp.
#include "dialog/compose.hpp"

#include <cstdio>
#include <memory>
#include <optional>

#include <unicode/timezone.h>
#include <unicode/unistr.h>
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
namespace {

// The wall clock at `t` in `zone` (ICU's time zone data), or nullopt when ICU does not know it.
std::optional<std::tm> wall_clock(std::int64_t t, const std::string& zone) {
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
  icu::UnicodeString id;
  if (!tz || tz->getID(id) == icu::UnicodeString(u"Etc/Unknown")) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::int32_t raw = 0, dst = 0;
  tz->getOffset(static_cast<UDate>(t) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return std::nullopt;
  const std::time_t shifted = static_cast<std::time_t>(t + (raw + dst) / 1000);
  std::tm tm{};
  gmtime_r(&shifted, &tm);
  return tm;
}

std::tm clock_at(std::int64_t t, const std::string& zone) {
  if (!zone.empty())
    if (auto tm = wall_clock(t, zone)) return *tm;
  const std::time_t raw = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&raw, &tm);
  return tm;
}

}  // namespace

std::string rounded_time(std::int64_t now, int minutes, const std::string& time_zone) {
  std::int64_t t = now + 60LL * minutes;
  std::tm tm = clock_at(t, time_zone);
  const int past = (tm.tm_min % 15) * 60 + tm.tm_sec;
  if (past) t += 15 * 60 - past;
  tm = clock_at(t, time_zone);
  const int hour = tm.tm_hour % 12 == 0 ? 12 : tm.tm_hour % 12;
  char buf[24];
  if (tm.tm_min == 0) std::snprintf(buf, sizeof buf, "around %d", hour);
  else std::snprintf(buf, sizeof buf, "around %d:%02d", hour, tm.tm_min);
  return buf;
}

Slots base_slots(std::int64_t now, const std::string& time_zone) {
  return {{"return_time", rounded_time(now, 20, time_zone)}};
}

Slots finding_slots(const Finding& f, std::int64_t now, const std::string& time_zone) {
  Slots s = base_slots(now, time_zone);
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
