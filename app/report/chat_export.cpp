// Reading a chat export: the format told from the content, dates, and the plain formats (CSV
// and JSON Lines of time, sender, text). See chat_export.hpp; WhatsApp in whatsapp.cpp,
// Telegram in telegram.cpp.
#include "chat_export.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "export_internal.hpp"

namespace coach::report {

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void DateOrderVote::add(int f1, int f2, int f3, bool twelve_hour) {
  ++total_;
  twelve_ += twelve_hour;
  if (f1 > 12) ++day_first_;
  if (f2 > 12) ++month_first_;
  const int y = f3 < 100 ? f3 + 2000 : f3;
  if (f2 >= 1 && f2 <= 12) {
    const std::int64_t dm = days_from_civil(y, static_cast<unsigned>(f2), static_cast<unsigned>(std::max(1, f1)));
    back_dm_ += prev_dm_ > dm;
    prev_dm_ = dm;
  }
  if (f1 >= 1 && f1 <= 12) {
    const std::int64_t md = days_from_civil(y, static_cast<unsigned>(f1), static_cast<unsigned>(std::max(1, f2)));
    back_md_ += prev_md_ > md;
    prev_md_ = md;
  }
}

DateOrder DateOrderVote::decide(std::vector<ExportWarning>& warnings) const {
  if (day_first_ && month_first_)
    warnings.push_back({0, "the dates disagree on their order (" + std::to_string(day_first_) + " read day first, " +
                               std::to_string(month_first_) + " month first); read as the majority"});
  if (day_first_ || month_first_) return day_first_ >= month_first_ ? DateOrder::day_first : DateOrder::month_first;
  if (back_dm_ != back_md_) return back_dm_ < back_md_ ? DateOrder::day_first : DateOrder::month_first;
  if (total_ > 1)
    warnings.push_back({0, "no date tells whether the day or the month comes first; read by the clock (" +
                               std::string(twelve_ * 2 > total_ ? "12-hour: month first" : "24-hour: day first") + ")"});
  return twelve_ * 2 > total_ ? DateOrder::month_first : DateOrder::day_first;
}

bool parse_time(std::string_view s, std::int64_t& out) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (s.empty()) return false;
  std::int64_t unix_time = 0;
  if (auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), unix_time); ec == std::errc{} && end == s.data() + s.size()) {
    out = unix_time > 100000000000 ? unix_time / 1000 : unix_time;  // milliseconds too
    return true;
  }
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  auto num = [&](int width, int& v) {
    if (s.size() < static_cast<std::size_t>(width)) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + width, v);
    if (ec != std::errc{} || end != s.data() + width) return false;
    s.remove_prefix(width);
    return true;
  };
  auto sep = [&](char c) {
    if (s.empty() || s.front() != c) return false;
    s.remove_prefix(1);
    return true;
  };
  if (!num(4, y) || !sep('-') || !num(2, mo) || !sep('-') || !num(2, d)) return false;
  if (!s.empty() && (s.front() == 'T' || s.front() == ' ')) {
    s.remove_prefix(1);
    if (!num(2, h) || !sep(':') || !num(2, mi)) return false;
    if (sep(':') && !num(2, sec)) return false;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
  out = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec;
  return true;  // a zone suffix, if any, is ignored: the chat's own clock
}

namespace {

const char* field_of(const nlohmann::json& j, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (j.contains(n)) return n;
  return nullptr;
}

}  // namespace

std::uint64_t file_size(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::uint64_t>(n);
}

ExportRead read_jsonl(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                      const Progress& progress) {
  ExportRead out;
  out.format = "jsonl";
  std::ifstream in(path, std::ios::binary);
  ProgressTicker ticker(progress, in, file_size(path));
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    ticker.tick();
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    const char* t = j.is_object() ? field_of(j, {"time", "timestamp", "date"}) : nullptr;
    const char* who = j.is_object() ? field_of(j, {"sender", "from", "author", "name"}) : nullptr;
    const char* what = j.is_object() ? field_of(j, {"text", "message", "body"}) : nullptr;
    std::int64_t time = 0;
    const bool ok = t && who && what && j[who].is_string() && j[what].is_string() &&
                    (j[t].is_number_integer() ? (time = j[t].get<std::int64_t>(), true)
                                              : j[t].is_string() && parse_time(j[t].get<std::string>(), time));
    if (!ok) {
      warn(out, n, "not a message (an object with time, sender and text); skipped");
      continue;
    }
    on_message(ChatMessage{time, j[who].get<std::string>(), j[what].get<std::string>(), n});
  }
  return out;
}

