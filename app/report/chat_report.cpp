// `coach report`: the per-person, per-week picture of a chat. See chat_report.hpp.
#include "chat_report.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "coach/categories.hpp"

namespace coach::report {
namespace {

constexpr std::int64_t kFloodWindow = 10 * 60;  // seconds: hard messages this close pile up
constexpr std::size_t kFloodMessages = 3;

std::int64_t monday_of(std::int64_t day) { return day - ((day % 7 + 7 + 3) % 7); }  // 1970-01-01 was a Thursday

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

std::string ratio_text(std::size_t positive, std::size_t negative) {
  if (negative == 0) return positive ? "no negatives" : "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f : 1", static_cast<double>(positive) / static_cast<double>(negative));
  return buf;
}

nlohmann::ordered_json ratio_json(std::size_t positive, std::size_t negative) {
  if (negative == 0) return nullptr;
  return static_cast<double>(positive) / static_cast<double>(negative);
}

}  // namespace

std::int64_t day_of(std::int64_t t) { return t >= 0 ? t / 86400 : (t - 86399) / 86400; }

std::vector<const Typical*> most_typical(const Person& p, std::size_t pattern) {
  std::vector<const Typical*> top;
  for (const auto& [_, t] : p.typical[pattern]) top.push_back(&t);
  std::stable_sort(top.begin(), top.end(), [](const Typical* a, const Typical* b) { return a->count > b->count; });
  if (top.size() > 3) top.resize(3);
  return top;
}

std::string format_day(std::int64_t days) {
  int y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  return buf;
}

std::string format_time(std::int64_t t) {
  const std::int64_t secs = t - day_of(t) * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60));
  return format_day(day_of(t)) + buf;
}

ChatReport::ChatReport(const Coach& coach, ReportOptions options) : coach_(coach), options_(options) {}

std::size_t ChatReport::person(const std::string& sender) {
  auto [it, fresh] = index_.emplace(sender, people_.size());
  if (fresh) {
    Person p;
    p.name = options_.anonymize ? "Person " + std::to_string(people_.size() + 1) : sender;
    people_.push_back(std::move(p));
  }
  return it->second;
}

// Three or more hard messages within ten minutes start a flood; it lasts while they keep coming.
void ChatReport::flood(Person& p, std::int64_t time, bool hard) {
  if (!hard) return;
  auto& r = p.recent_hard;
  r.erase(std::remove_if(r.begin(), r.end(), [&](std::int64_t t) { return time - t > kFloodWindow; }), r.end());
  r.push_back(time);
  if (p.flooding && !p.floods.empty() && time - p.floods.back().end <= kFloodWindow) {
    p.floods.back().end = time;
    ++p.floods.back().hard_messages;
    return;
  }
  p.flooding = false;
  if (r.size() >= kFloodMessages) {
    p.flooding = true;
    p.floods.push_back(Flood{r.front(), time, r.size()});
  }
}

