// WhatsApp's "Export chat" text, both layouts:
//   Android  "12/31/20, 9:41 PM - Ann: text"     "31/12/2020, 21:41 - Ann: text"
//   iOS      "[31/12/2020, 21:41:05] Ann: text"  "[12/31/20, 9:41:05 PM] Ann: text"
// with dates day-first, month-first, dotted ("31.12.20") or ISO ("2020-12-31"). The date order
// is decided from the whole file (a field past 12 settles it; otherwise the order under which
// the dates run forward). Lines without a header continue the message before. The apps insert
// left-to-right marks, narrow no-break spaces before AM/PM and a BOM; iOS marks system lines and
// attachments with a left-to-right mark before the text. Those, "<Media omitted>", "(file
// attached)" and deleted messages are skipped and counted. Tested in tests/report/test_report.py.
#include <fstream>
#include <optional>

#include "chat_export.hpp"
#include "export_internal.hpp"

namespace coach::report {
namespace {

struct Header {
  int f1 = 0, f2 = 0, f3 = 0;  // the date's fields in file order
  bool iso = false;
  int hour = 0, minute = 0, second = 0;
  int ampm = 0;  // 0 none, 1 am, 2 pm
  bool ios = false;
  std::string_view rest;  // after "] " or " - "
};

bool digits(std::string_view& s, int max_len, int& out) {
  int n = 0, v = 0;
  while (n < static_cast<int>(s.size()) && n < max_len && s[n] >= '0' && s[n] <= '9') v = v * 10 + (s[n++] - '0');
  if (n == 0) return false;
  out = v;
  s.remove_prefix(n);
  return true;
}

bool take(std::string_view& s, std::string_view what) {
  if (s.substr(0, what.size()) != what) return false;
  s.remove_prefix(what.size());
  return true;
}

void skip_spaces(std::string_view& s) {
  for (;;) {
    if (take(s, " ") || take(s, "\xC2\xA0") || take(s, "\xE2\x80\xAF")) continue;  // space, NBSP, NNBSP
    return;
  }
}

std::optional<Header> parse_header(std::string_view s) {
  Header h;
  h.ios = take(s, "[");
  const std::size_t before = s.size();
  if (!digits(s, 4, h.f1)) return std::nullopt;
  h.iso = before - s.size() == 4;
  if (s.empty() || (s[0] != '/' && s[0] != '.' && s[0] != '-')) return std::nullopt;
  const char sep = s[0];
  s.remove_prefix(1);
  if (!digits(s, 2, h.f2) || !take(s, std::string_view(&sep, 1)) || !digits(s, 4, h.f3)) return std::nullopt;
  take(s, ",");
  skip_spaces(s);
  if (!digits(s, 2, h.hour) || !take(s, ":") || !digits(s, 2, h.minute)) return std::nullopt;
  if (take(s, ":") && !digits(s, 2, h.second)) return std::nullopt;
  std::string_view t = s;
  skip_spaces(t);
  for (auto [word, v] : {std::pair<std::string_view, int>{"AM", 1}, {"PM", 2}, {"am", 1}, {"pm", 2},
                         {"a.m.", 1}, {"p.m.", 2}, {"a. m.", 1}, {"p. m.", 2}}) {
    if (take(t, word)) {
      h.ampm = v;
      s = t;
      break;
    }
  }
  if (h.ios) {
    if (!take(s, "] ")) return std::nullopt;
  } else if (!take(s, " - ") && !take(s, " \xE2\x80\x93 ")) {  // a hyphen, or an en dash in some locales
    return std::nullopt;
  }
  if (h.hour > 23 || h.minute > 59 || h.second > 59 || (h.ampm && (h.hour < 1 || h.hour > 12))) return std::nullopt;
  h.rest = s;
  return h;
}

// The date of a header under an order; false if impossible (a month past 12).
bool civil(const Header& h, DateOrder order, int& y, int& m, int& d) {
  if (h.iso) y = h.f1, m = h.f2, d = h.f3;
  else if (order == DateOrder::day_first) d = h.f1, m = h.f2, y = h.f3;
  else d = h.f2, m = h.f1, y = h.f3;
  if (y < 100) y += 2000;
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::int64_t seconds(const Header& h, DateOrder order) {
  int y = 0, m = 0, d = 0;
  civil(h, order, y, m, d);
  int hour = h.hour;
  if (h.ampm == 1 && hour == 12) hour = 0;
  if (h.ampm == 2 && hour != 12) hour += 12;
  return days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * 86400 + hour * 3600 + h.minute * 60 +
         h.second;
}

// Strips the marks the apps put around text (LRM, RLM, embedding marks, BOM); says whether the
// text began with one (iOS: a system line or an attachment).
std::string_view strip_marks(std::string_view s, bool* marked = nullptr) {
  bool any = false;
  for (;;) {
    if (take(s, "\xE2\x80\x8E") || take(s, "\xE2\x80\x8F") || take(s, "\xEF\xBB\xBF") || take(s, "\xE2\x80\xAA") ||
        take(s, "\xE2\x80\xAC")) {
      any = true;
      continue;
    }
    break;
  }
  if (marked) *marked = any;
  return s;
}

bool skipped_text(std::string_view text, bool marked) {
  if (marked) return true;  // iOS: "‎image omitted", "‎<attached: ...>", the encryption notice
  for (std::string_view w : {"<Media omitted>", "This message was deleted", "You deleted this message", "null",
                             "<This message was edited>"})
    if (text == w) return true;
  constexpr std::string_view attached = "(file attached)";
  return text.rfind("<attached: ", 0) == 0 ||
         (text.size() >= attached.size() && text.substr(text.size() - attached.size()) == attached);
}

}  // namespace

bool looks_like_whatsapp(std::string_view first_line) {
  const auto h = parse_header(strip_marks(first_line));
  return h.has_value();
}

ExportRead read_whatsapp(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                         const Progress& progress) {
  ExportRead out;
  // First pass: the layout and the date order, from every header in the file.
  DateOrderVote vote;
  std::size_t ios = 0, android = 0;
  {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto h = parse_header(strip_marks(line));
      if (!h) continue;
      (h->ios ? ios : android)++;
      if (!h->iso) vote.add(h->f1, h->f2, h->f3, h->ampm != 0);
    }
  }
  out.format = ios > android ? "whatsapp-ios" : "whatsapp-android";
  const DateOrder order = vote.decide(out.warnings);
  out.date_order = order == DateOrder::day_first ? "day-first" : "month-first";

