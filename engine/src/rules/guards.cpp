// Lazy guard evaluation and the guards' verdicts on matches.
// Tested in tests/unit/rules_match_test.cpp ("unless ...", "requires ...", "message: ...",
// "guards run only for rules whose match matched" and the optimized-vs-unoptimized runs).
#include "rules/guards.hpp"

#include <algorithm>

namespace coach::rules {
namespace {

// Whether guard `u` reaches match `m` in the same sentence: they overlap, or lie at most
// `reach` tokens apart (sentence: and message: reach the whole sentence).
bool reaches(const RawMatch& u, std::uint32_t reach, const RawMatch& m) {
  return std::uint64_t{m.start} < std::uint64_t{u.end} + reach && std::uint64_t{u.start} < std::uint64_t{m.end} + reach;
}

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

std::size_t run_lazy_guards(const Program& prog, Matcher& matcher, const text::Utterance& u,
                            const std::vector<std::uint32_t>& word_ids, std::vector<std::vector<RawMatch>>& raws,
                            std::vector<std::uint32_t>& in_message) {
  const std::size_t n = u.sentences.size();
  // Guards wanted per sentence (reaching less than the message), and message-wide ones.
  thread_local std::vector<std::vector<std::uint32_t>> wanted;
  thread_local std::vector<std::uint32_t> message_wide, reps;
  thread_local std::vector<RawMatch> found;
  if (wanted.size() < n) wanted.resize(n);
  message_wide.clear();
  bool any = false;
  for (std::size_t i = 0; i < n; ++i) {
    wanted[i].clear();
    for (const auto& m : raws[i])
      if (prog.patterns[m.pattern].role == Role::match)
        for (auto g : prog.lazy_guards[m.pattern]) {
          (prog.patterns[g].reach == kReachMessage ? message_wide : wanted[i]).push_back(g);
          any = true;
        }
  }
  if (!any) return 0;  // the common case: no match, or matches without lazy guards
  sort_unique(message_wide);
  std::size_t runs = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto& want = wanted[i];
    sort_unique(want);
    // A message-wide guard found in an earlier sentence need not run again.
    std::erase_if(message_wide, [&](std::uint32_t g) {
      return std::find(in_message.begin(), in_message.end(), g) != in_message.end();
    });
    reps.clear();
    for (auto g : want) reps.push_back(prog.representative[g]);
    for (auto g : message_wide) reps.push_back(prog.representative[g]);
    if (reps.empty()) continue;
    sort_unique(reps);
    found.clear();
    runs += matcher.run_some(u, u.sentences[i], word_ids, reps, found);
    // A representative's matches stand for each of its copies that is wanted here.
    for (const auto& r : found) {
      for (auto g : want)
        if (prog.representative[g] == r.pattern) {
          raws[i].push_back(r);
          raws[i].back().pattern = g;
        }
      for (auto g : message_wide)
        if (prog.representative[g] == r.pattern && std::find(in_message.begin(), in_message.end(), g) == in_message.end())
          in_message.push_back(g);
    }
  }
  return runs;
}

// Matches whose rule's `unless` patterns reach them are dropped (overlap; `within N:`;
// `sentence:` anywhere in the sentence; `message:` anywhere in the message, listed in
// `in_message`), and so are those that one of their own `except` clauses
// (Program::exceptions) reaches the same way, or one of their own `requires` clauses
// (Program::requirements) does not.
void apply_guards(const RuleSet& rs, const std::vector<RawMatch>& raw, const std::vector<std::uint32_t>& in_message,
                  std::vector<Hit>& hits) {
  hits.clear();
  thread_local std::vector<const RawMatch*> guards, needs;  // few: most sentences have none
  guards.clear();
  needs.clear();
  for (const auto& u : raw) {
    const Role role = rs.program.patterns[u.pattern].role;
    if (role == Role::unless) guards.push_back(&u);
    if (role == Role::require || role == Role::except) needs.push_back(&u);
  }
  auto seen_in_message = [&](std::uint32_t pattern) {
    return rs.program.patterns[pattern].reach == kReachMessage &&
           std::find(in_message.begin(), in_message.end(), pattern) != in_message.end();
  };
  for (const auto& m : raw) {
    const auto& pi = rs.program.patterns[m.pattern];
    if (pi.role != Role::match) continue;
    bool guarded = false;
    for (const RawMatch* u : guards) {
      const auto& gi = rs.program.patterns[u->pattern];
      guarded = guarded || (gi.rule == pi.rule && reaches(*u, gi.reach, m));
    }
    for (const auto g : in_message) {
      const auto& gi = rs.program.patterns[g];
      guarded = guarded || (gi.role == Role::unless && gi.rule == pi.rule);
    }
    for (const auto e : rs.program.exceptions[m.pattern]) {
      if (guarded) break;
      const auto reach = rs.program.patterns[e].reach;
      guarded = seen_in_message(e) || std::any_of(needs.begin(), needs.end(), [&](const RawMatch* n) {
                  return n->pattern == e && reaches(*n, reach, m);
                });
    }
    for (const auto r : rs.program.requirements[m.pattern]) {
      if (guarded) break;
      const auto reach = rs.program.patterns[r].reach;
      guarded = !seen_in_message(r) && std::none_of(needs.begin(), needs.end(), [&](const RawMatch* n) {
        return n->pattern == r && reaches(*n, reach, m);
      });
    }
    if (!guarded) hits.push_back({pi.rule, m});
  }
}

}  // namespace coach::rules
