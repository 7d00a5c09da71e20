// The server's request and response, independent of the transport (http_listener.cpp, Boost.Beast)
// so the route files and the fuzz target see plain values: a decoded path, query parameters,
// headers looked up without regard to case, the body, and the route's regex captures.
// Tested through tests/clients/test_server.py and tests/hostile.
#pragma once
#include <functional>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace coach::app::http {

struct Request {
  std::string method, target, path, body;
  std::multimap<std::string, std::string> headers;  // keys lower-case
  std::multimap<std::string, std::string> params;   // from the query string, decoded
  std::smatch matches;                              // the route's captures

  std::string get_header_value(const std::string& name) const;
  void set_header(const std::string& name, const std::string& value);
  bool has_param(const std::string& name) const { return params.count(name) > 0; }
  std::string get_param_value(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  void set_header(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }
  void set_content(std::string content, const std::string& type) {
    body = std::move(content);
    set_header("Content-Type", type);
  }
};

using Handler = std::function<void(const Request&, Response&)>;

// Percent-decoding of a path or a query part (`plus` turns '+' into a space, as in a query).
// Returns false on a malformed escape.
bool url_decode(const std::string& in, std::string& out, bool plus);
// Splits a request target into its decoded path and parameters; false if malformed.
bool parse_target(const std::string& target, Request& req);

}  // namespace coach::app::http
