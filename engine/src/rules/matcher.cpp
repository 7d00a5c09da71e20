// Pike VM over tokens with a required-word prefilter. Tested in tests/unit/rules_match_test.cpp.
#include "rules/matcher.hpp"

#include <algorithm>

#include "rules/token_test.hpp"
#include "small_sort.hpp"

namespace coach::rules {

namespace {
constexpr std::uint32_t kUnset = 0xFFFFFFFFu;
}

Matcher::Matcher(const Program& program, bool skip_lazy)
    : prog_(program),
      skip_lazy_(skip_lazy),
      cand_mark_(program.patterns.size(), 0),
      word_mark_(program.words.size(), 0),
      set_mark_(program.required_sets.size(), 0),
      on_list_(program.code.size(), 0) {}

void Matcher::next_stamp() {
  if (++cand_stamp_ == 0x80000000u) {  // set_mark_ holds stamp * 2: start over before it wraps
    std::fill(cand_mark_.begin(), cand_mark_.end(), 0);
    std::fill(word_mark_.begin(), word_mark_.end(), 0);
    std::fill(set_mark_.begin(), set_mark_.end(), 0);
    cand_stamp_ = 1;
  }
}

// Stamps the sentence's words (a new cand_stamp_: the candidates are cleared).
void Matcher::mark_words(const text::Sentence& s, const std::vector<std::uint32_t>& word_ids) {
  cand_.clear();
  words_.clear();
  next_stamp();
  for (std::uint32_t i = s.first; i < s.last; ++i)
    if (const auto w = word_ids[i]; w != Program::kNoWord && word_mark_[w] != cand_stamp_) {
      word_mark_[w] = cand_stamp_;
      words_.push_back(w);
    }
}

// `words` is sorted: a long list is searched for the sentence's few words instead.
bool Matcher::holds_one_of(const std::vector<std::uint32_t>& words) const {
  if (words.size() > 4 * words_.size())
    return std::any_of(words_.begin(), words_.end(),
                       [&](std::uint32_t w) { return std::binary_search(words.begin(), words.end(), w); });
  return std::any_of(words.begin(), words.end(), [&](std::uint32_t w) { return word_mark_[w] == cand_stamp_; });
}

// Whether the sentence holds a word of each of the pattern's other necessary sets.
bool Matcher::passes_checks(std::uint32_t p) {
  for (auto id : prog_.checks[p]) {
    auto& mark = set_mark_[id];
    if (mark >> 1 != cand_stamp_) mark = cand_stamp_ << 1 | (holds_one_of(prog_.required_sets[id]) ? 1u : 0u);
    if (!(mark & 1)) return false;
  }
  return true;
}

void Matcher::candidates(const text::Sentence& s, const std::vector<std::uint32_t>& word_ids) {
  mark_words(s, word_ids);
  auto add = [&](std::uint32_t p) {
    if (cand_mark_[p] == cand_stamp_) return;
    if (skip_lazy_ && prog_.lazy[p]) return;
    if (!passes_checks(p)) return;  // a rejected pattern is asked again: cheap
    cand_mark_[p] = cand_stamp_;
    cand_.push_back(p);
  };
  for (auto p : prog_.always) add(p);
  for (auto w : words_)
    for (auto p : prog_.by_word[w]) add(p);
  std::sort(cand_.begin(), cand_.end());
  split_candidates();
}

void Matcher::set_candidates(const std::vector<std::uint32_t>& patterns) {
  next_stamp();
  cand_ = patterns;
  for (auto p : cand_) cand_mark_[p] = cand_stamp_;
  split_candidates();
}

void Matcher::split_candidates() {
  anywhere_.clear();
  anchored_.clear();
  for (auto p : cand_) (prog_.first_words[p].empty() ? anywhere_ : anchored_).push_back(p);
}

// Epsilon closure in priority order (split.x before split.y), so list order is priority.
void Matcher::add_thread(std::vector<Thread>& list, std::uint32_t pc, std::uint32_t caps, std::uint32_t pos) {
  stack_.push_back({pc, caps});
  while (!stack_.empty()) {
    Thread t = stack_.back();
    stack_.pop_back();
    if (on_list_[t.pc] == generation_) continue;
    on_list_[t.pc] = generation_;
    const Inst& in = prog_.code[t.pc];
    if (const auto b = prog_.closure_at[t.pc], e = prog_.closure_at[t.pc + 1]; b != e) {
      // Precomputed: only consuming instructions, no captures or anchors on the way.
      for (auto k = b; k < e; ++k)
        if (const auto c = prog_.closure[k]; on_list_[c] != generation_) {
          on_list_[c] = generation_;
          list.push_back({c, t.caps});
        }
      continue;
    }
    switch (in.op) {
      case Op::jump:
        stack_.push_back({in.x, t.caps});
        break;
      case Op::split:
        stack_.push_back({in.y, t.caps});
        stack_.push_back({in.x, t.caps});
        break;
      case Op::save: {
        auto copy = caps_[t.caps];  // by value: push_back may move the arena
        copy[in.x] = pos;
        stack_.push_back({t.pc + 1, new_caps(copy)});
        break;
      }
      case Op::bol:
        if (pos <= first_content_) stack_.push_back({t.pc + 1, t.caps});
        break;
      case Op::eol:
        if (pos > last_content_) stack_.push_back({t.pc + 1, t.caps});
        break;
      default:
        list.push_back(t);
    }
  }
}

void Matcher::run(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
                  std::vector<RawMatch>& out) {
  candidates(s, word_ids);
  execute(u, s, word_ids, s.last, out);
}

void Matcher::run(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
                  const std::vector<std::uint32_t>& patterns, std::uint32_t end, std::vector<RawMatch>& out) {
  set_candidates(patterns);
  execute(u, s, word_ids, end, out);
}

std::size_t Matcher::run_some(const text::Utterance& u, const text::Sentence& s,
                              const std::vector<std::uint32_t>& word_ids, const std::vector<std::uint32_t>& patterns,
                              std::vector<RawMatch>& out) {
  mark_words(s, word_ids);
  for (auto p : patterns) {
    const auto& req = prog_.required[p];
    if ((req.empty() || holds_one_of(req)) && passes_checks(p)) {
      cand_mark_[p] = cand_stamp_;
      cand_.push_back(p);
    }
  }
  split_candidates();
  execute(u, s, word_ids, s.last, out);
  return cand_.size();
}

void Matcher::execute(const text::Utterance& u, const text::Sentence& s, const std::vector<std::uint32_t>& word_ids,
                      std::uint32_t end, std::vector<RawMatch>& out) {
  if (cand_.empty()) return;
  first_content_ = s.first;
  while (first_content_ < s.last && decorative(u.tokens[first_content_])) ++first_content_;
  last_content_ = s.last;  // index of the last content token; "$" holds past it
  for (std::uint32_t i = s.last; i > s.first; --i)
    if (!decorative(u.tokens[i - 1])) {
      last_content_ = i - 1;
      break;
    }
  if (last_content_ == s.last) last_content_ = s.first;  // no content: $ holds anywhere after first

  clist_.clear();
  accepts_.clear();
  caps_.clear();
  ++generation_;
  std::array<std::uint32_t, kSlots> fresh;
  fresh.fill(kUnset);

  for (std::uint32_t pos = s.first; pos <= end; ++pos) {
    // New threads go last: lower priority than every thread that started earlier.
    // A candidate starts only where its first token can match (the start filter).
    if (pos < end) {
      fresh[0] = pos;
      std::uint32_t start_caps = kUnset;  // one shared capture array for every start here
      auto start = [&](std::uint32_t p) {
        if (start_caps == kUnset) start_caps = new_caps(fresh);
        add_thread(clist_, prog_.patterns[p].entry, start_caps, pos);
      };
      // Patterns never interact, so the order of their starts does not matter: take
      // the shorter of "patterns starting with this word" and "anchored candidates".
      const auto w = word_ids[pos];
      if (w != Program::kNoWord) {
        const auto& firsts = prog_.by_first[w];
        if (firsts.size() <= anchored_.size()) {
          for (auto p : firsts)
            if (cand_mark_[p] == cand_stamp_) start(p);
        } else {
          for (auto p : anchored_) {
            const auto& fw = prog_.first_words[p];
            if (std::binary_search(fw.begin(), fw.end(), w)) start(p);
          }
        }
      }
      for (auto p : anywhere_) start(p);
    }
    ++generation_;
    nlist_.clear();
    for (const Thread& t : clist_) {
      const Inst& in = prog_.code[t.pc];
      if (in.op == Op::accept) {
        const auto& caps = caps_[t.caps];
        if (caps[0] == pos) continue;  // never an empty match
        RawMatch m{in.x, caps[0], pos, caps};
        m.caps[1] = pos;
        accepts_.push_back(m);
        continue;
      }
      if (pos < end && token_test(prog_, in, u.tokens[pos], word_ids[pos])) add_thread(nlist_, t.pc + 1, t.caps, pos + 1);
    }
    std::swap(clist_, nlist_);
  }
  select(out);
}

// Per pattern: for each start its longest match, then leftmost non-overlapping ones.
void Matcher::select(std::vector<RawMatch>& out) {
  small_stable_sort(accepts_.begin(), accepts_.end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.pattern != b.pattern) return a.pattern < b.pattern;
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;  // longest first; stable keeps the higher-priority captures
  });
  for (std::size_t i = 0; i < accepts_.size();) {
    const std::uint32_t p = accepts_[i].pattern;
    std::uint32_t taken_end = 0;
    for (; i < accepts_.size() && accepts_[i].pattern == p; ++i) {
      const RawMatch& m = accepts_[i];
      if (m.start < taken_end) continue;
      if (i > 0 && accepts_[i - 1].pattern == p && accepts_[i - 1].start == m.start) continue;
      out.push_back(m);
      taken_end = m.end;
    }
  }
}

}  // namespace coach::rules
