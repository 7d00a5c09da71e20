// Lazy DFA over token classes. Tested in tests/unit/rules_match_test.cpp ("the DFA
// ...": results with and without it are identical; a tiny budget forces resets).
#include "rules/dfa.hpp"

#include <algorithm>
#include <map>

#include "rules/token_test.hpp"

namespace coach::rules {

namespace {

std::atomic<std::size_t> g_process_bytes{0};

// Token attributes in a symbol: kind in bits 0-1, then the flags `<class>` tests read.
enum : std::uint32_t { kAttrCaps = 1u << 2, kAttrExcl = 1u << 3, kAttrQuest = 1u << 4, kAttrElong = 1u << 5, kAttrQuoted = 1u << 6,
       kAttrTitle = 1u << 7 };
constexpr std::uint32_t kAttrBits = 8;

std::uint32_t attrs_of(const text::Token& t) {
  std::uint32_t a = static_cast<std::uint32_t>(t.kind);
  if (t.has(text::flag_caps)) a |= kAttrCaps;
  if (t.has(text::flag_exclaim)) a |= kAttrExcl;
  if (t.has(text::flag_question)) a |= kAttrQuest;
  if (t.has(text::flag_elongated)) a |= kAttrElong;
  if (t.has(text::flag_quoted)) a |= kAttrQuoted;
  if (t.has(text::flag_title)) a |= kAttrTitle;
  return a;
}

std::uint64_t mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

}  // namespace

void build_token_classes(Program& prog) {
  const auto n_words = static_cast<std::uint32_t>(prog.words.size());
  const auto n_sets = static_cast<std::uint32_t>(prog.word_sets.size());
  // A word's signature: the tests it passes (its own `word` test, its sets, its prefixes).
  std::vector<bool> tested(n_words, false);
  prog.attr_mask = 3;
  for (const Inst& in : prog.code) {
    if (in.op == Op::word) tested[in.x] = true;
    if (in.op != Op::klass) continue;
    switch (static_cast<TokenClass>(in.x)) {
      case TokenClass::caps: prog.attr_mask |= kAttrCaps; break;
      case TokenClass::excl: prog.attr_mask |= kAttrExcl; break;
      case TokenClass::quest: prog.attr_mask |= kAttrQuest; break;
      case TokenClass::elongated: prog.attr_mask |= kAttrElong; break;
      case TokenClass::quoted: prog.attr_mask |= kAttrQuoted; break;
      case TokenClass::title: prog.attr_mask |= kAttrTitle; break;
      default: break;
    }
  }
  std::vector<std::vector<std::uint32_t>> sig(n_words);
  for (std::uint32_t w = 0; w < n_words; ++w)
    if (tested[w]) sig[w].push_back(w);
  for (std::uint32_t s = 0; s < n_sets; ++s)
    for_each_word(prog.word_sets[s], [&](std::uint32_t w) { sig[w].push_back(n_words + s); });
  for (std::uint32_t p = 0; p < prog.prefixes.size(); ++p)
    for (std::uint32_t w = 0; w < n_words; ++w)
      if (prog.words[w].rfind(prog.prefixes[p], 0) == 0) sig[w].push_back(n_words + n_sets + p);
  std::map<std::vector<std::uint32_t>, std::uint32_t> classes{{{}, 0}};
  prog.word_class.assign(n_words, 0);
  for (std::uint32_t w = 0; w < n_words; ++w)
    prog.word_class[w] = classes.emplace(sig[w], static_cast<std::uint32_t>(classes.size())).first->second;
  prog.word_class_count = static_cast<std::uint32_t>(classes.size());
}

std::uint32_t Dfa::Transitions::find(std::uint64_t key) const {
  if (keys.empty()) return kNone;
  const std::size_t mask = keys.size() - 1;
  for (std::size_t i = mix(key) & mask;; i = (i + 1) & mask) {
    if (keys[i] == key) return values[i];
    if (keys[i] == kEmpty) return kNone;
  }
}

void Dfa::Transitions::insert(std::uint64_t key, std::uint32_t value) {
  if ((used + 1) * 2 > keys.size()) {  // grow at half full
    std::vector<std::uint64_t> old_keys(std::max<std::size_t>(64, keys.size() * 2), kEmpty);
    std::vector<std::uint32_t> old_values(old_keys.size());
    old_keys.swap(keys);
    old_values.swap(values);
    used = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i)
      if (old_keys[i] != kEmpty) insert(old_keys[i], old_values[i]);
  }
  const std::size_t mask = keys.size() - 1;
  std::size_t i = mix(key) & mask;
  while (keys[i] != kEmpty && keys[i] != key) i = (i + 1) & mask;
  if (keys[i] == kEmpty) ++used;
  keys[i] = key;
  values[i] = value;
}

