// Compact JSON writing. Tested in tests/unit/dialog_test.cpp ("JSON writer").
#include "json_writer.hpp"

#include <nlohmann/json.hpp>

#include <unicode/utf8.h>

namespace coach {

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  out_ += c;
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  separate();
  string(k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  string(s);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  out_ += std::to_string(n);
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  separate();
  out_ += nlohmann::json(d).dump();  // nlohmann's shortest round-trip form ("0.0", "0.36")
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

// nlohmann's escaping with ensure_ascii off: the short escapes, \u00xx for other
// control characters, everything else verbatim. Invalid UTF-8 (which the engine never
// produces) goes through nlohmann itself, replaced as dump(..., replace) does.
void JsonWriter::string(std::string_view s) {
  const std::size_t mark = out_.size();
  out_ += '"';
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t run = 0;  // characters that need no escape are copied in runs
  for (std::int32_t i = 0; i < n;) {
    const std::uint8_t c = p[i];
    if (c >= 0x80) {  // check the sequence; the rare invalid one goes to nlohmann
      UChar32 cp = 0;
      U8_NEXT(p, i, n, cp);
      if (cp < 0) {
        out_.resize(mark);
        out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out_.append(s.data() + run, static_cast<std::size_t>(i - run));
    run = ++i;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: {
        static constexpr char hex[] = "0123456789abcdef";
        const char esc[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out_.append(esc, sizeof esc);
      }
    }
  }
  out_.append(s.data() + run, static_cast<std::size_t>(n - run));
  out_ += '"';
}

}  // namespace coach