  std::ifstream in(path, std::ios::binary);
  ProgressTicker ticker(progress, in, file_size(path));
  std::string line;
  std::size_t n = 0;
  std::optional<ChatMessage> pending;
  bool dropping = false;  // inside a skipped message (an attachment's caption lines, a system line)
  auto flush = [&] {
    if (pending) on_message(std::move(*pending));
    pending.reset();
  };
  while (std::getline(in, line)) {
    ++n;
    ticker.tick();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto h = parse_header(strip_marks(line));
    if (!h) {
      if (pending && pending->text.size() < kMaxMessageBytes) {
        pending->text += '\n';
        pending->text += strip_marks(line);
        if (pending->text.size() >= kMaxMessageBytes) {
          pending->text.resize(kMaxMessageBytes);
          warn(out, n, "a message longer than 64 KiB was cut there");
        }
      } else if (pending) {
        // The rest of an overlong message: dropped (said once, above).
      } else if (!dropping && !strip_marks(line).empty()) {
        warn(out, n, "a line before the first message was ignored");
      }
      continue;
    }
    flush();
    dropping = true;
    if (h->iso) out.date_order = "iso";
    const auto colon = h->rest.find(": ");
    // No "Name: " (or a "name" too long to be one): a system line (joined, left, changed subject).
    if (colon == std::string_view::npos || colon == 0 || colon > 60 || h->rest.substr(0, colon).find('"') != std::string_view::npos) {
      ++out.skipped;
      continue;
    }
    bool marked = false;
    const std::string_view text = strip_marks(h->rest.substr(colon + 2), &marked);
    if (skipped_text(text, marked)) {
      ++out.skipped;
      continue;
    }
    dropping = false;
    pending = ChatMessage{seconds(*h, order), std::string(strip_marks(h->rest.substr(0, colon))), std::string(text), n};
  }
  flush();
  return out;
}

}  // namespace coach::report
