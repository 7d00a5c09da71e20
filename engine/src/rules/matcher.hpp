// Matcher: runs the Program over one sentence as a Pike VM. Only patterns whose
// required words occur in the sentence are started (the prefilter), all of them in
// one left-to-right pass. Each pattern reports leftmost-longest, non-overlapping
// matches, whatever the order of its alternatives. Cost: O(tokens x live threads),
// no backtracking: a thread per instruction at most, the earliest start winning.
// Tested in tests/unit/rules_match_test.cpp.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "rules/program.hpp"
#include "text/token.hpp"

namespace coach::rules {

struct RawMatch {
  std::uint32_t pattern = 0;
  std::uint32_t start = 0, end = 0;  // token indexes [start, end)
  std::array<std::uint32_t, kSlots> caps{};
};

class Matcher {
 public:
  // `skip_lazy`: the prefilter leaves out Program::lazy patterns (run_guards runs them).
  explicit Matcher(const Program& program, bool skip_lazy = false);

  // `word_ids[i]` is the program's word id of token i (Program::kNoWord if unknown).
  // Runs the patterns the prefilter selects for the sentence.
  void run(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
           std::vector<RawMatch>& out);
  // Runs only `patterns` (sorted; from the DFA, which never leaves out a matching one),
  // stopping at token `end` (no match of theirs ends later).
  void run(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
           const std::vector<std::uint32_t>& patterns, std::uint32_t end, std::vector<RawMatch>& out);
  // Runs those of `patterns` (sorted, distinct) whose required words the sentence holds;
  // returns how many ran.
  std::size_t run_some(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
                       const std::vector<std::uint32_t>& patterns, std::vector<RawMatch>& out);

 private:
  // A thread is a program counter and an index into caps_: capture arrays are shared
  // between threads and copied only when a `save` writes to one.
  struct Thread {
    std::uint32_t pc;
    std::uint32_t caps;
  };
  void next_stamp();
  void mark_words(const text::Sentence& s, const std::vector<std::uint32_t>& word_ids);
  bool holds_one_of(const std::vector<std::uint32_t>& words) const;
  bool passes_checks(std::uint32_t pattern);
  void candidates(const text::Sentence& s, const std::vector<std::uint32_t>& word_ids);
  void set_candidates(const std::vector<std::uint32_t>& patterns);
  void split_candidates();
  void execute(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
               std::uint32_t end, std::vector<RawMatch>& out);
  void select(std::vector<RawMatch>& out);
  void add_thread(std::vector<Thread>& list, std::uint32_t pc, std::uint32_t caps, std::uint32_t pos);
  std::uint32_t new_caps(const std::array<std::uint32_t, kSlots>& from) {
    caps_.push_back(from);
    return static_cast<std::uint32_t>(caps_.size() - 1);
  }

  const Program& prog_;
  bool skip_lazy_;
  std::vector<std::uint32_t> cand_;
  std::vector<std::uint32_t> anywhere_;   // candidates that may start at any token
  std::vector<std::uint32_t> anchored_;   // the others: they start at one of their first words
  std::vector<std::uint32_t> cand_mark_;  // pattern -> stamp
  std::vector<std::uint32_t> word_mark_;  // word id -> stamp: in the current sentence
  std::vector<std::uint32_t> words_;      // the current sentence's distinct known words
  std::vector<std::uint32_t> set_mark_;   // required set -> stamp * 2 + 1 if the sentence holds one of its words
  std::uint32_t cand_stamp_ = 0;
  std::vector<std::uint32_t> on_list_;    // pc -> generation
  std::uint32_t generation_ = 0;
  std::vector<Thread> clist_, nlist_;
  std::vector<Thread> stack_;
  std::vector<std::array<std::uint32_t, kSlots>> caps_;  // capture arena, reset per sentence
  std::vector<RawMatch> accepts_;  // every accept: one per pattern and end position at most
  std::uint32_t first_content_ = 0, last_content_ = 0;  // for ^ and $
};

}  // namespace coach::rules
