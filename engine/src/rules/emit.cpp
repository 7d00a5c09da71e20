// Thompson construction of token patterns, with the checks that need the pattern.
// Tested in tests/golden (program dumps, diagnostics) and tests/unit/rules_match_test.cpp.
#include "rules/emit.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <set>

namespace coach::rules {
namespace {

constexpr unsigned kGapDefaultMax = 4;
constexpr unsigned kGapLimit = 12;

const std::map<std::string, TokenClass, std::less<>>& class_names() {
  static const std::map<std::string, TokenClass, std::less<>> names = [] {
    std::map<std::string, TokenClass, std::less<>> m;
    for (std::size_t c = 0; c < kTokenClassNames.size(); ++c)
      m.emplace(kTokenClassNames[c], static_cast<TokenClass>(c));
    return m;
  }();
  return names;
}

unsigned edit_distance(const std::string& a, const std::string& b) {
  std::vector<unsigned> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0u);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    unsigned diag = row[0];
    row[0] = static_cast<unsigned>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const unsigned up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  std::string best;
  unsigned best_d = 3;
  for (const auto& c : candidates) {
    const unsigned d = edit_distance(name, c);
    if (d < best_d || (d == best_d && c < best)) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(const std::string& name, const std::vector<std::string>& candidates,
                         const std::string& sigil, const std::string& close) {
  const std::string hint = closest_name(name, candidates);
  return hint.empty() ? std::string() : " (did you mean '" + sigil + hint + close + "'?)";
}

std::uint32_t Emitter::intern(const std::string& word) {
  auto [it, added] = prog_.word_ids.emplace(word, static_cast<std::uint32_t>(prog_.words.size()));
  if (added) prog_.words.push_back(word);
  return it->second;
}

std::uint32_t Emitter::emit(Op op, std::uint32_t x, std::uint32_t y) {
  prog_.code.push_back({op, x, y});
  return static_cast<std::uint32_t>(prog_.code.size() - 1);
}

bool Emitter::emit_pattern(const ast::Alternation& pattern, std::uint32_t index, ErrorHandler& handler,
                           std::vector<std::string>& capture_names) {
  Ctx ctx{&handler, &capture_names};
  alternation(pattern, ctx);
  emit(Op::accept, index);
  return ctx.ok;
}

void Emitter::alternation(const ast::Alternation& alt, Ctx& ctx) {
  std::vector<std::function<void()>> branches;
  for (const auto& seq : alt) branches.push_back([this, &seq, &ctx] { sequence(seq, ctx); });
  emit_branches(branches);
}

// split/jump scaffolding for alternatives, earlier ones preferred.
void Emitter::emit_branches(const std::vector<std::function<void()>>& branches) {
  std::vector<std::uint32_t> jumps;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const bool last = i + 1 == branches.size();
    std::uint32_t split = 0;
    if (!last) {
      split = emit(Op::split);
      prog_.code[split].x = split + 1;
    }
    branches[i]();
    if (!last) {
      jumps.push_back(emit(Op::jump));
      prog_.code[split].y = static_cast<std::uint32_t>(prog_.code.size());
    }
  }
  for (auto j : jumps) prog_.code[j].x = static_cast<std::uint32_t>(prog_.code.size());
}

void Emitter::sequence(const ast::Sequence& seq, Ctx& ctx) {
  for (const auto& it : seq) item(it, ctx);
}

void Emitter::item(const ast::Item& it, Ctx& ctx) {
  if (!it.optional) {
    atom(it.atom, it, ctx);
    return;
  }
  const auto split = emit(Op::split);  // greedy: prefer taking the element
  prog_.code[split].x = split + 1;
  atom(it.atom, it, ctx);
  prog_.code[split].y = static_cast<std::uint32_t>(prog_.code.size());
}

void Emitter::atom(const ast::Atom& a, const ast::Item& where, Ctx& ctx) {
  struct Visitor {
    Emitter& e;
    const ast::Item& where;
    Ctx& ctx;
    void operator()(const ast::Word& w) const {
      if (w.inflect) e.inflected(w, ctx);
      else e.words(w.text, w.prefix, w, ctx);
    }
    void operator()(const ast::Phrase& p) const { e.words(p.text, false, p, ctx); }
    void operator()(const ast::LexiconRef& r) const { e.lexicon(r, ctx); }
    void operator()(const ast::ClassRef& c) const {
      auto it = class_names().find(c.name);
      if (it == class_names().end()) {
        std::vector<std::string> names;
        for (const auto& [n, _] : class_names()) names.push_back(n);
        ctx.handler->error(c, RuleCode::unknown_class,
                           "unknown class '<" + c.name + ">'" + did_you_mean(c.name, names, "<", ">"));
        ctx.ok = false;
        return;
      }
      e.emit(Op::klass, static_cast<std::uint32_t>(it->second));
    }
    void operator()(const ast::Anchor& an) const { e.emit(an.kind == '^' ? Op::bol : Op::eol); }
    void operator()(const ast::Gap& g) const { e.gap(g, ctx); }
    void operator()(const x3::forward_ast<ast::Alternation>& g) const { e.alternation(g.get(), ctx); }
    void operator()(const x3::forward_ast<ast::Capture>& c) const {
      const ast::Capture& cap = c.get();
      auto& names = *ctx.captures;
      if (std::find(ctx.in_pattern.begin(), ctx.in_pattern.end(), cap.name) != ctx.in_pattern.end()) {
        ctx.handler->error(cap, RuleCode::duplicate_capture,
                           "capture '{" + cap.name + "}' is defined twice in this pattern");
        ctx.ok = false;
      }
      ctx.in_pattern.push_back(cap.name);
      auto it = std::find(names.begin(), names.end(), cap.name);
      if (it == names.end()) {
        if (names.size() >= kMaxCaptures) {
          ctx.handler->error(cap, RuleCode::too_many_captures,
                             "a rule has at most " + std::to_string(kMaxCaptures) + " captures");
          ctx.ok = false;
        }
        names.push_back(cap.name);
        it = names.end() - 1;
      }
      const auto slot = static_cast<std::uint32_t>(std::min<std::size_t>(it - names.begin(), kMaxCaptures - 1));
      e.emit(Op::save, 2 + 2 * slot);
      e.alternation(cap.body, ctx);
      e.emit(Op::save, 3 + 2 * slot);
    }
  };
  boost::apply_visitor(Visitor{*this, where, ctx}, a);
}

void Emitter::words(const std::string& text, bool prefix, const x3::position_tagged& where, Ctx& ctx) {
  if (!prefix) {
    auto [it, fresh] = word_ids_.try_emplace(text);
    if (fresh)
      for (const auto& t : normalizer_.words(text)) it->second.push_back(intern(t));
    if (it->second.empty()) {
      ctx.handler->error(where, RuleCode::no_words, "'" + text + "' has no words once normalized");
      ctx.ok = false;
    }
    for (auto w : it->second) emit(Op::word, w);
    return;
  }
  const auto toks = normalizer_.words(text);
  if (toks.empty()) {
    ctx.handler->error(where, RuleCode::no_words, "'" + text + "' has no words once normalized");
    ctx.ok = false;
    return;
  }
  if (toks.size() != 1) {
    ctx.handler->error(where, RuleCode::no_words, "prefix '" + text + "*' must be a single word");
    ctx.ok = false;
    return;
  }
  prog_.prefixes.push_back(toks[0]);
  emit(Op::prefix, static_cast<std::uint32_t>(prog_.prefixes.size() - 1));
}

// `~listen`: one test for any of its forms. The forms come from the Inflector, which the
// compiler asks once per word; checks (R123, R124) are the compiler's.
void Emitter::inflected(const ast::Word& w, Ctx& ctx) {
  if (w.prefix) {
    ctx.handler->error(w, RuleCode::inflected_prefix,
                       "'~" + w.text + "*': a word is inflected (~) or a prefix (*), not both");
    ctx.ok = false;
    return;
  }
  std::vector<std::string> ids;
  for (const auto& form : inflect_(w.text, *ctx.handler, w))
    if (auto toks = normalizer_.words(form); toks.size() == 1) ids.push_back(std::move(toks[0]));
  if (ids.size() == 1)
    ctx.handler->warning(
        w, RuleCode::no_inflected_forms,
        "no inflected form of '" + w.text + "' is known; '~" + w.text + "' matches '" + ids[0] + "' only");
  if (ids.empty()) {
    ctx.handler->error(w, RuleCode::no_words, "'" + w.text + "' has no words once normalized");
    ctx.ok = false;
    return;
  }
  if (ids.size() == 1) emit(Op::word, intern(ids[0]));
  else emit(Op::word_set, word_set(ids));
}

void Emitter::lexicon(const ast::LexiconRef& ref, Ctx& ctx) {
  auto it = lexicons_.find(ref.name);
  if (it == lexicons_.end()) {
    std::vector<std::string> names;
    for (const auto& [n, _] : lexicons_) names.push_back(n);
    ctx.handler->error(ref, RuleCode::unknown_lexicon,
                       "unknown lexicon '@" + ref.name + "'" + did_you_mean(ref.name, names, "@", ""));
    ctx.ok = false;
    return;
  }
  const FlatLexicon& lex = it->second;
  if (lex.set != 0xFFFFFFFFu) {
    emit(Op::word_set, lex.set);
    return;
  }
  if (const auto c = lexicon_code_.find(ref.name); c != lexicon_code_.end()) {
    emit_copy(c->second.first, c->second.second);
    return;
  }
  // A token trie: the single-word leaves under one node share a word_set test, and
  // multi-word entries branch only on their distinct words, so the epsilon closure
  // stays small however long the lexicon is.
  const auto base = static_cast<std::uint32_t>(prog_.code.size());
  Trie root;
  for (const auto& e : lex.entries) {
    if (e.prefix) {
      root.prefixes.push_back(e.words[0]);
      continue;
    }
    Trie* node = &root;
    for (const auto& w : e.words) node = &node->kids[w];
    node->terminal = true;
  }
  emit_trie(root, true);
  lexicon_code_.emplace(ref.name, std::pair(std::vector<Inst>(prog_.code.begin() + base, prog_.code.end()), base));
}

// The code of `block`, first emitted at `base`, emitted again here: its jumps (all
// within the block or to its end) move with it, and its prefixes are added again, as
// emitting it anew would.
void Emitter::emit_copy(const std::vector<Inst>& block, std::uint32_t base) {
  const auto offset = static_cast<std::uint32_t>(prog_.code.size()) - base;
  for (Inst in : block) {
    if (in.op == Op::split || in.op == Op::jump) in.x += offset;
    if (in.op == Op::split) in.y += offset;
    if (in.op == Op::prefix) {
      std::string prefix = prog_.prefixes[in.x];  // a copy: push_back may move the strings
      prog_.prefixes.push_back(std::move(prefix));
      in.x = static_cast<std::uint32_t>(prog_.prefixes.size() - 1);
    }
    prog_.code.push_back(in);
  }
}

std::uint32_t Emitter::word_set(const std::vector<std::string>& words) {
  WordSet set;
  for (const auto& w : words) insert(set, intern(w));
  // Shared, so patterns over equal lexicons compile alike (find_copies).
  const auto [it, fresh] = set_ids_.emplace(set, static_cast<std::uint32_t>(prog_.word_sets.size()));
  if (fresh) prog_.word_sets.push_back(std::move(set));
  return it->second;
}

void Emitter::emit_trie(const Trie& node, bool root) {
  std::vector<std::function<void()>> branches;
  std::vector<std::string> leaves;
  for (const auto& [w, kid] : node.kids)
    if (kid.kids.empty()) leaves.push_back(w);
  if (leaves.size() == 1) branches.push_back([this, w = leaves[0]] { emit(Op::word, intern(w)); });
  if (leaves.size() > 1) branches.push_back([this, leaves] { emit(Op::word_set, word_set(leaves)); });
  for (const auto& entry : node.kids) {  // named, not a structured binding: clang 14 cannot capture those
    const std::string& w = entry.first;
    const Trie& kid = entry.second;
    if (kid.kids.empty()) continue;
    branches.push_back([this, w, &kid] {
      emit(Op::word, intern(w));
      emit_trie(kid, false);
    });
  }
  for (const auto& p : node.prefixes)
    branches.push_back([this, p] {
      prog_.prefixes.push_back(p);
      emit(Op::prefix, static_cast<std::uint32_t>(prog_.prefixes.size() - 1));
    });
  if (node.terminal && !root) branches.push_back([] {});  // the entry may end here; longer first
  emit_branches(branches);
}

void Emitter::gap(const ast::Gap& g, Ctx& ctx) {
  unsigned lo = 0, hi = kGapDefaultMax;
  if (g.min && g.max) {
    lo = *g.min;
    hi = *g.max;
  } else if (g.min) {
    hi = *g.min;
  }
  if (lo > hi || hi == 0 || hi > kGapLimit) {
    ctx.handler->error(g, RuleCode::bad_gap_bound,
                       "bad gap bound '..." + std::to_string(lo) + "-" + std::to_string(hi) +
                           "': need 0 <= min <= max, 1 <= max <= " + std::to_string(kGapLimit));
    ctx.ok = false;
    return;
  }
  for (unsigned i = 0; i < lo; ++i) emit(Op::klass, static_cast<std::uint32_t>(TokenClass::content));
  std::vector<std::uint32_t> splits;
  for (unsigned i = lo; i < hi; ++i) {
    const auto s = emit(Op::split);
    prog_.code[s].x = s + 1;
    splits.push_back(s);
    emit(Op::klass, static_cast<std::uint32_t>(TokenClass::content));
  }
  for (auto s : splits) prog_.code[s].y = static_cast<std::uint32_t>(prog_.code.size());
}

// ---- nullable ----

namespace {

bool nullable_alt(const ast::Alternation& alt, const Lexicons& lex);

bool nullable_item(const ast::Item& it, const Lexicons& lex) {
  if (it.optional) return true;
  struct V {
    const Lexicons& lex;
    bool operator()(const ast::Word&) const { return false; }
    bool operator()(const ast::Phrase&) const { return false; }
    bool operator()(const ast::LexiconRef&) const { return false; }
    bool operator()(const ast::ClassRef&) const { return false; }
    bool operator()(const ast::Anchor&) const { return true; }
    bool operator()(const ast::Gap& g) const { return !(g.min && g.max && *g.min > 0); }
    bool operator()(const x3::forward_ast<ast::Alternation>& a) const { return nullable_alt(a.get(), lex); }
    bool operator()(const x3::forward_ast<ast::Capture>& c) const { return nullable_alt(c.get().body, lex); }
  };
  return boost::apply_visitor(V{lex}, it.atom);
}

bool nullable_alt(const ast::Alternation& alt, const Lexicons& lex) {
  for (const auto& seq : alt) {
    bool all = true;
    for (const auto& it : seq) all = all && nullable_item(it, lex);
    if (all) return true;
  }
  return false;
}

}  // namespace

bool nullable(const ast::Alternation& pattern, const Lexicons& lexicons) { return nullable_alt(pattern, lexicons); }

}  // namespace coach::rules
