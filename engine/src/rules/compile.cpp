// Declarations, checks and lowering of a whole rule set into one Program.
// Tested in tests/golden (diagnostics, program dumps) and tests/unit/rules_match_test.cpp.
#include "rules/compile.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>

#include "rules/emit.hpp"
#include "rules/why_text.hpp"
#include "rules/dfa.hpp"
#include "rules/prefilter.hpp"
#include "text/fold.hpp"
#include "text/inflect.hpp"

static_assert(coach::rules::ast::kSentence == coach::rules::kReachSentence && coach::rules::ast::kMessage == coach::rules::kReachMessage);

namespace coach::rules {
namespace {

struct LexiconDecl {
  const ast::Lexicon* node;
  ErrorHandler* handler;
};
struct RuleDecl {
  const ast::Rule* node;
  ErrorHandler* handler;
};

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

class Compiler {
 public:
  Compiler(std::vector<ParsedFile>& files, const FormsTable* table) : files_(files), table_(table) {}
  std::shared_ptr<RuleSet> run();

 private:
  void declare();
  void declare_rule(const ast::Rule& r, ErrorHandler& h);
  void flatten_lexicons();
  bool flatten(const std::string& name, std::vector<std::string>& stack);
  void emit_rules(Emitter& em);
  void check_why(const ast::Rule& r, ErrorHandler& h, const RuleInfo& info);
  std::vector<std::string> inflect(const std::string& word, ErrorHandler& h, const x3::position_tagged& where);
  std::shared_ptr<const text::Speller> speller();
  bool failed() const { return errors_; }
  void error(ErrorHandler& h, const x3::position_tagged& n, RuleCode code, std::string msg) {
    h.error(n, code, std::move(msg));
    errors_ = true;
  }