void Dfa::Transitions::clear() {
  std::vector<std::uint64_t>().swap(keys);
  std::vector<std::uint32_t>().swap(values);
  used = 0;
}

Dfa::Dfa(const Program& prog, std::size_t budget_bytes, std::size_t allowance, bool skip_lazy)
    : prog_(prog),
      budget_(budget_bytes),
      allowance_(allowance),
      mark_(prog.code.size(), 0),
      pattern_mark_(prog.patterns.size(), 0) {
  // Every pattern may start at every token: its entry closure is part of every state,
  // kept here once instead of in each state.
  for (int at_start = 0; at_start < 2; ++at_start) {
    next_generation();
    scratch_.clear();
    for (std::uint32_t p = 0; p < prog_.patterns.size(); ++p)
      if (prog_.runs(p) && !(skip_lazy && prog_.lazy[p])) add_closure(prog_.patterns[p].entry, at_start != 0);
    std::sort(scratch_.begin(), scratch_.end());
    Restart& r = restart_[at_start];
    std::vector<std::vector<std::uint32_t>> by_word(prog_.words.size());
    for (auto pc : scratch_) {
      const Inst& in = prog_.code[pc];
      if (in.op == Op::word) by_word[in.x].push_back(pc);
      else if (in.op == Op::word_set) for_each_word(prog_.word_sets[in.x], [&](std::uint32_t w) { by_word[w].push_back(pc); });
      else if (in.op != Op::accept) r.other.push_back(pc);
    }
    for (const auto& pcs : by_word) {
      r.at.push_back(static_cast<std::uint32_t>(r.by_word.size()));
      r.by_word.insert(r.by_word.end(), pcs.begin(), pcs.end());
    }
    r.at.push_back(static_cast<std::uint32_t>(r.by_word.size()));
  }
}

std::uint32_t Dfa::symbol(const text::Token& t, std::uint32_t word) {
  std::uint32_t cls = 0;
  if (word != Program::kNoWord) {
    cls = prog_.word_class[word];
  } else if (!prog_.prefixes.empty() && t.kind == text::TokenKind::word) {
    std::string key;
    for (std::uint32_t p = 0; p < prog_.prefixes.size(); ++p)
      if (t.norm.rfind(prog_.prefixes[p], 0) == 0) key.append(reinterpret_cast<const char*>(&p), sizeof p);
    if (!key.empty())
      cls = unknown_classes_
                .emplace(key, prog_.word_class_count + static_cast<std::uint32_t>(unknown_classes_.size()))
                .first->second;
  }
  return cls << kAttrBits | (attrs_of(t) & prog_.attr_mask);
}

// The consuming and accepting instructions reachable from `pc`, into scratch_.
void Dfa::add_closure(std::uint32_t pc, bool at_start) {
  stack_.push_back(pc);
  while (!stack_.empty()) {
    const auto at = stack_.back();
    stack_.pop_back();
    if (mark_[at] == generation_) continue;
    mark_[at] = generation_;
    const Inst& in = prog_.code[at];
    switch (in.op) {
      case Op::split: stack_.push_back(in.y); stack_.push_back(in.x); break;
      case Op::jump: stack_.push_back(in.x); break;
      case Op::save: stack_.push_back(at + 1); break;
      case Op::bol: if (at_start) stack_.push_back(at + 1); break;
      case Op::eol: stack_.push_back(at + 1); break;  // over-approximated: the Pike VM decides
      default: scratch_.push_back(at);
    }
  }
}

std::uint32_t Dfa::find_state(std::uint64_t hash, bool at_start) const {
  if (ids_.empty()) return kNone;
  const std::size_t mask = ids_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const auto id = ids_[i];
    if (id == kNone) return kNone;
    const State& st = states_[id];
    if (st.hash == hash && st.at_start == at_start && st.pcs == scratch_) return id;
  }
}

void Dfa::index_state(std::uint32_t id) {
  if ((ids_used_ + 1) * 2 > ids_.size()) {  // grow at half full
    ids_.assign(std::max<std::size_t>(64, ids_.size() * 2), kNone);
    ids_used_ = 0;
    for (std::uint32_t k = 0; k < id; ++k) index_state(k);
  }
  const std::size_t mask = ids_.size() - 1;
  std::size_t i = states_[id].hash & mask;
  while (ids_[i] != kNone) i = (i + 1) & mask;
  ids_[i] = id;
  ++ids_used_;
}

