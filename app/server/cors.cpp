// Cross-origin access: see cors.hpp.
#include "cors.hpp"

#include <algorithm>
#include <cctype>

namespace coach::app {
namespace {

// Request header names a preflight may ask for: tokens only, so nothing is echoed that could
// split a header line; and only names a Direct Line or /v1 client actually sends.
std::string allowed_headers(const std::string& requested) {
  static const std::vector<std::string> known = {"authorization", "content-type", "x-ms-bot-agent",
                                                 "x-requested-with", "x-ms-conversation-id"};
  std::string out = "Authorization, Content-Type";
  std::string name;
  auto take = [&] {
    std::string lower;
    for (char c : name)
      if (!std::isspace(static_cast<unsigned char>(c))) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower.size() > 2 && std::find(known.begin() + 2, known.end(), lower) != known.end()) out += ", " + lower;
    name.clear();
  };
  for (char c : requested) {
    if (c == ',') take();
    else name += c;
  }
  take();
  return out;
}

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {
  for (auto& o : origins_) {
    while (!o.empty() && o.back() == '/') o.pop_back();  // "https://example.org/" names the origin too
    if (o == "*") any_ = true;
  }
}

bool CorsPolicy::applies_to(const std::string& path) {
  return path.rfind("/v3/directline/", 0) == 0 || path.rfind("/v1/", 0) == 0;
}

bool CorsPolicy::allows(const std::string& origin) const {
  if (origin.empty() || origin == "null") return false;
  return any_ || std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

http::Response CorsPolicy::preflight(const http::Request& req, const std::string& methods) const {
  http::Response res;
  const std::string origin = req.get_header_value("Origin");
  if (!allows(origin)) {
    res.status = 403;
    res.set_content(R"({"error":{"code":"origin_not_allowed","message":"this origin may not call the coach; )"
                    R"(start it with --cors-origin ORIGIN"}})",
                    "application/json");
    return res;
  }
  res.status = 204;
  res.set_header("Access-Control-Allow-Methods", methods + ", OPTIONS");
  res.set_header("Access-Control-Allow-Headers", allowed_headers(req.get_header_value("Access-Control-Request-Headers")));
  res.set_header("Access-Control-Max-Age", "600");
  return res;
}

void CorsPolicy::decorate(const http::Request& req, http::Response& res) const {
  if (origins_.empty() || !applies_to(req.path)) return;
  res.set_header("Vary", "Origin");
  const std::string origin = req.get_header_value("Origin");
  if (allows(origin)) res.set_header("Access-Control-Allow-Origin", origin);
}

bool CorsPolicy::allows_websocket(const http::Request& req) const {
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty() || allows(origin)) return true;
  const auto scheme_end = origin.find("://");
  return scheme_end != std::string::npos && origin.substr(scheme_end + 3) == req.get_header_value("Host");
}

}  // namespace coach::app
