// Required-word analysis over pattern ASTs, and first-token analysis over the program.
// Tested in tests/unit/rules_match_test.cpp ("never change a result") and tests/golden.
#include "rules/prefilter.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace coach::rules {
namespace {

using Options = std::vector<std::vector<std::uint32_t>>;  // a conjunction of word sets

class Required {
 public:
  Required(const Program& prog, const Lexicons& lex, const text::Normalizer& norm,
           const std::vector<std::uint32_t>& usage, const std::map<std::string, std::vector<std::string>>& inflections)
      : prog_(prog), lex_(lex), norm_(norm), usage_(usage), inflections_(inflections) {}

  std::uint64_t cost(const std::vector<std::uint32_t>& set) const {
    std::uint64_t c = 0;
    for (auto w : set) c += 1 + (w < usage_.size() ? usage_[w] : 0);
    return c;
  }

  // The first of the cheapest.
  const std::vector<std::uint32_t>& cheapest(const Options& opts) const {
    std::size_t best = 0;
    std::uint64_t best_cost = cost(opts[0]);
    for (std::size_t i = 1; i < opts.size(); ++i)
      if (const auto c = cost(opts[i]); c < best_cost) {
        best = i;
        best_cost = c;
      }
    return opts[best];
  }

  // Appends the necessary word sets of `alt` to `out` (appending, not returning, spares
  // the copies: compiling asks this of every pattern).
  void of(const ast::Alternation& alt, Options& out) const {
    if (alt.size() == 1) return of(alt[0], out);
    // A choice: each branch contributes its cheapest necessary set; the union is necessary.
    std::vector<std::uint32_t> any;
    Options branch;
    for (const auto& seq : alt) {
      branch.clear();
      of(seq, branch);
      if (branch.empty()) return;
      const auto& best = cheapest(branch);
      any.insert(any.end(), best.begin(), best.end());
    }
    std::sort(any.begin(), any.end());
    any.erase(std::unique(any.begin(), any.end()), any.end());
    out.push_back(std::move(any));
  }

  void of(const ast::Sequence& seq, Options& out) const {
    for (const auto& it : seq) of(it, out);
  }

  void of(const ast::Item& it, Options& out) const {
    if (it.optional) return;
    struct V {
      const Required& r;
      Options& out;
      void append(const Options& o) const { out.insert(out.end(), o.begin(), o.end()); }
      void operator()(const ast::Word& w) const {
        if (w.inflect) append(r.forms(w.text));
        else if (!w.prefix) append(r.words(w.text));
      }
      void operator()(const ast::Phrase& p) const { append(r.words(p.text)); }
      void operator()(const ast::LexiconRef& ref) const { append(r.lexicon(ref.name)); }
      void operator()(const ast::ClassRef&) const {}
      void operator()(const ast::Anchor&) const {}
      void operator()(const ast::Gap&) const {}
      void operator()(const x3::forward_ast<ast::Alternation>& a) const { r.of(a.get(), out); }
      void operator()(const x3::forward_ast<ast::Capture>& c) const { r.of(c.get().body, out); }
    };
    boost::apply_visitor(V{*this, out}, it.atom);
  }

 private:
  // One set per token of the normalized text; memoized (the same words recur thousands of times).
  const Options& words(const std::string& text) const {
    auto [it, fresh] = words_cache_.try_emplace(text);
    if (fresh)
      for (const auto& t : norm_.words(text)) it->second.push_back({prog_.word_id(t)});
    return it->second;
  }

  // `~word`: any one of its forms.
  const Options& forms(const std::string& word) const {
    static const Options kNone;
    auto it = inflections_.find(word);
    if (it == inflections_.end()) return kNone;
    auto [c, fresh] = forms_cache_.try_emplace(word);
    if (fresh) {
      std::vector<std::uint32_t> any;
      for (const auto& f : it->second)
        if (const auto toks = norm_.words(f); toks.size() == 1) any.push_back(prog_.word_id(toks[0]));
      if (!any.empty()) c->second.push_back(std::move(any));
    }
    return c->second;
  }

  // A lexicon's answer never changes and the big ones are used hundreds of times.
  const Options& lexicon(const std::string& name) const {
    static const Options kNone;
    if (auto c = lex_cache_.find(name); c != lex_cache_.end()) return c->second;
    auto it = lex_.find(name);
    if (it == lex_.end()) return kNone;
    Options result;
    std::vector<std::uint32_t> any;
    bool usable = true;
    for (const auto& entry : it->second.entries) {
      if (entry.prefix || entry.words.empty()) {
        usable = false;
        break;
      }
      std::uint32_t best = prog_.word_id(entry.words[0]);  // the entry's rarest word
      for (const auto& w : entry.words)
        if (const auto id = prog_.word_id(w); cost({id}) < cost({best})) best = id;
      any.push_back(best);
    }
    if (usable) result = {any};
    return lex_cache_.emplace(name, std::move(result)).first->second;
  }

