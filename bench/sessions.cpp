// Memory per live session: 100k sessions, each after two turns, kept in memory at once.
// Prints bytes per session (heap growth) and the saved JSON size. Run: build/bench/sessions.
#include <malloc.h>

#include <cstdio>
#include <vector>

#include "coach/coach.hpp"

int main() {
  auto loaded = coach::Coach::builtin("en");
  if (!loaded.coach) return 1;
  const auto& c = *loaded.coach;
  constexpr int kSessions = 100000;
  std::vector<coach::Session> sessions;
  sessions.reserve(kSessions);
  const auto before = mallinfo2().uordblks;
  std::size_t json_bytes = 0;
  for (int i = 0; i < kSessions; ++i) {
    sessions.emplace_back(static_cast<std::uint64_t>(i));
    c.respond(sessions.back(), "You never help with the kids!", coach::Mode::sending, 1000 + i);
    c.respond(sessions.back(), "I'm sorry, I was short with you", coach::Mode::sending, 1010 + i);
    if (i % 1000 == 0) json_bytes += sessions.back().to_json().size();
  }
  const auto after = mallinfo2().uordblks;
  std::printf("sessions: %d live, %.0f bytes each in memory (heap growth), %.0f bytes each saved as JSON\n", kSessions,
              static_cast<double>(after - before) / kSessions, static_cast<double>(json_bytes) / (kSessions / 1000));
  return 0;
}