namespace {

// One CSV record (RFC 4180: quoted fields may hold commas, quotes doubled, and line breaks).
bool csv_record(std::istream& in, std::vector<std::string>& fields, std::size_t& line) {
  fields.assign(1, "");
  bool quoted = false, any = false;
  for (int c; (c = in.get()) != EOF;) {
    any = true;
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') fields.back() += static_cast<char>(in.get());
        else quoted = false;
      } else {
        if (c == '\n') ++line;
        fields.back() += static_cast<char>(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '\n') {
      ++line;
      if (!fields.back().empty() && fields.back().back() == '\r') fields.back().pop_back();
      return true;
    } else {
      fields.back() += static_cast<char>(c);
    }
  }
  return any;
}

int column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string h;
    for (char c : header[i]) h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    while (!h.empty() && (h.back() == ' ' || h.back() == '\r')) h.pop_back();
    if (h.rfind("\xEF\xBB\xBF", 0) == 0) h.erase(0, 3);
    for (const char* n : names)
      if (h == n) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

ExportRead read_csv(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                    const Progress& progress) {
  ExportRead out;
  out.format = "csv";
  std::ifstream in(path, std::ios::binary);
  ProgressTicker ticker(progress, in, file_size(path));
  std::vector<std::string> header, f;
  std::size_t line = 0;
  csv_record(in, header, line);
  const int t = column(header, {"time", "timestamp", "date"}), who = column(header, {"sender", "from", "author", "name"}),
            what = column(header, {"text", "message", "body"});
  if (t < 0 || who < 0 || what < 0) {
    out.error = "a CSV export needs a header with time, sender and text columns";
    return out;
  }
  for (std::size_t start = line + 1; csv_record(in, f, line); start = line + 1) {
    ticker.tick();
    const int need = std::max({t, who, what});
    std::int64_t time = 0;
    if (static_cast<int>(f.size()) <= need || !parse_time(f[t], time)) {
      if (!(f.size() == 1 && f[0].empty())) warn(out, start, "not a message (time, sender, text); skipped");
      continue;
    }
    on_message(ChatMessage{time, f[who], f[what], start});
  }
  return out;
}

ExportRead read_export(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                       const Progress& progress) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ExportRead out;
    out.error = "cannot open the file";
    return out;
  }
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  ExportRead out;
  if (head.rfind("\xFF\xFE", 0) == 0 || head.rfind("\xFE\xFF", 0) == 0 ||
      (head.size() > 3 && head[1] == '\0' && head[3] == '\0')) {
    out.error = "the file is UTF-16; export it again as UTF-8, or convert it (iconv -f UTF-16 -t UTF-8)";
    return out;
  }
  std::string_view h = head;
  if (h.rfind("\xEF\xBB\xBF", 0) == 0) h.remove_prefix(3);
  while (!h.empty() && (h.front() == ' ' || h.front() == '\n' || h.front() == '\r' || h.front() == '\t')) h.remove_prefix(1);
  const std::string_view first_line = h.substr(0, h.find('\n'));
  if (!h.empty() && h.front() == '{') {
    // Telegram's result.json is one object with "messages"; JSON Lines is an object per line.
    const auto j = nlohmann::json::parse(first_line, nullptr, false);
    if (!j.is_discarded() && j.is_object()) return read_jsonl(path, on_message, progress);
    return read_telegram(path, on_message, progress);
  }
  if (looks_like_whatsapp(first_line)) return read_whatsapp(path, on_message, progress);
  if (first_line.find(',') != std::string_view::npos) return read_csv(path, on_message, progress);
  out.error =
      "not a chat export this reads: WhatsApp's exported text, Telegram's result.json, or CSV or JSON Lines with "
      "time, sender and text";
  return out;
}

}  // namespace coach::report
