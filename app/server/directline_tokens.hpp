// Direct Line ids and tokens. Ids come from the OS's CSPRNG through OpenSSL (RAND_bytes),
// so no client can predict another's conversation. A token is bound to one conversation and
// expires, as the Direct Line service issues them: `dl1.<conversation>.<expiry>.<mac>`, where
// mac = HMAC-SHA256 over "<conversation>.<expiry>" keyed from the server secret. Nothing is
// stored, so a token survives a restart and any worker with the same secret accepts it; with
// no secret the key is random per process (and the server is open anyway).
// Tested in tests/unit/directline_tokens_test.cpp, tests/hostile (ids, scope, expiry) and
// tests/clients/directline.test.js (a page that only ever sees a token).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coach::app {

// `bytes` random bytes from the CSPRNG, as lower-case hex (2 * bytes characters).
std::string random_hex(std::size_t bytes);
// SHA-256 of the text as lower-case hex (per-session keys are stored only hashed).
std::string sha256_hex(std::string_view text);

class DirectLineTokens {
 public:
  // `secret` is the server's bearer secret (may be empty); `ttl` seconds until a token expires.
  DirectLineTokens(const std::string& secret, std::int64_t ttl);

  std::int64_t ttl() const { return ttl_; }
  // A token for `conversation`, valid until now + ttl.
  std::string issue(const std::string& conversation, std::int64_t now) const;
  // The conversation a token was issued for, if its mac holds and it has not expired at `now`.
  std::optional<std::string> conversation_of(std::string_view token, std::int64_t now) const;
  // Whether the text has a token's shape (so a bad one is refused, not taken for the secret).
  static bool looks_like_token(std::string_view token);

 private:
  std::string key_;
  std::int64_t ttl_;
  std::string mac(std::string_view payload) const;
};

}  // namespace coach::app
