// Pieces shared by the export readers (chat_export.cpp, whatsapp.cpp, telegram.cpp).
#pragma once
#include <algorithm>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "chat_export.hpp"

namespace coach::report {

enum class DateOrder { day_first, month_first };

// Evidence for the order of a file's dates, gathered header by header: a first field past 12
// is a day, a second past 12 is a day; without either, the order under which the dates run
// forward more often; without that either, the clock (12-hour: month first, as in the US).
class DateOrderVote {
 public:
  void add(int f1, int f2, int f3, bool twelve_hour);
  DateOrder decide(std::vector<ExportWarning>& warnings) const;

 private:
  std::size_t day_first_ = 0, month_first_ = 0, back_dm_ = 0, back_md_ = 0, twelve_ = 0, total_ = 0;
  std::int64_t prev_dm_ = -1, prev_md_ = -1;
};

// Seconds since the epoch from "2020-12-31T21:41:05", "2020-12-31 21:41", or a Unix time.
bool parse_time(std::string_view s, std::int64_t& out);

bool looks_like_whatsapp(std::string_view first_line);

// Calls `progress` with the stream's position now and then (every 4,096 calls).
class ProgressTicker {
 public:
  ProgressTicker(const Progress& progress, std::istream& in, std::uint64_t total) : p_(progress), in_(in), total_(total) {}
  void tick() {
    if (p_ && (++n_ & 4095) == 0) p_(static_cast<std::uint64_t>(std::max<std::streamoff>(0, in_.tellg())), total_);
  }

 private:
  const Progress& p_;
  std::istream& in_;
  std::uint64_t total_;
  std::uint64_t n_ = 0;
};
std::uint64_t file_size(const std::string& path);

// A warning, unless 100 were given already (then one line says the rest are not listed).
inline void warn(ExportRead& out, std::size_t line, std::string message) {
  if (out.warnings.size() < 100) out.warnings.push_back({line, std::move(message)});
  else if (out.warnings.size() == 100) out.warnings.push_back({line, "more warnings follow; they are not listed"});
}

// A message longer than this (a run of lines that continue one message) is cut here.
inline constexpr std::size_t kMaxMessageBytes = 64u << 10;
ExportRead read_whatsapp(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                      const Progress& progress);
ExportRead read_telegram(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                      const Progress& progress);
ExportRead read_jsonl(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                      const Progress& progress);
ExportRead read_csv(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                      const Progress& progress);

}  // namespace coach::report
