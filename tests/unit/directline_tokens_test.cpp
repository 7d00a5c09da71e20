// Direct Line tokens (app/server/directline_tokens.cpp): bound to one conversation, expiring, forged
// or edited tokens refused, and the same secret giving the same key (a token survives a restart).
#include <doctest/doctest.h>

#include <set>

#include "directline_tokens.hpp"

using coach::app::DirectLineTokens;

TEST_CASE("random_hex gives fresh lower-case hex of the asked length") {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string h = coach::app::random_hex(16);
    CHECK(h.size() == 32);
    CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
    seen.insert(h);
  }
  CHECK(seen.size() == 1000);
}

TEST_CASE("a token opens its conversation until it expires") {
  const DirectLineTokens tokens("sekret", 100);
  const std::string conv = "0123456789abcdef0123456789abcdef";
  const std::string t = tokens.issue(conv, 1000);
  CHECK(DirectLineTokens::looks_like_token(t));
  CHECK(tokens.conversation_of(t, 1000) == conv);
  CHECK(tokens.conversation_of(t, 1099) == conv);
  CHECK_FALSE(tokens.conversation_of(t, 1100));  // expired
}

TEST_CASE("edited, truncated or foreign tokens are refused") {
  const DirectLineTokens tokens("sekret", 100), other("another secret", 100);
  const std::string conv = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  const std::string t = tokens.issue(conv, 1000);
  std::string edited = t;
  edited.replace(4, 1, "b");  // another conversation, same mac
  CHECK_FALSE(tokens.conversation_of(edited, 1000));
  std::string later = t;
  later.replace(later.find(".1100."), 6, ".9100.");  // a later expiry, same mac
  CHECK_FALSE(tokens.conversation_of(later, 1000));
  CHECK_FALSE(tokens.conversation_of(t.substr(0, t.size() - 1), 1000));
  CHECK_FALSE(tokens.conversation_of("dl1.", 1000));
  CHECK_FALSE(tokens.conversation_of("dl1.a.b.c", 1000));
  CHECK_FALSE(tokens.conversation_of("sekret", 1000));
  CHECK_FALSE(other.conversation_of(t, 1000));
  // The same secret gives the same key: a token survives a restart.
  CHECK(DirectLineTokens("sekret", 5).conversation_of(t, 1000) == conv);
  // No secret: a random key per process.
  CHECK_FALSE(DirectLineTokens("", 100).conversation_of(DirectLineTokens("", 100).issue(conv, 1000), 1000));
}
