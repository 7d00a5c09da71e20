// The server's request and response values: see http_message.hpp.
#include "http_message.hpp"

#include <algorithm>
#include <cctype>

namespace coach::app::http {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Request::get_header_value(const std::string& name) const {
  auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

void Request::set_header(const std::string& name, const std::string& value) { headers.emplace(lower(name), value); }

std::string Request::get_param_value(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

bool url_decode(const std::string& in, std::string& out, bool plus) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return false;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += plus && in[i] == '+' ? ' ' : in[i];
    }
  }
  return true;
}

bool parse_target(const std::string& target, Request& req) {
  const auto q = target.find('?');
  if (!url_decode(target.substr(0, q), req.path, false)) return false;
  if (q == std::string::npos) return true;
  const std::string query = target.substr(q + 1);
  for (std::size_t p = 0; p <= query.size();) {
    auto amp = query.find('&', p);
    if (amp == std::string::npos) amp = query.size();
    const std::string part = query.substr(p, amp - p);
    if (!part.empty()) {
      const auto eq = part.find('=');
      std::string key, value;
      if (!url_decode(part.substr(0, eq), key, true) ||
          !url_decode(eq == std::string::npos ? "" : part.substr(eq + 1), value, true))
        return false;
      req.params.emplace(std::move(key), std::move(value));
    }
    p = amp + 1;
  }
  return true;
}

}  // namespace coach::app::http
