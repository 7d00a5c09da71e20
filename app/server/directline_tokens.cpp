// Direct Line ids and tokens: see directline_tokens.hpp.
#include "directline_tokens.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>
#include <vector>

namespace coach::app {
namespace {

constexpr std::string_view kPrefix = "dl1.";

std::string hex(const unsigned char* p, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(2 * n, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[p[i] >> 4];
    out[2 * i + 1] = digits[p[i] & 15];
  }
  return out;
}

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return !s.empty();
}

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  // RAND_bytes draws from the OS generator; failing it is fatal rather than a weak id.
  if (RAND_bytes(buf.data(), static_cast<int>(buf.size())) != 1) throw std::runtime_error("no random bytes from OpenSSL");
  return hex(buf.data(), buf.size());
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), digest, &n, EVP_sha256(), nullptr);
  return hex(digest, n);
}

DirectLineTokens::DirectLineTokens(const std::string& secret, std::int64_t ttl) : ttl_(ttl) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (secret.empty()) {
    key_ = random_hex(32);
    return;
  }
  // A key of its own, so a token's mac never reveals anything usable as the secret itself.
  const std::string label = "coach directline token key";
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(label.data()), label.size(), digest, &n);
  key_.assign(reinterpret_cast<const char*>(digest), n);
}

std::string DirectLineTokens::mac(std::string_view payload) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(payload.data()),
       payload.size(), digest, &n);
  return hex(digest, n);
}

std::string DirectLineTokens::issue(const std::string& conversation, std::int64_t now) const {
  const std::string payload = conversation + "." + std::to_string(now + ttl_);
  return std::string(kPrefix) + payload + "." + mac(payload);
}

bool DirectLineTokens::looks_like_token(std::string_view token) { return token.substr(0, kPrefix.size()) == kPrefix; }

std::optional<std::string> DirectLineTokens::conversation_of(std::string_view token, std::int64_t now) const {
  if (!looks_like_token(token)) return std::nullopt;
  token.remove_prefix(kPrefix.size());
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  const std::string_view conversation = token.substr(0, dot1), expiry = token.substr(dot1 + 1, dot2 - dot1 - 1),
                         given = token.substr(dot2 + 1);
  std::int64_t expires = 0;
  const auto [end, ec] = std::from_chars(expiry.data(), expiry.data() + expiry.size(), expires);
  if (!is_hex(conversation) || ec != std::errc{} || end != expiry.data() + expiry.size()) return std::nullopt;
  const std::string want = mac(token.substr(0, dot2));
  if (given.size() != want.size() || CRYPTO_memcmp(given.data(), want.data(), want.size()) != 0) return std::nullopt;
  if (now >= expires) return std::nullopt;
  return std::string(conversation);
}

}  // namespace coach::app
