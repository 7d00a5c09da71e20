// Chat exports as messaging apps write them, read as one stream of messages: WhatsApp's
// "Export chat" text (Android and iOS layouts, 12- and 24-hour clocks, day-first, month-first
// and ISO dates, multi-line messages, system and attachment lines skipped, the marks and odd
// spaces the apps insert), Telegram Desktop's result.json (read as it streams, never whole), and
// a plain CSV or JSON Lines of time, sender, text. The format is told from the content.
// Problems are warnings with their line, and the rest of the file is still read.
// Tested in tests/report/test_report.py (fixtures of each layout, made by make_fixtures.py).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace coach::report {

struct ChatMessage {
  std::int64_t time = 0;  // seconds since 1970-01-01 00:00 on the chat's own clock (exports carry no zone)
  std::string sender;
  std::string text;
  std::size_t line = 0;   // where it starts in the file (1-based; for JSON, the message's number)
};

struct ExportWarning {
  std::size_t line = 0;
  std::string message;
};

struct ExportRead {
  std::string format;  // "whatsapp-android", "whatsapp-ios", "telegram", "csv", "jsonl"
  std::string date_order;  // WhatsApp: "day-first", "month-first", "iso"
  std::vector<ExportWarning> warnings;
  std::string error;   // the file could not be read as any format (nothing was reported)
  std::size_t skipped = 0;  // system lines, attachments, deleted messages
};

// How far a read has come: bytes of the file read so far, of all of it (for a progress bar).
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Reads `path`, calling `on_message` for each message in file order.
ExportRead read_export(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                       const Progress& progress = {});

// Days from 1970-01-01 to a civil date (proleptic Gregorian).
std::int64_t days_from_civil(int y, unsigned m, unsigned d);

}  // namespace coach::report