void ChatReport::add(const ChatMessage& m) {
  const std::size_t who = person(m.sender);
  Person& p = people_[who];
  const Analysis a = coach_.engine().analyze(m.text);
  if (messages_++ == 0) first_ = m.time;
  first_ = std::min(first_, m.time);
  last_ = std::max(last_, m.time);

  Tally& week = weeks_[monday_of(day_of(m.time))][who];
  const std::size_t negative = a.categories.size(), positive = a.signals.repair.size();
  for (Tally* t : {&p.total, &week}) {
    ++t->messages;
    t->negative += negative;
    t->positive += positive;
  }
  for (std::size_t i = 0; i < kHorsemen.size(); ++i) {
    if (std::find(a.categories.begin(), a.categories.end(), kHorsemen[i]) == a.categories.end()) continue;
    ++p.total.patterns[i];
    ++week.patterns[i];
    for (const auto& f : a.findings) {
      if (f.category != kHorsemen[i]) continue;
      Typical& t = p.typical[i][f.rule];
      if (t.count++ == 0) t.rule = f.rule, t.quote = f.quote;
    }
  }
  // A repair waiting for the other's answer: this is it.
  if (pending_repair_from_ != SIZE_MAX && pending_repair_from_ != who) {
    auto& r = people_[pending_repair_from_];
    (negative ? r.repairs_answered_hard : r.repairs_answered_softly)++;
    pending_repair_from_ = SIZE_MAX;
  }
  if (positive) {
    ++p.repairs;
    pending_repair_from_ = who;
  }
  flood(p, m.time, negative > 0);

  if (!a.signals.safety.empty()) {
    SafetyItem s{m.time, p.name, a.signals.safety.front().quote, {}};
    for (const auto& f : a.signals.safety) {
      std::string kind = f.category.substr(f.category.find('.') + 1);
      kind = kind.substr(0, kind.find('.'));
      if (std::find(s.kinds.begin(), s.kinds.end(), kind) == s.kinds.end()) s.kinds.push_back(kind);
      if (!help_.count(kind)) {
        // The coach's own answer to such a message, as read by the other person (received mode).
        Session session;
        help_[kind] = coach_.respond(session, m.text, Mode::received, m.time).reply;
      }
    }
    if (safety_.size() < 1000) safety_.push_back(std::move(s));
  }
}

void ChatReport::add_read(const std::string& file, const ExportRead& read) { reads_.emplace_back(file, read); }

std::string ChatReport::terminal() const {
  std::string out;
  for (const auto& [file, r] : reads_) {
    out += file + ": " + r.format + (r.date_order.empty() ? "" : ", dates " + r.date_order) + ", " +
           std::to_string(r.skipped) + " system lines and attachments skipped\n";
    for (const auto& w : r.warnings)
      out += "  warning" + (w.line ? " (line " + std::to_string(w.line) + ")" : std::string()) + ": " + w.message + "\n";
  }
  if (messages_ == 0) return out + "No messages.\n";
  out += std::to_string(messages_) + " messages from " + format_day(day_of(first_)) + " to " + format_day(day_of(last_)) + "\n";
  if (!safety_.empty()) {
    out += "\nSAFETY FIRST: " + std::to_string(safety_.size()) + " message(s) speak of danger\n";
    for (std::size_t i = 0; i < safety_.size() && i < 10; ++i) {
      const auto& s = safety_[i];
      std::string kinds;
      for (const auto& k : s.kinds) kinds += (kinds.empty() ? "" : ", ") + k;
      out += "  " + format_time(s.time) + "  " + s.sender + ": \"" + s.quote + "\" (" + kinds + ")\n";
    }
    for (const auto& [kind, help] : help_) out += "\n" + help + "\n";
  }
  for (const Person& p : people_) {
    out += "\n" + p.name + ": " + std::to_string(p.total.messages) + " messages, positive " +
           std::to_string(p.total.positive) + ", negative " + std::to_string(p.total.negative) + " (" +
           ratio_text(p.total.positive, p.total.negative) + "; aim for 5 : 1)\n";
    for (std::size_t i = 0; i < kHorsemen.size(); ++i) {
      if (!p.total.patterns[i]) continue;
      out += "  " + std::string(kHorsemen[i]) + ": " + std::to_string(p.total.patterns[i]) +
             (p.total.patterns[i] == 1 ? " message\n" : " messages\n");
      for (const Typical* t : most_typical(p, i)) out += "    \"" + t->quote + "\" (" + std::to_string(t->count) + "x)\n";
    }
    if (p.repairs)
      out += "  repair attempts: " + std::to_string(p.repairs) + ", answered without a pattern: " +
             std::to_string(p.repairs_answered_softly) + ", with one: " + std::to_string(p.repairs_answered_hard) + "\n";
    if (!p.floods.empty()) {
      const auto& f = *std::max_element(p.floods.begin(), p.floods.end(),
                                        [](const Flood& a, const Flood& b) { return a.hard_messages < b.hard_messages; });
      out += "  flooding: " + std::to_string(p.floods.size()) + " episode(s); the longest " + format_time(f.start) +
             ", " + std::to_string(f.hard_messages) + " hard messages\n";
    }
  }
  out += "\nWeek        ";
  for (const Person& p : people_) out += "  " + p.name + " (+/-)";
  out += "\n";
  for (const auto& [monday, row] : weeks_) {
    out += format_day(monday);
    for (std::size_t i = 0; i < people_.size(); ++i) {
      const auto it = row.find(i);
      const Tally t = it == row.end() ? Tally{} : it->second;
      out += "  " + std::to_string(t.positive) + "/" + std::to_string(t.negative) + " " + ratio_text(t.positive, t.negative);
    }
    out += "\n";
  }
  return out;
}

