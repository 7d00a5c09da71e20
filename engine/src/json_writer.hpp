// JsonWriter: compact JSON written straight into a string, byte for byte what
// nlohmann::json::dump() prints for the same document (no DOM, no per-value
// allocation). The output contract's hot path (to_json of an analysis) uses it;
// tests/unit/dialog_test.cpp ("JSON writer") compares it with the nlohmann rendering.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coach {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(std::uint32_t n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& value(bool b);
  JsonWriter& null();
  // A value already serialized as JSON by someone else (a request's "id" echoed back).
  JsonWriter& raw(std::string_view json);

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  void string(std::string_view s);

  std::string& out_;
  std::vector<bool> first_;  // per open container: no member written yet
  bool after_key_ = false;
};

}  // namespace coach