  const Program& prog_;
  const Lexicons& lex_;
  const text::Normalizer& norm_;
  const std::vector<std::uint32_t>& usage_;
  const std::map<std::string, std::vector<std::string>>& inflections_;
  mutable std::unordered_map<std::string, Options> lex_cache_, words_cache_, forms_cache_;
};

std::uint32_t pattern_end(const Program& prog, std::size_t p) {
  return p + 1 < prog.patterns.size() ? prog.patterns[p + 1].entry : static_cast<std::uint32_t>(prog.code.size());
}

// How many patterns mention each word.
std::vector<std::uint32_t> word_usage(const Program& prog) {
  std::vector<std::uint32_t> usage(prog.words.size(), 0);
  std::vector<std::uint32_t> last(prog.words.size(), 0xFFFFFFFFu);  // the last pattern that counted the word
  for (std::uint32_t p = 0; p < prog.patterns.size(); ++p) {
    if (!prog.runs(p)) continue;
    auto count = [&](std::uint32_t w) {
      if (last[w] != p) ++usage[w];
      last[w] = p;
    };
    for (auto pc = prog.patterns[p].entry; pc < pattern_end(prog, p); ++pc) {
      const Inst& in = prog.code[pc];
      if (in.op == Op::word) count(in.x);
      if (in.op == Op::word_set) for_each_word(prog.word_sets[in.x], count);
    }
  }
  return usage;
}

// The consuming instructions reachable from `pc` without consuming a token, in priority
// order. A save or an anchor on the way is passed through when `through_side_effects`,
// else the walk gives up and returns false.
bool consumers(const Program& prog, std::uint32_t pc, bool through_side_effects, std::vector<std::uint32_t>& out) {
  // Called once per instruction while compiling: a stamped array, not a set per call.
  thread_local std::vector<std::uint32_t> stack, seen;
  thread_local std::uint32_t stamp = 0;
  if (seen.size() < prog.code.size()) {
    seen.assign(prog.code.size(), 0);
    stamp = 0;
  }
  if (++stamp == 0) {
    std::fill(seen.begin(), seen.end(), 0);
    stamp = 1;
  }
  stack.assign(1, pc);
  while (!stack.empty()) {
    const auto at = stack.back();
    stack.pop_back();
    if (seen[at] == stamp) continue;
    seen[at] = stamp;
    const Inst& in = prog.code[at];
    switch (in.op) {
      case Op::split: stack.push_back(in.y); stack.push_back(in.x); break;
      case Op::jump: stack.push_back(in.x); break;
      case Op::save: case Op::bol: case Op::eol:
        if (!through_side_effects) return false;
        stack.push_back(at + 1);
        break;
      default: out.push_back(at);
    }
  }
  return true;
}

void sort_unique(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Every necessary set in `opts` but `first` (sorted), cheapest first, for Program::checks.
std::vector<std::uint32_t> checks_of(const Required& required, const Options& opts, const std::vector<std::uint32_t>& first,
                                     Program& prog, std::map<std::vector<std::uint32_t>, std::uint32_t>& set_ids) {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_cost;
  for (auto o : opts) {
    if (o.empty() || std::find(o.begin(), o.end(), Program::kNoWord) != o.end()) continue;
    sort_unique(o);
    if (o == first) continue;
    const auto cost = required.cost(o);
    const auto [it, fresh] = set_ids.emplace(std::move(o), static_cast<std::uint32_t>(prog.required_sets.size()));
    if (fresh) prog.required_sets.push_back(it->first);
    by_cost.emplace_back(cost, it->second);
  }
  std::sort(by_cost.begin(), by_cost.end());
  std::vector<std::uint32_t> out;
  for (const auto& [cost, id] : by_cost)
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  return out;
}

// The cheapest necessary set other than `first`, for Program::also_required.
std::vector<std::uint32_t> second_cheapest(const Required& required, const Options& opts,
                                           const std::vector<std::uint32_t>& first) {
  const std::vector<std::uint32_t>* best = nullptr;
  for (const auto& o : opts) {
    if (o == first || o.empty() || std::find(o.begin(), o.end(), Program::kNoWord) != o.end()) continue;
    if (!best || required.cost(o) < required.cost(*best)) best = &o;
  }
  if (!best) return {};
  auto out = *best;
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

void find_copies(Program& prog) {
  const auto n = static_cast<std::uint32_t>(prog.patterns.size());
  prog.representative.resize(n);
  prog.copies.assign(n, {});
  // Code with jumps made relative and the accept's pattern left out: equal for copies.
  std::map<std::vector<std::uint32_t>, std::uint32_t> first_with;
  for (std::uint32_t p = 0; p < n; ++p) {
    const auto entry = prog.patterns[p].entry;
    std::vector<std::uint32_t> key;
    for (auto pc = entry; pc < pattern_end(prog, p); ++pc) {
      const Inst& in = prog.code[pc];
      const bool jumps = in.op == Op::split || in.op == Op::jump;
      key.push_back(static_cast<std::uint32_t>(in.op));
      key.push_back(in.op == Op::accept ? 0 : jumps ? in.x - entry : in.x);
      key.push_back(in.op == Op::split ? in.y - entry : in.y);
    }
    const auto [it, fresh] = first_with.emplace(std::move(key), p);
    prog.representative[p] = it->second;
    if (!fresh) prog.copies[it->second].push_back(p);
  }
}

void find_lazy_guards(Program& prog) {
  const auto n = static_cast<std::uint32_t>(prog.patterns.size());
  prog.lazy.assign(n, 0);
  prog.lazy_guards.assign(n, {});
  // A representative that stands for any `match` runs with the matches.
  for (std::uint32_t p = 0; p < n; ++p) {
    if (!prog.runs(p)) continue;
    bool guard_only = prog.patterns[p].role != Role::match;
    for (auto q : prog.copies[p]) guard_only = guard_only && prog.patterns[q].role != Role::match;
    prog.lazy[p] = guard_only ? 1 : 0;
  }
  std::vector<std::vector<std::uint32_t>> unless_of(prog.patterns.empty() ? 0 : prog.patterns.back().rule + 1);
  for (std::uint32_t p = 0; p < n; ++p)
    if (prog.patterns[p].role == Role::unless && prog.lazy[prog.representative[p]])
      unless_of[prog.patterns[p].rule].push_back(p);
  for (std::uint32_t p = 0; p < n; ++p) {
    if (prog.patterns[p].role != Role::match) continue;
    auto& guards = prog.lazy_guards[p];
    guards = unless_of[prog.patterns[p].rule];
    for (auto r : prog.requirements[p])
      if (prog.lazy[prog.representative[r]]) guards.push_back(r);
    for (auto e : prog.exceptions[p])
      if (prog.lazy[prog.representative[e]]) guards.push_back(e);
  }
}

void build_prefilter(Program& prog, const std::vector<const ast::Alternation*>& patterns,
                     const Lexicons& lexicons, const text::Normalizer& normalizer,
                     const std::map<std::string, std::vector<std::string>>& inflections) {
  const auto usage = word_usage(prog);
  Required required(prog, lexicons, normalizer, usage, inflections);
  prog.by_word.assign(prog.words.size(), {});
  prog.always.clear();
  prog.also_required.assign(prog.patterns.size(), {});
  prog.required.assign(prog.patterns.size(), {});
  prog.checks.assign(prog.patterns.size(), {});
  prog.required_sets.clear();
  std::map<std::vector<std::uint32_t>, std::uint32_t> set_ids;
  for (std::uint32_t p = 0; p < prog.patterns.size(); ++p) {
    if (!prog.runs(p)) continue;
    Options opts;
    required.of(*patterns[p], opts);
    std::vector<std::uint32_t> req;
    if (!opts.empty()) req = required.cheapest(opts);
    if (req.empty() || std::find(req.begin(), req.end(), Program::kNoWord) != req.end()) {
      prog.always.push_back(p);
      continue;
    }
    for (auto w : req) prog.by_word[w].push_back(p);
    prog.also_required[p] = second_cheapest(required, opts, req);
    sort_unique(req);
    prog.checks[p] = checks_of(required, opts, req, prog, set_ids);
    prog.required[p] = std::move(req);
  }
}

void build_start_filter(Program& prog) {
  prog.by_first.assign(prog.words.size(), {});
  prog.first_words.assign(prog.patterns.size(), {});
  prog.start_anywhere.clear();
  std::vector<std::uint32_t> firsts;
  for (std::uint32_t p = 0; p < prog.patterns.size(); ++p) {
    if (!prog.runs(p)) continue;
    std::vector<std::uint32_t> words;
    bool anywhere = false;
    firsts.clear();
    consumers(prog, prog.patterns[p].entry, /*through_side_effects=*/true, firsts);
    for (auto pc : firsts) {
      const Inst& in = prog.code[pc];
      if (in.op == Op::word) words.push_back(in.x);
      else if (in.op == Op::word_set) for_each_word(prog.word_sets[in.x], [&](std::uint32_t w) { words.push_back(w); });
      else anywhere = true;
    }
    if (anywhere) {
      prog.start_anywhere.push_back(p);
    } else {
      sort_unique(words);
      for (auto w : words) prog.by_first[w].push_back(p);
      prog.first_words[p] = std::move(words);
    }
  }
}

void build_closures(Program& prog) {
  prog.closure.clear();
  prog.closure_at.assign(prog.code.size() + 1, 0);
  for (std::uint32_t pc = 0; pc < prog.code.size(); ++pc) {
    prog.closure_at[pc] = static_cast<std::uint32_t>(prog.closure.size());
    const Op op = prog.code[pc].op;
    if (op != Op::split && op != Op::jump) continue;  // only worth it where the closure branches
    std::vector<std::uint32_t> out;
    if (consumers(prog, pc, /*through_side_effects=*/false, out))
      prog.closure.insert(prog.closure.end(), out.begin(), out.end());
  }
  prog.closure_at[prog.code.size()] = static_cast<std::uint32_t>(prog.closure.size());
}

}  // namespace coach::rules
