// Fuzz target: the HTTP request body handlers of `coach serve` (the real route table and
// handlers, through Server::dispatch, without sockets). The first byte picks the endpoint.
// Every answer must be a JSON body with a status below 500.
#include <nlohmann/json.hpp>

#include "server.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  static auto server = [] {
    auto loaded = coach::Coach::builtin("en");
    coach::app::ServeOptions opts;
    opts.quiet = true;
    return std::make_unique<coach::app::Server>(opts, std::make_shared<const coach::Coach>(std::move(*loaded.coach)),
                                                coach::app::memory_store());
  }();
  static std::string conversation = [] {
    auto r = server->dispatch("POST", "/v3/directline/conversations", "", "");
    return nlohmann::json::parse(r.body)["conversationId"].get<std::string>();
  }();
  if (size == 0) return 0;
  static const char* paths[] = {"/v1/analyze", "/v1/turn", "/webhooks/rest/webhook", "/admin/reload"};
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string path = data[0] % 5 == 4 ? "/v3/directline/conversations/" + conversation + "/activities"
                                      : paths[data[0] % 5 % 4];
  const auto res = server->dispatch("POST", path, body, data[0] & 0x80 ? "text/plain" : "application/json");
  if (res.status >= 500 || res.body.empty() || (res.body.front() != '{' && res.body.front() != '[')) __builtin_trap();
  return 0;
}