std::string ChatReport::json() const {
  using ojson = nlohmann::ordered_json;
  ojson files = ojson::array();
  for (const auto& [file, r] : reads_) {
    ojson warnings = ojson::array();
    for (const auto& w : r.warnings) warnings.push_back({{"line", w.line}, {"message", w.message}});
    files.push_back({{"file", file}, {"format", r.format}, {"date_order", r.date_order}, {"skipped", r.skipped},
                     {"warnings", warnings}});
  }
  ojson safety = ojson::array();
  for (const auto& s : safety_)
    safety.push_back({{"time", format_time(s.time)}, {"sender", s.sender}, {"quote", s.quote}, {"kinds", s.kinds}});
  ojson help = ojson::object();
  for (const auto& [kind, text] : help_) help[kind] = text;
  ojson people = ojson::array();
  for (const Person& p : people_) {
    ojson patterns = ojson::object(), typical = ojson::object();
    for (std::size_t i = 0; i < kHorsemen.size(); ++i) {
      const std::string name(kHorsemen[i]);
      patterns[name] = p.total.patterns[i];
      ojson list = ojson::array();
      for (const Typical* t : most_typical(p, i)) list.push_back({{"rule", t->rule}, {"count", t->count}, {"quote", t->quote}});
      typical[name] = list;
    }
    ojson floods = ojson::array();
    for (const auto& f : p.floods)
      floods.push_back({{"start", format_time(f.start)}, {"end", format_time(f.end)}, {"hard_messages", f.hard_messages}});
    people.push_back({{"name", p.name}, {"messages", p.total.messages}, {"positive", p.total.positive},
                      {"negative", p.total.negative}, {"ratio", ratio_json(p.total.positive, p.total.negative)},
                      {"patterns", patterns}, {"typical", typical}, {"repairs", p.repairs},
                      {"repairs_answered_softly", p.repairs_answered_softly},
                      {"repairs_answered_hard", p.repairs_answered_hard}, {"flooding", floods}});
  }
  ojson weeks = ojson::array();
  for (const auto& [monday, row] : weeks_) {
    ojson by = ojson::object();
    for (const auto& [i, t] : row) {
      ojson patterns = ojson::object();
      for (std::size_t k = 0; k < kHorsemen.size(); ++k) patterns[std::string(kHorsemen[k])] = t.patterns[k];
      by[people_[i].name] = {{"messages", t.messages}, {"positive", t.positive}, {"negative", t.negative},
                             {"ratio", ratio_json(t.positive, t.negative)}, {"patterns", patterns}};
    }
    weeks.push_back({{"week", format_day(monday)}, {"people", by}});
  }
  ojson out = {{"files", files},
               {"messages", messages_},
               {"first", messages_ ? ojson(format_time(first_)) : ojson(nullptr)},
               {"last", messages_ ? ojson(format_time(last_)) : ojson(nullptr)},
               {"safety", safety},
               {"safety_help", help},
               {"people", people},
               {"weeks", weeks}};
  // Names and quotes come from the file: invalid UTF-8 is replaced, never a failure.
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace coach::report
