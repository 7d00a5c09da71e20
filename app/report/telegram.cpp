// Telegram Desktop's JSON export (result.json): {"name", "type", "messages": [{"type":
// "message", "date", "from", "text"}, ...]}, where "text" is a string or a list of strings and
// entities ({"type": "bold", "text": ...}). Read with nlohmann's SAX parser, message by message,
// so a large export never sits in memory whole. Service messages (calls, pins, joins) and
// messages without text (a photo alone) are skipped and counted; a truncated file reports what
// came before the break, with a warning. Tested in tests/report/test_report.py.
#include <array>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>

#include "chat_export.hpp"
#include "export_internal.hpp"

namespace coach::report {
namespace {

using json = nlohmann::json;

class TelegramSax : public nlohmann::json_sax<json> {
 public:
  TelegramSax(ExportRead& out, const std::function<void(ChatMessage&&)>& emit, ProgressTicker& ticker)
      : out_(out), emit_(emit), ticker_(ticker) {}

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t v) override { return number(v); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<std::int64_t>(v)); }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& v) override {
    if (!in_message()) return true;
    const std::string& k = key(3);
    if (depth_ == 3) {
      if (k == "type") type_ = v;
      else if (k == "from") from_ = v;
      else if (k == "date") date_ = v;
      else if (k == "date_unixtime") std::from_chars(v.data(), v.data() + v.size(), unixtime_);
      else if (k == "text") text_ += v;
    } else if (k == "text" && (depth_ == 4 || (depth_ == 5 && key(5) == "text"))) {
      text_ += v;  // a piece of a text given as a list, plain or an entity's
    }
    return true;
  }
  bool start_object(std::size_t) override {
    open();
    if (messages_ && depth_ == 3) {
      type_.clear(), from_.clear(), date_.clear(), text_.clear();
      unixtime_ = -1;
      ++index_;
    }
    return true;
  }
  bool end_object() override {
    if (in_message() && depth_ == 3) finish();
    return close();
  }
  bool start_array(std::size_t) override {
    open();
    if (depth_ == 2 && key(1) == "messages") messages_ = true;
    return true;
  }
  bool end_array() override {
    if (messages_ && depth_ == 2) messages_ = false;
    return close();
  }
  bool key(string_t& k) override {
    keys_[std::min<std::size_t>(depth_, keys_.size() - 1)] = k;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception&) override {
    warn(out_, index_,
         "the JSON breaks off at byte " + std::to_string(position) + " (a truncated export?); the messages before it are reported");
    return false;
  }

  std::size_t messages_seen() const { return index_; }

 private:
  ExportRead& out_;
  const std::function<void(ChatMessage&&)>& emit_;
  ProgressTicker& ticker_;
  std::size_t depth_ = 0, index_ = 0;
  std::array<std::string, 8> keys_;
  bool messages_ = false;
  std::string type_, from_, date_, text_;
  std::int64_t unixtime_ = -1;

  const std::string& key(std::size_t d) const { return keys_[std::min(d, keys_.size() - 1)]; }
  bool in_message() const { return messages_ && depth_ >= 3; }
  void open() {
    ++depth_;
    if (depth_ < keys_.size()) keys_[depth_].clear();
  }
  bool close() {
    --depth_;
    return true;
  }
  bool number(std::int64_t v) {
    if (in_message() && depth_ == 3 && key(3) == "date_unixtime") unixtime_ = v;
    return true;
  }
  void finish() {
    ticker_.tick();
    std::int64_t time = 0;
    // "date" is the chat's clock, as WhatsApp's; the Unix time only when it is missing.
    const bool dated = parse_time(date_, time) || (unixtime_ >= 0 && (time = unixtime_, true));
    if (type_ != "message" || text_.empty() || from_.empty()) {
      ++out_.skipped;
      return;
    }
    if (!dated) {
      warn(out_, index_, "a message without a date; skipped");
      return;
    }
    emit_(ChatMessage{time, from_, text_, index_});
  }
};

}  // namespace

ExportRead read_telegram(const std::string& path, const std::function<void(ChatMessage&&)>& on_message,
                         const Progress& progress) {
  ExportRead out;
  out.format = "telegram";
  std::ifstream in(path, std::ios::binary);
  ProgressTicker ticker(progress, in, file_size(path));
  TelegramSax sax(out, on_message, ticker);
  json::sax_parse(in, &sax);
  if (sax.messages_seen() == 0 && out.warnings.empty())
    out.error = "a JSON file without a \"messages\" list: not a Telegram chat export (result.json of one chat)";
  return out;
}

}  // namespace coach::report
