// The smallest C++ embedding: load the built-in coach, coach one message, keep the session.
// Built and run by CTest (examples/CMakeLists.txt), its output checked.
#include <coach/coach.hpp>
#include <iostream>

int main() {
  auto loaded = coach::Coach::builtin("en");
  if (!loaded.coach) {
    std::cerr << coach::format(loaded.diagnostics);
    return 1;
  }
  coach::Session session(0);
  coach::Turn turn = loaded.coach->respond(session, "You never listen to me!");
  std::cout << "categories:";
  for (const auto& c : turn.analysis.categories) std::cout << " " << c;
  std::cout << "\nquote: " << turn.analysis.findings.at(0).quote << "\n";
  std::cout << "suggestion: " << turn.suggestions.at(0).text << "\n";
  std::cout << "ledger: " << session.positive << " positive, " << session.negative << " negative\n";
  return 0;
}
