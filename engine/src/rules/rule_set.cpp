// From raw matches to an Analysis: `unless` guards, context scopes (negation, reported
// speech), overlap resolution, quotes and rationale, signals.
// Tested in tests/unit/rules_match_test.cpp and tests/corpus.
#include "rules/rule_set.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>

#include "rules/dfa.hpp"
#include "rules/matcher.hpp"
#include "small_sort.hpp"

namespace coach::rules {
namespace {

struct Hit {
  std::uint32_t rule;
  RawMatch m;
};

bool overlaps(const RawMatch& a, const RawMatch& b) { return a.start < b.end && b.start < a.end; }

// Matches whose rule's `unless` patterns overlap them are dropped.
void apply_guards(const RuleSet& rs, const std::vector<RawMatch>& raw, std::vector<Hit>& hits) {
  hits.clear();
  for (const auto& m : raw) {
    const auto& pi = rs.program.patterns[m.pattern];
    if (pi.role != Role::match) continue;
    bool guarded = false;
    for (const auto& u : raw) {
      const auto& ui = rs.program.patterns[u.pattern];
      if (ui.role == Role::unless && ui.rule == pi.rule && overlaps(m, u)) guarded = true;
    }
    if (!guarded) hits.push_back({pi.rule, m});
  }
}

// A context match ("I'm not saying", "she told me") covers the rest of its clause.
// Removes the context hits and the horsemen they cover from `hits`.
void apply_context(const RuleSet& rs, std::vector<Hit>& hits, const text::Sentence& s,
                   const std::vector<std::uint32_t>& word_ids) {
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> scopes;
  scopes.clear();
  for (const auto& h : hits) {
    if (!is_context(rs.rules[h.rule].category)) continue;
    std::uint32_t end = h.m.end;
    while (end < s.last) {
      const auto w = word_ids[end];
      if (rs.clause_break_set != RuleSet::kNone && w != Program::kNoWord &&
          contains(rs.program.word_sets[rs.clause_break_set], w))
        break;
      ++end;
    }
    scopes.emplace_back(h.m.start, end);
  }
  std::size_t kept = 0;
  for (auto& h : hits) {
    const auto& cat = rs.rules[h.rule].category;
    if (is_context(cat)) continue;
    bool covered = false;
    if (is_horseman(cat))
      for (auto [b, e] : scopes) covered = covered || (h.m.start >= b && h.m.start < e);
    if (!covered) hits[kept++] = h;
  }
  hits.resize(kept);
}

std::string fill_why(const std::string& why, const Finding& f) {
  std::string out;
  out.reserve(why.size() + f.quote.size());
  for (std::size_t i = 0; i < why.size();) {
    const auto open = why.find('{', i);
    const auto close = open == std::string::npos ? open : why.find('}', open);
    if (close == std::string::npos) {
      out.append(why, i, std::string::npos);
      break;
    }
    out.append(why, i, open - i);
    const std::string_view name(why.data() + open + 1, close - open - 1);
    const std::string* value = name == "match" ? &f.quote : nullptr;
    for (const auto& c : f.captures)
      if (c.name == name) value = &c.text;
    if (value) out += *value;
    i = close + 1;
  }
  return out;
}

Finding make_finding(const RuleSet& rs, const text::Utterance& u, const Hit& h) {
  const RuleInfo& info = rs.rules[h.rule];
  Finding f;
  f.category = info.category;
  f.rule = info.id;
  f.severity = info.severity;
  f.span = {u.tokens[h.m.start].start, u.tokens[h.m.end - 1].end};
  f.quote = u.text.substr(f.span.start, f.span.end - f.span.start);
  for (std::size_t c = 0; c < info.capture_names.size() && c < kMaxCaptures; ++c) {
    const auto b = h.m.caps[2 + 2 * c], e = h.m.caps[3 + 2 * c];
    if (b == 0xFFFFFFFFu || e == 0xFFFFFFFFu || e <= b) continue;
    Capture cap{info.capture_names[c], {u.tokens[b].start, u.tokens[e - 1].end}, {}};
    cap.text = u.text.substr(cap.span.start, cap.span.end - cap.span.start);
    f.captures.push_back(std::move(cap));
  }
  f.why = fill_why(info.why, f);
  return f;
}

// Of overlapping findings in one category, keep the strongest, then the longest.
// Overlaps are local, so the greedy choice runs per cluster of chained overlaps:
// O(n log n) for the sort, and small clusters after it.
void resolve_overlaps(std::vector<Finding>& fs) {
  if (fs.size() < 2) return;
  small_stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    if (a.category != b.category) return a.category < b.category;
    return a.span.start < b.span.start;
  });
  auto better = [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return (a.span.end - a.span.start) > (b.span.end - b.span.start);
  };
  std::vector<Finding> kept;
  std::vector<Finding> cluster;
  for (std::size_t i = 0; i < fs.size();) {
    std::size_t j = i + 1;
    std::uint32_t end = fs[i].span.end;
    while (j < fs.size() && fs[j].category == fs[i].category && fs[j].span.start < end) {
      end = std::max(end, fs[j].span.end);
      ++j;
    }
    cluster.assign(std::make_move_iterator(fs.begin() + static_cast<std::ptrdiff_t>(i)),
                   std::make_move_iterator(fs.begin() + static_cast<std::ptrdiff_t>(j)));
    small_stable_sort(cluster.begin(), cluster.end(), better);
    const std::size_t first_kept = kept.size();
    for (auto& f : cluster) {
      bool dup = false;
      for (std::size_t k = first_kept; k < kept.size(); ++k)
        dup = dup || (f.span.start < kept[k].span.end && kept[k].span.start < f.span.end);
      if (!dup) kept.push_back(std::move(f));
    }
    i = j;
  }
  small_stable_sort(kept.begin(), kept.end(),
                   [](const Finding& a, const Finding& b) { return a.span.start < b.span.start; });
  fs = std::move(kept);
}

