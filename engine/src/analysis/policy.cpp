// The product's policy over the rules' hits: contexts, roles, buckets, overlaps, findings,
// the scorer's fallback, intensity (policy.hpp).
// Tested in tests/unit/rules_match_test.cpp and tests/corpus.
#include "analysis/policy.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "coach/categories.hpp"
#include "rules/role.hpp"
#include "rules/why_text.hpp"
#include "small_sort.hpp"

namespace coach::analysis {

using rules::contains;
using rules::first_person_act;
using rules::Hit;
using rules::kMaxCaptures;
using rules::kScorerKinds;
using rules::Program;
using rules::RawMatch;
using rules::Role;
using rules::RuleInfo;
using rules::RuleSet;
using rules::Scorer;
using rules::is_context;
using rules::is_horseman;
using rules::is_safety;

// A hit that may become a Finding: overlaps are resolved on these, and only the kept
// ones pay for strings (with copied rules, most of them are dropped).
struct MessagePolicy::Pending {
  const RuleInfo* info;
  Span span;
  Hit hit;
};

namespace {

using Pending = MessagePolicy::Pending;
constexpr std::uint32_t kNoReport = 0xFFFFFFFFu;

// A context match ("I'm not saying", "she told me") covers the rest of its clause.
// Removes the context hits and the horsemen they cover from `hits`. A safety finding is
// never removed, but an author's one ("I'll find you") inside reported words ("he said
// I'll find you") is the reported kind: the user is telling of a threat, not making one.
// A `context.harmless[.<kind>]` match marks its sentence as a look-alike (a bungee
// jump, a paintball game): safety findings there, of that kind or of any, are dropped.
// A `context.author` match marks the writer as the one acting ("I told her if she blocks
// me again"): the sentence's violence, threat and control findings become `.author`
// ones, except inside reported words; so does "I" as the match's subject
// (first_person_act, role.hpp). Covered by tests/unit/rules_match_test.cpp.
// The kind a `context.harmless[.<kind>]` category names ("" for all kinds).
std::string_view harmless_kind(std::string_view category) {
  return category.size() > 16 ? category.substr(17) : std::string_view();
}

bool harmless_for(std::string_view safety_category, const std::vector<std::string_view>& harmless) {
  std::string_view kind = safety_category.substr(std::string_view("safety.").size());
  kind = kind.substr(0, kind.find('.'));
  return std::any_of(harmless.begin(), harmless.end(),
                     [&](std::string_view h) { return h.empty() || h == kind; });
}

void apply_context(const RuleSet& rs, std::vector<Hit>& hits, const text::Utterance& u, const text::Sentence& s,
                   const std::vector<std::uint32_t>& word_ids) {
  thread_local std::vector<std::pair<std::uint32_t, std::uint32_t>> scopes;
  thread_local std::vector<bool> reported_scope;
  thread_local std::vector<std::string_view> harmless;  // kinds ("" for all) marked harmless here
  scopes.clear();
  reported_scope.clear();
  harmless.clear();
  bool authored = false;
  for (const auto& h : hits) {
    const std::string_view category = rs.rules[h.rule].category;
    if (category.starts_with("context.harmless")) {
      harmless.push_back(harmless_kind(category));
      continue;
    }
    if (category == "context.author") {
      authored = true;
      continue;
    }
    if (!is_context(rs.rules[h.rule])) continue;
    reported_scope.push_back(rs.rules[h.rule].category == "context.reported");
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
    const RuleInfo& info = rs.rules[h.rule];
    const auto& cat = info.category;
    if (is_context(info)) continue;
    bool covered = false;
    if (is_horseman(info))
      for (auto [b, e] : scopes) covered = covered || (h.m.start >= b && h.m.start < e);
    if (is_safety(info)) {
      bool in_reported = false;
      for (std::size_t k = 0; k < scopes.size(); ++k)
        in_reported = in_reported || (reported_scope[k] && h.m.start >= scopes[k].first && h.m.start < scopes[k].second);
      if (cat.ends_with(".author")) h.reported = in_reported;
      if (one_of(kAuthorKinds, std::string_view(cat).substr(std::string_view("safety.").size())) &&
          (authored || first_person_act(u, s, h.m.start, h.m.end)))
        h.authored = !in_reported;
    }
    if (is_safety(info) && !harmless.empty()) covered = harmless_for(cat, harmless);
    if (!covered) hits[kept++] = h;
  }
  hits.resize(kept);
}

std::string fill_why(const std::string& why, const Finding& f) {
  std::string out;
  out.reserve(why.size() + f.quote.size());
  rules::scan_why(
      why, [&](std::string_view text) { out += text; },
      [&](std::string_view name) {
        const std::string* value = name == "match" ? &f.quote : nullptr;
        for (const auto& c : f.captures)
          if (c.name == name) value = &c.text;
        if (value) out += *value;
      });
  return out;
}

Finding make_finding(const text::Utterance& u, const Pending& p) {
  const RuleInfo& info = *p.info;
  Finding f;
  f.category = info.category;
  if (p.hit.reported) f.category.resize(f.category.size() - std::string_view(".author").size());
  if (p.hit.authored) f.category += ".author";
  f.rule = info.id;
  f.severity = info.severity;
  f.span = p.span;
  f.quote = u.text.substr(f.span.start, f.span.end - f.span.start);
  for (std::size_t c = 0; c < info.capture_names.size() && c < kMaxCaptures; ++c) {
    const auto b = p.hit.m.caps[2 + 2 * c], e = p.hit.m.caps[3 + 2 * c];
    if (b == 0xFFFFFFFFu || e == 0xFFFFFFFFu || e <= b) continue;
    Capture cap{info.capture_names[c], {u.tokens[b].start, u.tokens[e - 1].end}, {}};
    cap.text = u.text.substr(cap.span.start, cap.span.end - cap.span.start);
    f.captures.push_back(std::move(cap));
  }
  f.why = fill_why(info.why, f);
  return f;
}

// Of overlapping hits in one category, keep the strongest, then the longest.
// Overlaps are local, so the greedy choice runs per cluster of chained overlaps:
// O(n log n) for the sort, and small clusters after it. Returns them by start.
void resolve_overlaps(std::vector<Pending>& ps) {
  if (ps.size() < 2) return;
  small_stable_sort(ps.begin(), ps.end(), [](const Pending& a, const Pending& b) {
    if (a.info->category != b.info->category) return a.info->category < b.info->category;
    return a.span.start < b.span.start;
  });
  auto better = [](const Pending& a, const Pending& b) {
    if (a.info->severity != b.info->severity) return a.info->severity > b.info->severity;
    return (a.span.end - a.span.start) > (b.span.end - b.span.start);
  };
  thread_local std::vector<Pending> kept, cluster;
  kept.clear();
  for (std::size_t i = 0; i < ps.size();) {
    std::size_t j = i + 1;
    std::uint32_t end = ps[i].span.end;
    while (j < ps.size() && ps[j].info->category == ps[i].info->category && ps[j].span.start < end) {
      end = std::max(end, ps[j].span.end);
      ++j;
    }
    cluster.assign(ps.begin() + static_cast<std::ptrdiff_t>(i), ps.begin() + static_cast<std::ptrdiff_t>(j));
    small_stable_sort(cluster.begin(), cluster.end(), better);
    const std::size_t first_kept = kept.size();
    for (const auto& p : cluster) {
      bool dup = false;
      for (std::size_t k = first_kept; k < kept.size(); ++k)
        dup = dup || (p.span.start < kept[k].span.end && kept[k].span.start < p.span.end);
      if (!dup) kept.push_back(p);
    }
    i = j;
  }
  small_stable_sort(kept.begin(), kept.end(),
                    [](const Pending& a, const Pending& b) { return a.span.start < b.span.start; });
  ps.swap(kept);
}

std::vector<Finding> findings_of(const text::Utterance& u, std::vector<Pending>& ps) {
  resolve_overlaps(ps);
  std::vector<Finding> out;
  out.reserve(ps.size());
  for (const auto& p : ps) out.push_back(make_finding(u, p));
  return out;
}

double intensity(const text::Utterance& u, const std::vector<Pending>& findings) {
  double caps = 0, bangs = 0, severity = 0;
  for (const auto& t : u.tokens) {
    if (t.has(text::flag_caps) && t.end - t.start >= 3) caps += 1;
    if (t.has(text::flag_exclaim)) bangs += std::min<double>(t.punct_len, 3);
    if (t.has(text::flag_elongated)) bangs += 0.5;
  }
  for (const auto& f : findings) severity += f.info->severity;
  const double v = 0.12 * std::min(caps, 5.0) + 0.06 * std::min(bangs, 6.0) + 0.1 * severity;
  return std::min(1.0, std::round(v * 100) / 100);
}

// The scorer's finding for a message the safety rules left silent: the kind that scored
// highest, quoting the sentence that weighed most, unless a look-alike context of that
// kind holds in that sentence and the score is not above the scorer's `sure`.
std::optional<Finding> scorer_finding(const Scorer& scorer, const text::Utterance& u,
                                      const std::vector<std::pair<std::size_t, std::string_view>>& harmless,
                                      std::uint32_t reported_from) {
  const auto v = score(scorer, u);
  if (!v) return std::nullopt;
  const std::string_view kind = kScorerKinds[v->kind];
  for (const auto& [si, k] : harmless)
    if (si == v->sentence && (k.empty() || k == kind) && v->probability <= scorer.sure) return std::nullopt;
  const auto& s = u.sentences[v->sentence];
  std::uint32_t first = s.first, last = s.last;
  while (first < last && u.tokens[first].kind == text::TokenKind::punct) ++first;
  while (last > first && u.tokens[last - 1].kind == text::TokenKind::punct) --last;
  if (first == last) return std::nullopt;
  Finding f;
  f.category = "safety." + std::string(kind);
  // Only some kinds have an author's form (kAuthorKinds), and not after someone else's
  // words are reported (`reported_from`, see analyze()).
  const bool author = v->author && u.tokens[s.first].start < reported_from;
  if (author && one_of(kAuthorKinds, kind)) f.category += ".author";
  f.rule = "safety." + std::string(kind) + ".scorer";
  f.severity = 2;
  f.span = {u.tokens[first].start, u.tokens[last - 1].end};
  f.quote = u.text.substr(f.span.start, f.span.end - f.span.start);
  std::string words;
  for (const auto& w : v->words) words += (words.empty() ? "\"" : ", \"") + w + "\"";
  f.why = scorer.why[v->kind];
  if (const auto at = f.why.find("{words}"); at != std::string::npos) f.why.replace(at, 7, words);
  return f;
}

}  // namespace

void trace_sentence(const RuleSet& rs, const text::Utterance& u, const std::vector<RawMatch>& raw,
                    const std::vector<Hit>& before, const std::vector<Hit>& after, Trace& trace) {
  const bool look_alike = std::any_of(before.begin(), before.end(), [&](const Hit& h) {
    return rs.rules[h.rule].category.starts_with("context.harmless");
  });
  auto in = [](const std::vector<Hit>& hits, std::uint32_t rule, const RawMatch& m) {
    return std::any_of(hits.begin(), hits.end(), [&](const Hit& k) {
      return k.rule == rule && k.m.start == m.start && k.m.end == m.end;
    });
  };
  for (const auto& m : raw) {
    const auto& pi = rs.program.patterns[m.pattern];
    if (pi.role != Role::match || m.end <= m.start) continue;
    const auto& info = rs.rules[pi.rule];
    const std::string outcome = !in(before, pi.rule, m)                 ? "guarded"
                                : in(after, pi.rule, m)                 ? "kept"
                                : is_context(info)                      ? "context"
                                : is_safety(info) && look_alike          ? "look-alike"
                                                                         : "covered";
    const Span span{u.tokens[m.start].start, u.tokens[m.end - 1].end};
    const bool repeat = std::any_of(trace.steps.begin(), trace.steps.end(), [&](const TraceStep& t) {
      return t.rule == info.id && t.span.start == span.start && t.span.end == span.end;
    });
    if (!repeat) trace.steps.push_back({info.id, info.category, span, outcome});
  }
}


MessagePolicy::MessagePolicy(const RuleSet& rs, const text::Utterance& u, const std::vector<std::uint32_t>& word_ids)
    : rs_(rs), u_(u), word_ids_(word_ids), pending_([]() -> auto& {
        thread_local std::array<std::vector<Pending>, 5> p;
        return p;
      }()),
      harmless_([]() -> auto& {
        thread_local std::vector<std::pair<std::size_t, std::string_view>> h;
        return h;
      }()),
      // Once someone else's words are reported ("he said", "him:") in a message that nowhere
      // marks the writer as the one acting, what follows tells of a threat or control: its
      // author's forms ("... and said you'll regret this") are the reported kind.
      reported_from_(kNoReport) {
  for (auto& p : pending_) p.clear();
  harmless_.clear();
}

void MessagePolicy::add_sentence(std::size_t i, std::vector<Hit>& hits) {
  for (const auto& h : hits) {
    const std::string_view c = rs_.rules[h.rule].category;
    if (c.starts_with("context.harmless")) harmless_.emplace_back(i, harmless_kind(c));
    if (c == "context.reported") reported_from_ = std::min(reported_from_, u_.tokens[h.m.start].start);
    authoring_ = authoring_ || c == "context.author";
  }
  apply_context(rs_, hits, u_, u_.sentences[i], word_ids_);
  for (const auto& h : hits) {
    const RuleInfo& info = rs_.rules[h.rule];
    const Bucket b = info.bucket;
    const int list = b == Bucket::horseman ? 0 : b == Bucket::repair ? 1 : b == Bucket::safety ? 2
                   : b == Bucket::bid ? 3 : b == Bucket::request ? 4 : -1;
    if (list >= 0) pending_[list].push_back({&info, {u_.tokens[h.m.start].start, u_.tokens[h.m.end - 1].end}, h});
  }
}

void MessagePolicy::finish(Analysis& a) {
  if (authoring_) reported_from_ = kNoReport;
  for (auto& p : pending_[2])
    if (p.span.start >= reported_from_ && p.info->category.ends_with(".author")) p.hit.reported = true;
  a.findings = findings_of(u_, pending_[0]);
  a.signals.repair = findings_of(u_, pending_[1]);
  a.signals.safety = findings_of(u_, pending_[2]);
  if (a.signals.safety.empty())
    if (auto f = scorer_finding(rs_.scorer, u_, harmless_, reported_from_)) a.signals.safety.push_back(std::move(*f));
  a.signals.bids = findings_of(u_, pending_[3]);
  a.signals.requests = findings_of(u_, pending_[4]);
  for (const std::string_view c : kHorsemen)
    if (std::any_of(a.findings.begin(), a.findings.end(), [&](const Finding& f) { return f.category == c; }))
      a.categories.emplace_back(c);
  a.signals.intensity = intensity(u_, pending_[0]);
}

}  // namespace coach::analysis