std::uint32_t Dfa::intern(bool at_start) {
  std::sort(scratch_.begin(), scratch_.end());
  std::uint64_t hash = at_start ? 0x9E3779B97F4A7C15ULL : 0;
  for (auto pc : scratch_) hash = mix(hash ^ pc) + pc;
  if (const auto id = find_state(hash, at_start); id != kNone) return id;
  const std::size_t cost = sizeof(State) + 8 + scratch_.size() * sizeof(std::uint32_t);
  const std::size_t grown = footprint() + cost;
  if (grown > budget_ || g_process_bytes.load(std::memory_order_relaxed) + (grown - charged_) > kProcessBudget)
    reset();
  State st;
  st.at_start = at_start;
  st.hash = hash;
  st.pcs = scratch_;
  for (auto pc : scratch_)
    if (prog_.code[pc].op == Op::accept) st.accepts.push_back(prog_.code[pc].x);
  std::sort(st.accepts.begin(), st.accepts.end());
  st.accepts.erase(std::unique(st.accepts.begin(), st.accepts.end()), st.accepts.end());
  bytes_ += cost + st.accepts.size() * sizeof(std::uint32_t);
  ++built_;
  const auto id = static_cast<std::uint32_t>(states_.size());
  states_.push_back(std::move(st));
  index_state(id);
  const std::size_t now = footprint();
  g_process_bytes.fetch_add(now - charged_, std::memory_order_relaxed);
  charged_ = now;
  return id;
}

Dfa::~Dfa() { g_process_bytes.fetch_sub(charged_, std::memory_order_relaxed); }

std::size_t Dfa::process_bytes() { return g_process_bytes.load(std::memory_order_relaxed); }

void Dfa::reset() {
  g_process_bytes.fetch_sub(charged_, std::memory_order_relaxed);
  charged_ = 0;
  std::vector<State>().swap(states_);  // release the memory, not just the elements
  std::vector<std::uint32_t>().swap(ids_);
  ids_used_ = 0;
  next_.clear();
  start_ = kNone;
  bytes_ = 0;
  ++resets_;
  if (sentences_ - sentences_at_reset_ < kMinSentencesPerReset) ++thrash_;
  sentences_at_reset_ = sentences_;
}

void Dfa::next_generation() {
  if (++generation_ == 0) {
    std::fill(mark_.begin(), mark_.end(), 0);
    generation_ = 1;
  }
}

std::uint32_t Dfa::start_state() {
  if (start_ == kNone) {
    scratch_.clear();
    start_ = intern(true);
  }
  return start_;
}

std::uint32_t Dfa::step(std::uint32_t from, const text::Token& t, std::uint32_t word) {
  const bool was_start = states_[from].at_start;
  const bool at_start = was_start && decorative(t);
  next_generation();
  scratch_.clear();
  auto advance = [&](std::uint32_t pc) {
    const Inst& in = prog_.code[pc];
    if (in.op != Op::accept && token_test(prog_, in, t, word)) add_closure(pc + 1, at_start);
  };
  for (auto pc : states_[from].pcs) advance(pc);
  // New threads: only the word tests this word passes, and the class and prefix tests.
  const Restart& r = restart_[was_start ? 1 : 0];
  for (auto pc : r.other) advance(pc);
  if (word != Program::kNoWord)
    for (auto k = r.at[word]; k < r.at[word + 1]; ++k) add_closure(r.by_word[k] + 1, at_start);
  return intern(at_start);  // may reset the cache: `from` is not used after this
}

std::uint32_t Dfa::matching_patterns(const text::Utterance& u, const text::Sentence& s,
                                     const std::vector<std::uint32_t>& word_ids, std::vector<std::uint32_t>& out) {
  std::uint32_t last_end = s.first;
  const std::size_t first_out = out.size();
  ++sentences_;
  if (++pattern_stamp_ == 0) {
    std::fill(pattern_mark_.begin(), pattern_mark_.end(), 0);
    pattern_stamp_ = 1;
  }
  std::uint32_t state = start_state();
  for (std::uint32_t i = s.first; i < s.last; ++i) {
    const auto& t = u.tokens[i];
    const auto word = word_ids[i];
    const std::uint64_t key = std::uint64_t{state} << 32 | symbol(t, word);
    std::uint32_t next = next_.find(key);
    ++tokens_;
    if (next == kNone) {
      if (built_ * kTokensPerState > tokens_ + allowance_ * kTokensPerState) {
        ++gave_up_;
        out.resize(first_out);
        return kGaveUp;
      }
      const auto resets = resets_;
      next = step(state, t, word);
      if (resets == resets_) next_.insert(key, next);  // charged by table size in intern()
    }
    state = next;
    if (!states_[state].accepts.empty()) last_end = i + 1;
    for (auto p : states_[state].accepts)
      if (pattern_mark_[p] != pattern_stamp_) {
        pattern_mark_[p] = pattern_stamp_;
        out.push_back(p);
      }
  }
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first_out), out.end());
  if (tokens_ > (std::size_t{1} << 22)) {  // the rate follows recent text
    tokens_ /= 2;
    built_ /= 2;
  }
  return last_end;
}

}  // namespace coach::rules