double intensity(const text::Utterance& u, const std::vector<Finding>& findings) {
  double caps = 0, bangs = 0, severity = 0;
  for (const auto& t : u.tokens) {
    if (t.has(text::flag_caps) && t.end - t.start >= 3) caps += 1;
    if (t.has(text::flag_exclaim)) bangs += std::min<double>(t.punct_len, 3);
    if (t.has(text::flag_elongated)) bangs += 0.5;
  }
  for (const auto& f : findings) severity += f.severity;
  const double v = 0.12 * std::min(caps, 5.0) + 0.06 * std::min(bangs, 6.0) + 0.1 * severity;
  return std::min(1.0, std::round(v * 100) / 100);
}

}  // namespace

Analysis RuleSet::analyze(std::string_view message, std::vector<std::string>* fired) const {
  Analysis a;
  a.language = language;
  text::Utterance u = normalizer.analyze(message);
  if (u.invalid_utf8)
    a.warnings.push_back("invalid UTF-8: " + std::to_string(u.invalid_utf8) +
                         " byte sequence(s) replaced with U+FFFD");
  thread_local std::vector<std::uint32_t> word_ids;
  word_ids.resize(u.tokens.size());
  for (std::size_t i = 0; i < u.tokens.size(); ++i) word_ids[i] = program.lookup(u.tokens[i].norm);

  // Matcher scratch and DFA cache are per thread and per rule set; the serial (never
  // reused) keys them.
  struct Scratch {
    Scratch(const Program& p, std::size_t budget, std::size_t allowance) : matcher(p), dfa(p, budget, allowance) {}
    Matcher matcher;
    Dfa dfa;
    std::vector<std::uint32_t> patterns;
  };
  thread_local std::uint64_t cached_serial = 0;
  thread_local std::unique_ptr<Scratch> scratch;
  if (cached_serial != serial || !scratch) {
    scratch = std::make_unique<Scratch>(program, dfa_budget, dfa_allowance);
    cached_serial = serial;
  }

  std::vector<Finding> horsemen;
  thread_local std::vector<RawMatch> raw;
  for (const auto& s : u.sentences) {
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
    thread_local std::vector<Hit> hits;
    apply_guards(*this, raw, hits);
    if (fired)
      for (const auto& h : hits)
        if (is_context(rules[h.rule].category)) fired->push_back(rules[h.rule].id);
    apply_context(*this, hits, s, word_ids);
    for (const auto& h : hits) {
      if (fired) fired->push_back(rules[h.rule].id);
      Finding f = make_finding(*this, u, h);
      if (is_horseman(f.category)) horsemen.push_back(std::move(f));
      else if (is_repair(f.category)) a.signals.repair.push_back(std::move(f));
      else if (is_safety(f.category)) a.signals.safety.push_back(std::move(f));
      else if (is_bid(f.category)) a.signals.bids.push_back(std::move(f));
    }
  }
  resolve_overlaps(horsemen);
  resolve_overlaps(a.signals.repair);
  resolve_overlaps(a.signals.safety);
  resolve_overlaps(a.signals.bids);
  for (const char* c : kHorsemen)
    if (std::any_of(horsemen.begin(), horsemen.end(), [&](const Finding& f) { return f.category == c; }))
      a.categories.emplace_back(c);
  a.signals.intensity = intensity(u, horsemen);
  a.findings = std::move(horsemen);
  a.text = std::move(u.text);
  return a;
}

}  // namespace coach::rules