  std::vector<ParsedFile>& files_;
  const FormsTable* table_;
  std::shared_ptr<RuleSet> set_ = std::make_shared<RuleSet>();
  text::Substitutions subs_;
  std::map<std::string, LexiconDecl> lexicon_decls_;
  std::vector<RuleDecl> rule_decls_;
  Lexicons lexicons_;
  std::map<std::string, int> flatten_state_;  // 1 in progress, 2 done
  std::vector<const ast::Alternation*> pattern_asts_;
  std::optional<std::shared_ptr<const text::Speller>> speller_;  // one Hunspell load, shared
  std::unique_ptr<text::Inflector> inflector_;                  // made at the first `~word`
  std::map<std::string, std::vector<std::string>> forms_;
  bool errors_ = false;
};

std::shared_ptr<const text::Speller> Compiler::speller() {
  if (!speller_) speller_ = text::Speller::for_language(set_->language);
  return *speller_;
}

std::vector<std::string> Compiler::inflect(const std::string& word, ErrorHandler& h, const x3::position_tagged& where) {
  if (auto it = forms_.find(word); it != forms_.end()) return it->second;
  if (table_) {
    if (auto it = table_->find(word); it != table_->end()) return forms_.emplace(word, it->second).first->second;
    h.warning(where, RuleCode::word_not_in_forms,
              "'~" + word + "' is not in the rule set's .forms table; regenerate it with `coach rules forms`");
  }
  if (!inflector_) {
    inflector_ = std::make_unique<text::Inflector>(set_->language, speller());
    if (!inflector_->complete())
      h.warning(where, RuleCode::inflection_incomplete,
                "'~' words match fewer forms: no Hunspell dictionary" +
                    std::string(set_->language == "en" ? " or WordNet exception list (Debian: wordnet-base)" : "") +
                    " for language '" + set_->language + "' was found");
  }
  return forms_.emplace(word, inflector_->forms(word)).first->second;
}

void Compiler::declare() {
  std::set<std::string> rule_ids;
  for (auto& f : files_) {
    ErrorHandler& h = *f.handler;
    for (const auto& st : f.statements) {
      if (const auto* lang = boost::get<ast::Language>(&st)) {
        if (set_->language.empty()) set_->language = lang->code;
        else if (set_->language != lang->code)
          error(h, *lang, RuleCode::language_conflict,
                "language '" + lang->code + "' differs from '" + set_->language +
                    "' declared earlier; one rule set has one language");
      } else if (const auto* sub = boost::get<ast::Substitute>(&st)) {
        if (!subs_.add(text::fold(sub->from), split_words(text::fold(sub->to))))
          error(h, *sub, RuleCode::duplicate_substitution, "substitution for '" + sub->from + "' is defined twice");
      } else if (const auto* lex = boost::get<ast::Lexicon>(&st)) {
        if (!lexicon_decls_.emplace(lex->name, LexiconDecl{lex, &h}).second)
          error(h, *lex, RuleCode::duplicate_lexicon, "lexicon '@" + lex->name + "' is defined twice");
      } else if (const auto* rule = boost::get<ast::Rule>(&st)) {
        if (!rule_ids.insert(rule->id).second)
          error(h, *rule, RuleCode::duplicate_rule, "rule '" + rule->id + "' is defined twice");
        declare_rule(*rule, h);
        rule_decls_.push_back({rule, &h});
      }
    }
  }
  set_->normalizer = text::Normalizer(subs_);
}

void Compiler::declare_rule(const ast::Rule& r, ErrorHandler& h) {
  const auto& cats = rule_categories();
  if (std::find(cats.begin(), cats.end(), r.category) == cats.end()) {
    error(h, r, RuleCode::unknown_category,
          "unknown category '" + r.category + "'" + did_you_mean(r.category, cats, "", ""));
  }
  if (r.severity && (*r.severity < 1 || *r.severity > 3))
    error(h, r, RuleCode::severity_out_of_range, "severity " + std::to_string(*r.severity) + " is out of range 1-3");
  unsigned matches = 0, examples = 0, counters = 0, whys = 0;
  for (const auto& c : r.clauses) {
    if (const auto* p = boost::get<ast::PatternClause>(&c)) matches += p->keyword == "match";
    if (const auto* t = boost::get<ast::TextClause>(&c)) {
      examples += t->keyword == "example";
      counters += t->keyword == "counter";
      whys += t->keyword == "why";
    }
  }
  if (whys == 0) error(h, r, RuleCode::no_why, "rule '" + r.id + "' has no 'why' (the reason shown to the user)");
  if (matches == 0) error(h, r, RuleCode::no_match, "rule '" + r.id + "' has no 'match' pattern");
  if (examples == 0)
    error(h, r, RuleCode::no_example, "rule '" + r.id + "' has no 'example' (a message it must match)");
  if (counters == 0)
    error(h, r, RuleCode::no_counter, "rule '" + r.id + "' has no 'counter' (a message it must not match)");
}

bool Compiler::flatten(const std::string& name, std::vector<std::string>& stack) {
  auto decl = lexicon_decls_.find(name);
  if (decl == lexicon_decls_.end()) return false;
  if (flatten_state_[name] == 2) return true;
  if (flatten_state_[name] == 1) {
    std::string cycle;
    for (const auto& s : stack) cycle += "@" + s + " -> ";
    error(*decl->second.handler, *decl->second.node, RuleCode::lexicon_cycle, "lexicon cycle: " + cycle + "@" + name);
    return false;
  }
  flatten_state_[name] = 1;
  stack.push_back(name);
  FlatLexicon flat;
  ErrorHandler& h = *decl->second.handler;
  std::set<std::string> listed;  // the entries written here, for R132
  for (const auto& seq : decl->second.node->body)
    if (seq.size() == 1 && !seq[0].optional) {
      std::string key;
      if (const auto* w = boost::get<ast::Word>(&seq[0].atom)) key = (w->inflect ? "~" : "") + w->text + (w->prefix ? "*" : "");
      else if (const auto* p = boost::get<ast::Phrase>(&seq[0].atom)) key = "\"" + p->text + "\"";
      else if (const auto* ref = boost::get<ast::LexiconRef>(&seq[0].atom)) key = "@" + ref->name;
      if (!key.empty() && !listed.insert(key).second)
        h.warning(seq[0], RuleCode::duplicate_lexicon_entry, "'" + key + "' is listed twice in @" + name);
    }
  for (const auto& seq : decl->second.node->body) {
    for (const auto& item : seq) {
      if (seq.size() != 1 || item.optional) {
        error(h, item, RuleCode::bad_lexicon_entry,
              "a lexicon entry is one word, \"phrase\", prefix* or @lexicon, separated by '|'");
        break;
      }
      if (const auto* w = boost::get<ast::Word>(&item.atom); w && w->inflect) {
        if (w->prefix) {
          error(h, *w, RuleCode::inflected_prefix,
                "'~" + w->text + "*': a word is inflected (~) or a prefix (*), not both");
          continue;
        }
        std::size_t added = 0;
        for (const auto& form : inflect(w->text, h, *w))
          if (auto toks = set_->normalizer.words(form); toks.size() == 1) {
            flat.entries.push_back({std::move(toks), false});
            ++added;
          }
        if (added == 1)
          h.warning(*w, RuleCode::no_inflected_forms,
                    "no inflected form of '" + w->text + "' is known; '~" + w->text + "' matches it only");
      } else if (const auto* w = boost::get<ast::Word>(&item.atom)) {
        auto toks = set_->normalizer.words(w->text);
        if (toks.empty() || (w->prefix && toks.size() != 1))
          error(h, *w, RuleCode::no_words, "'" + w->text + "' is not a usable word once normalized");
        else flat.entries.push_back({std::move(toks), w->prefix});
      } else if (const auto* p = boost::get<ast::Phrase>(&item.atom)) {
        auto toks = set_->normalizer.words(p->text);
        if (toks.empty()) error(h, *p, RuleCode::no_words, "\"" + p->text + "\" has no words once normalized");
        else flat.entries.push_back({std::move(toks), false});
      } else if (const auto* ref = boost::get<ast::LexiconRef>(&item.atom)) {
        if (!lexicon_decls_.count(ref->name)) {
          std::vector<std::string> names;
          for (const auto& [n, _] : lexicon_decls_) names.push_back(n);
          error(h, *ref, RuleCode::unknown_lexicon,
                "unknown lexicon '@" + ref->name + "'" + did_you_mean(ref->name, names, "@", ""));
        } else if (flatten(ref->name, stack)) {
          const auto& inner = lexicons_[ref->name].entries;
          flat.entries.insert(flat.entries.end(), inner.begin(), inner.end());
        }
      } else {
        error(h, item, RuleCode::bad_lexicon_entry,
              "a lexicon entry is one word, \"phrase\", prefix* or @lexicon, separated by '|'");
      }
    }
  }
  stack.pop_back();
  flatten_state_[name] = 2;
  lexicons_[name] = std::move(flat);
  return true;
}

void Compiler::flatten_lexicons() {
  for (const auto& [name, _] : lexicon_decls_) {
    std::vector<std::string> stack;
    flatten(name, stack);
  }
}

void Compiler::check_why(const ast::Rule& r, ErrorHandler& h, const RuleInfo& info) {
  for (const auto& c : r.clauses) {
    const auto* t = boost::get<ast::TextClause>(&c);
    if (!t || t->keyword != "why") continue;
    scan_why(t->text, [](std::string_view) {}, [&](std::string_view name) {
      if (name != "match" &&
          std::find(info.capture_names.begin(), info.capture_names.end(), name) == info.capture_names.end())
        error(h, *t, RuleCode::unknown_capture_in_why,
              "'why' mentions {" + std::string(name) + "}, which is neither {match} nor a capture of this rule");
    });
  }
}

void Compiler::emit_rules(Emitter& em) {
  for (const auto& [name, lex] : lexicons_) {
    bool simple = !lex.entries.empty();
    for (const auto& e : lex.entries) simple = simple && !e.prefix && e.words.size() == 1;
    if (!simple) continue;
    std::vector<std::string> words;
    for (const auto& e : lex.entries) words.push_back(e.words[0]);
    lexicons_[name].set = em.word_set(words);
  }
  auto& prog = set_->program;
  for (const auto& [r, h] : rule_decls_) {
    RuleInfo info;
    info.id = r->id;
    info.category = r->category;
    info.bucket = bucket_of(info.category);
    info.severity = static_cast<int>(r->severity.value_or(1));
    info.file = h->file();
    std::tie(info.line, info.column) = h->line_col(*r);
    const auto rule_index = static_cast<std::uint32_t>(set_->rules.size());
    constexpr std::uint32_t kNoMatch = 0xFFFFFFFFu;
    std::uint32_t last_match = kNoMatch;
    for (const auto& c : r->clauses) {
      if (const auto* p = boost::get<ast::PatternClause>(&c)) {
        const auto index = static_cast<std::uint32_t>(prog.patterns.size());
        const Role role = p->keyword == "match"    ? Role::match
                          : p->keyword == "unless" ? Role::unless
                          : p->keyword == "except" ? Role::except
                                                   : Role::require;
        if (!h->starts_line(*p))
          error(*h, *p, RuleCode::clause_mid_line,
                "'" + p->keyword + "' in the middle of a line starts a new clause; to match the word, quote it: \"" +
                    p->keyword + "\"");
        if (role == Role::match && p->reach)
          error(*h, *p, RuleCode::reach_on_match,
                "'sentence:', 'message:' and 'within N:' scope an 'unless', 'except' or 'requires' clause; a "
                "'match' cannot have them");
        std::uint32_t owner = 0;
        const bool owned = role == Role::require || role == Role::except;
        if (owned) {
          if (last_match == kNoMatch)
            error(*h, *p, RuleCode::requires_without_match,
                  "a '" + p->keyword + "' clause qualifies the 'match' right above it; this rule has none yet");
          else
            owner = last_match;
        }
        if (role == Role::match) last_match = index;
        prog.patterns.push_back(
            {static_cast<std::uint32_t>(prog.code.size()), rule_index, role, p->reach.value_or(0), owner});
        set_->pattern_pos.push_back(h->line_col(*p));
        prog.requirements.emplace_back();
        prog.exceptions.emplace_back();
        if (owned && last_match != kNoMatch)
          (role == Role::require ? prog.requirements : prog.exceptions)[owner].push_back(index);
        pattern_asts_.push_back(&p->pattern);
        std::vector<std::string> scratch;
        if (!em.emit_pattern(p->pattern, index, *h, role == Role::match ? info.capture_names : scratch))
          errors_ = true;
        if (nullable(p->pattern, lexicons_))
          error(*h, *p, RuleCode::matches_empty,
                "this pattern can match an empty sequence of tokens; it needs a word, class or gap of length >= 1");
      } else if (const auto* t = boost::get<ast::TextClause>(&c)) {
        if (t->keyword == "why") info.why = t->text;
        if (t->keyword == "example" || t->keyword == "counter") {
          auto [line, col] = h->line_col(*t);
          info.examples.push_back({t->text, t->keyword == "counter", h->file(), line, col});
        }
      }
    }
    check_why(*r, *h, info);
    set_->rules.push_back(std::move(info));
  }
  prog.pattern_of.assign(prog.code.size(), 0);
  for (std::size_t p = 0; p < prog.patterns.size(); ++p) {
    const auto end = p + 1 < prog.patterns.size() ? prog.patterns[p + 1].entry : prog.code.size();
    for (auto pc = prog.patterns[p].entry; pc < end; ++pc) prog.pattern_of[pc] = static_cast<std::uint32_t>(p);
  }
}

std::shared_ptr<RuleSet> Compiler::run() {
  declare();
  if (set_->language.empty() && !files_.empty())
    error(*files_.front().handler, x3::position_tagged{}, RuleCode::no_language,
          "no 'language' statement (for example: language en)");
  flatten_lexicons();
  {
    Emitter em(set_->program, lexicons_, set_->normalizer,
               [this](const std::string& w, ErrorHandler& h, const x3::position_tagged& where) {
                 return inflect(w, h, where);
               });  // its memos go before the analyses below
    emit_rules(em);
  }
  if (failed()) return nullptr;
  find_copies(set_->program);
  find_lazy_guards(set_->program);
  build_prefilter(set_->program, pattern_asts_, lexicons_, set_->normalizer, forms_);
  build_start_filter(set_->program);
  build_closures(set_->program);
  build_token_classes(set_->program);
  set_->program.index = text::WordIndex(set_->program.words);
  if (auto it = lexicons_.find("clause_break"); it != lexicons_.end()) set_->clause_break_set = it->second.set;
  for (const auto& [word, _] : forms_) set_->inflected_words.push_back(word);
  text::Substitutions subs = set_->normalizer.substitutions();
  subs.set_vocabulary({set_->program.words.begin(), set_->program.words.end()});
  std::unordered_set<std::string> exact;  // words of `exact` lexicons: never a typo's repair
  std::vector<std::string> maskable;      // and the words a masked "f***" may spell (unmask.hpp)
  if (auto it = lexicons_.find("unmask_first"); it != lexicons_.end())
    for (const auto& e : it->second.entries)
      if (e.words.size() == 1) maskable.push_back(e.words.front());
  for (const auto& [name, decl] : lexicon_decls_)
    if (decl.node->exact)
      for (const auto& e : lexicons_[name].entries) {
        exact.insert(e.words.begin(), e.words.end());
        if (e.words.size() == 1) maskable.push_back(e.words.front());
      }
  // Words people mask to get past filters ("s*icide", "k!ll") that must stay a typo's repair
  // ("sucide"), so they cannot be `exact`: maskable last, after the profanity.
  if (auto it = lexicons_.find("unmask"); it != lexicons_.end())
    for (const auto& e : it->second.entries)
      if (e.words.size() == 1) maskable.push_back(e.words.front());
  auto spelling = std::make_shared<const text::SpellingRepair>(set_->program.words, speller(), std::move(exact));
  auto unmask = maskable.empty() ? nullptr : std::make_shared<const text::Unmasker>(maskable);
  set_->normalizer = text::Normalizer(std::move(subs), std::move(spelling), std::move(unmask));
  return set_;
}

}  // namespace

std::shared_ptr<RuleSet> compile(std::vector<ParsedFile>& files, std::vector<Diagnostic>& diagnostics,
                                 const FormsTable* forms) {
  const std::size_t before = diagnostics.size();
  Compiler c(files, forms);
  auto set = c.run();
  const bool has_errors = std::any_of(diagnostics.begin() + static_cast<std::ptrdiff_t>(before),
                                      diagnostics.end(), [](const Diagnostic& d) { return !d.warning; });
  return has_errors ? nullptr : set;
}

}  // namespace coach::rules
