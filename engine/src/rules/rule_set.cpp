// The rules stage of a message: normalize, find every pattern's matches (the lazy DFA picks
// the patterns, the Pike VM finds the spans), apply the guards (guards.cpp); what the hits
// that stand mean is the policy stage's (analysis/policy.cpp).
// Tested in tests/unit/rules_match_test.cpp and tests/corpus.
#include "rules/rule_set.hpp"

#include <algorithm>
#include <atomic>
#include <memory>

#include "analysis/policy.hpp"
#include "rules/dfa.hpp"
#include "rules/guards.hpp"
#include "rules/matcher.hpp"
#include "small_sort.hpp"

namespace coach::rules {

std::uint64_t RuleSet::next_serial() {
  static std::atomic<std::uint64_t> n{0};
  return ++n;
}

namespace {

// Copies of a pattern (Program::copies) match where it matches; the matcher's order
// (by pattern, then start) is kept.
void add_copies(const Program& prog, std::vector<RawMatch>& raw) {
  const std::size_t n = raw.size();
  for (std::size_t i = 0; i < n; ++i)
    for (auto q : prog.copies[raw[i].pattern]) {
      RawMatch c = raw[i];
      c.pattern = q;
      raw.push_back(c);
    }
  if (raw.size() != n)
    small_stable_sort(raw.begin(), raw.end(), [](const RawMatch& a, const RawMatch& b) { return a.pattern < b.pattern; });
}

thread_local std::size_t t_guard_runs = 0;

}  // namespace

std::size_t RuleSet::lazy_guard_runs() { return t_guard_runs; }

Analysis RuleSet::analyze(std::string_view message, std::vector<std::string>* fired,
                          std::vector<std::uint32_t>* seen, Trace* trace) const {
  Analysis a;
  a.language = language;
  text::Utterance u = normalizer.analyze(message);
  if (u.invalid_utf8)
    a.warnings.push_back("invalid UTF-8: " + std::to_string(u.invalid_utf8) +
                         " byte sequence(s) replaced with U+FFFD");
  thread_local std::vector<std::uint32_t> word_ids;
  word_ids.resize(u.tokens.size());
  for (std::size_t i = 0; i < u.tokens.size(); ++i) {
    const auto& t = u.tokens[i];
    word_ids[i] = program.lookup(t.norm);
    if (t.has(text::flag_corrected))
      a.corrections.push_back({{t.start, t.end}, u.text.substr(t.start, t.end - t.start), t.norm});
  }

  // Matcher scratch and DFA cache are per thread and per rule set; the serial (never
  // reused) keys them.
  struct Scratch {
    Scratch(const Program& p, std::size_t budget, std::size_t allowance, bool lazy)
        : matcher(p, lazy), dfa(p, budget, allowance, lazy) {}
    Matcher matcher;
    Dfa dfa;
    std::vector<std::uint32_t> patterns;
  };
  thread_local std::uint64_t cached_serial = 0;
  thread_local std::unique_ptr<Scratch> scratch;
  if (cached_serial != serial || !scratch) {
    scratch = std::make_unique<Scratch>(program, dfa_budget, dfa_allowance, lazy_guards);
    cached_serial = serial;
  }

  // Pass 1 matches every sentence (guards too unless lazy_guards); the lazy guards then
  // run where those matches need them; pass 2 applies the guards, once the `message:`
  // ones seen anywhere (in_message) are known.
  thread_local std::vector<std::vector<RawMatch>> raws;
  thread_local std::vector<std::uint32_t> in_message;
  if (raws.size() < u.sentences.size()) raws.resize(u.sentences.size());
  in_message.clear();
  for (std::size_t i = 0; i < u.sentences.size(); ++i) {
    const auto& s = u.sentences[i];
    auto& raw = raws[i];
    raw.clear();
    std::uint32_t end = Dfa::kGaveUp;
    if (use_dfa && !scratch->dfa.thrashing()) {
      scratch->patterns.clear();
      end = scratch->dfa.matching_patterns(u, s, word_ids, scratch->patterns);
      if (end != Dfa::kGaveUp && scratch->patterns.empty()) continue;
    }
    if (end != Dfa::kGaveUp) scratch->matcher.run(u, s, word_ids, scratch->patterns, end, raw);
    else scratch->matcher.run(u, s, word_ids, raw);  // the prefilter picks the patterns
    if (raw.empty()) continue;
    add_copies(program, raw);
    for (const auto& m : raw)
      if (program.patterns[m.pattern].reach == kReachMessage &&
          std::find(in_message.begin(), in_message.end(), m.pattern) == in_message.end())
        in_message.push_back(m.pattern);
  }
  if (lazy_guards) t_guard_runs += run_lazy_guards(program, scratch->matcher, u, word_ids, raws, in_message);
  // The policy stage decides what the guarded hits mean (analysis/policy.cpp).
  analysis::MessagePolicy policy(*this, u, word_ids);
  for (std::size_t i = 0; i < u.sentences.size(); ++i) {
    const auto& raw = raws[i];
    if (raw.empty()) continue;
    thread_local std::vector<Hit> hits;
    apply_guards(*this, raw, in_message, hits);
    if (fired)
      for (const auto& h : hits)
        if (is_context(rules[h.rule])) fired->push_back(rules[h.rule].id);
    thread_local std::vector<Hit> before;
    if (trace) before = hits;
    policy.add_sentence(i, hits);
    if (trace) analysis::trace_sentence(*this, u, raw, before, hits, *trace);
    if (seen) {
      for (const auto& m : raw)
        if (program.patterns[m.pattern].role == Role::unless || program.patterns[m.pattern].role == Role::except)
          seen->push_back(m.pattern);
      for (const auto& h : hits) seen->push_back(h.m.pattern);
    }
    if (fired)
      for (const auto& h : hits) fired->push_back(rules[h.rule].id);
  }
  policy.finish(a);
  if (trace) {
    trace->scorer_probability = scorer_probability(scorer, u);
    trace->scorer_threshold = scorer.threshold;
  }
  a.text = std::move(u.text);
  return a;
}

}  // namespace coach::rules
