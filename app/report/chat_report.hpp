// `coach report`: a chat export read as a whole. Each message is analyzed by the engine; per
// person the four patterns are counted with their most typical findings (the rules that fired
// most, each with a quote), repair attempts and whether the other person answered them without
// a pattern, the positive-to-negative balance per week against 5:1 (positive: repair attempts,
// as in the coach's ledger; negative: the patterns), and flooding episodes (three or more hard
// messages from one person within ten minutes). Safety findings come first, with the coach's
// help text. Memory grows with weeks and people, not messages. Output: a terminal summary,
// JSON (the schema is in the README) and a page (report_html.cpp). Tested in tests/report/test_report.py.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "chat_export.hpp"
#include "coach/coach.hpp"

namespace coach::report {

struct Typical {
  std::string rule;
  std::size_t count = 0;
  std::string quote;  // the first message it fired on, as quoted
};

struct Flood {
  std::int64_t start = 0, end = 0;
  std::size_t hard_messages = 0;
};

struct Tally {
  std::size_t messages = 0, positive = 0, negative = 0;
  std::array<std::size_t, 4> patterns{};  // messages showing each of kHorsemen
};

struct Person {
  std::string name;
  Tally total;
  std::array<std::map<std::string, Typical>, 4> typical;  // per pattern, rule -> how often
  std::size_t repairs = 0, repairs_answered_softly = 0, repairs_answered_hard = 0;
  std::vector<Flood> floods;
  // In progress: the hard messages of the last ten minutes, and a flood being extended.
  std::vector<std::int64_t> recent_hard;
  bool flooding = false;
};

struct SafetyItem {
  std::int64_t time = 0;
  std::string sender, quote;
  std::vector<std::string> kinds;
};

struct ReportOptions {
  bool anonymize = false;  // "Person 1", "Person 2" for the senders, in order of appearance
};

class ChatReport {
 public:
  ChatReport(const Coach& coach, ReportOptions options);
  void add(const ChatMessage& m);
  void add_read(const std::string& file, const ExportRead& read);  // format, warnings, skipped

  std::string terminal() const;
  std::string json() const;
  std::string html() const;  // one self-contained page (report_html.cpp)

 private:
  const Coach& coach_;
  ReportOptions options_;
  std::vector<Person> people_;
  std::map<std::string, std::size_t> index_;  // sender -> people_
  std::map<std::int64_t, std::map<std::size_t, Tally>> weeks_;  // Monday (days since 1970) -> person -> tally
  std::vector<SafetyItem> safety_;
  std::map<std::string, std::string> help_;  // safety kind -> the coach's answer to such a message
  std::vector<std::pair<std::string, ExportRead>> reads_;
  std::size_t messages_ = 0;
  std::int64_t first_ = 0, last_ = 0;
  std::size_t pending_repair_from_ = SIZE_MAX;  // a repair waiting for the other's answer

  std::size_t person(const std::string& sender);
  void flood(Person& p, std::int64_t time, bool hard);
};

// A person's most typical findings of one pattern (by kHorsemen index): the rules that fired
// most, at most three, most frequent first.
std::vector<const Typical*> most_typical(const Person& p, std::size_t pattern);

// The day (since 1970-01-01) of seconds on the chat's clock.
std::int64_t day_of(std::int64_t t);
// "2024-03-02 19:05" from seconds on the chat's clock.
std::string format_time(std::int64_t t);
std::string format_day(std::int64_t days);

}  // namespace coach::report
