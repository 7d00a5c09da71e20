// Canonical dumps of AST and program. Tested in tests/golden.
#include "rules/dump.hpp"

#include "coach/engine.hpp"
#include "rules/parse.hpp"

namespace coach::rules {
namespace {

namespace x3 = boost::spirit::x3;

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string alt_text(const ast::Alternation& alt);

// " sentence:" or " within N:" after `unless`; nothing for a guard that only overlaps.
std::string reach_text(std::uint32_t reach) {
  if (reach == 0) return "";
  if (reach == ast::kSentence) return " sentence:";
  if (reach == ast::kMessage) return " message:";
  return " within " + std::to_string(reach) + ":";
}
std::string reach_text(const std::optional<unsigned>& reach) { return reach ? reach_text(std::uint32_t{*reach}) : ""; }

std::string item_text(const ast::Item& it) {
  struct V {
    std::string operator()(const ast::Word& w) const {
      return (w.inflect ? "~" : "") + w.text + (w.prefix ? "*" : "");
    }
    std::string operator()(const ast::Phrase& p) const { return quote(p.text); }
    std::string operator()(const ast::LexiconRef& r) const { return "@" + r.name; }
    std::string operator()(const ast::ClassRef& c) const { return "<" + c.name + ">"; }
    std::string operator()(const ast::Anchor& a) const { return std::string(1, a.kind); }
    std::string operator()(const ast::Gap& g) const {
      std::string s = "...";
      if (g.min) s += std::to_string(*g.min);
      if (g.max) s += "-" + std::to_string(*g.max);
      return s;
    }
    std::string operator()(const x3::forward_ast<ast::Alternation>& a) const { return "(" + alt_text(a.get()) + ")"; }
    std::string operator()(const x3::forward_ast<ast::Capture>& c) const {
      return "{" + c.get().name + ": " + alt_text(c.get().body) + "}";
    }
  };
  return boost::apply_visitor(V{}, it.atom) + (it.optional ? "?" : "");
}

std::string alt_text(const ast::Alternation& alt) {
  std::string out;
  for (std::size_t i = 0; i < alt.size(); ++i) {
    if (i) out += " | ";
    for (std::size_t j = 0; j < alt[i].size(); ++j) out += (j ? " " : "") + item_text(alt[i][j]);
  }
  return out;
}

const char* op_name(Op op) {
  switch (op) {
    case Op::word: return "word";
    case Op::word_set: return "word_set";
    case Op::prefix: return "prefix";
    case Op::klass: return "class";
    case Op::split: return "split";
    case Op::jump: return "jump";
    case Op::save: return "save";
    case Op::bol: return "bol";
    case Op::eol: return "eol";
    case Op::accept: return "accept";
  }
  return "?";
}

std::string_view class_name(std::uint32_t c) { return c < kTokenClassNames.size() ? kTokenClassNames[c] : "?"; }

}  // namespace

std::string dump_ast(const std::vector<ast::Statement>& statements) {
  std::string out;
  for (const auto& st : statements) {
    if (const auto* l = boost::get<ast::Language>(&st)) out += "language " + l->code + "\n";
    if (const auto* s = boost::get<ast::Substitute>(&st)) out += "substitute " + quote(s->from) + " = " + quote(s->to) + "\n";
    if (const auto* l = boost::get<ast::Lexicon>(&st))
      out += "lexicon @" + l->name + (l->exact ? " exact" : "") + " = " + alt_text(l->body) + "\n";
    if (const auto* r = boost::get<ast::Rule>(&st)) {
      out += "rule " + r->id + " : " + r->category;
      if (r->severity) out += " severity " + std::to_string(*r->severity);
      out += "\n";
      for (const auto& c : r->clauses) {
        if (const auto* p = boost::get<ast::PatternClause>(&c))
          out += "  " + p->keyword + reach_text(p->reach) + " " + alt_text(p->pattern) + "\n";
        if (const auto* t = boost::get<ast::TextClause>(&c)) out += "  " + t->keyword + " " + quote(t->text) + "\n";
      }
    }
  }
  return out;
}

std::string dump_program(const RuleSet& set) {
  const Program& p = set.program;
  std::string out = "language " + set.language + "\n";
  for (std::size_t s = 0; s < p.word_sets.size(); ++s) {
    out += "set " + std::to_string(s) + ":";
    for_each_word(p.word_sets[s], [&](std::uint32_t w) { out += " " + p.words[w]; });
    out += "\n";
  }
  for (std::size_t i = 0; i < p.patterns.size(); ++i) {
    const auto& pi = p.patterns[i];
    out += "pattern " + std::to_string(i) + " " + (pi.role == Role::match    ? "match "
                                                  : pi.role == Role::unless ? "unless" + reach_text(pi.reach) + " "
                                                  : (pi.role == Role::except ? "except" : "requires") +
                                                        reach_text(pi.reach) + " for pattern " + std::to_string(pi.owner) +
                                                        ", ") +
           set.rules[pi.rule].id + " (" + set.rules[pi.rule].category + ") runs on";
    bool any = false;
    for (std::size_t w = 0; w < p.by_word.size(); ++w)
      for (auto q : p.by_word[w])
        if (q == i) {
          out += " " + p.words[w];
          any = true;
        }
    if (!p.runs(static_cast<std::uint32_t>(i))) {
      out += " whatever pattern " + std::to_string(p.representative[i]) + " runs on (the same code)";
    } else if (!any) {
      out += " every sentence";
    } else if (!p.also_required[i].empty()) {
      out += " and one of";
      for (auto w : p.also_required[i]) out += " " + p.words[w];
    }
    out += "\n";
    const auto end = i + 1 < p.patterns.size() ? p.patterns[i + 1].entry : p.code.size();
    for (auto pc = pi.entry; pc < end; ++pc) {
      const Inst& in = p.code[pc];
      out += "  " + std::to_string(pc) + " " + op_name(in.op);
      switch (in.op) {
        case Op::word: out += " " + p.words[in.x]; break;
        case Op::word_set: out += " set" + std::to_string(in.x); break;
        case Op::prefix: out += " " + p.prefixes[in.x] + "*"; break;
        case Op::klass: out += " <" + std::string(class_name(in.x)) + ">"; break;
        case Op::split: out += " " + std::to_string(in.x) + ", " + std::to_string(in.y); break;
        case Op::jump: out += " " + std::to_string(in.x); break;
        case Op::save: out += " " + std::to_string(in.x); break;
        case Op::accept: out += " " + std::to_string(in.x); break;
        default: break;
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace coach::rules

namespace coach {

std::string Engine::dump_program() const { return rules::dump_program(*set_); }

std::string dump_ast(std::vector<RuleSource> sources, std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (auto& s : sources) {
    out += "# " + s.name + "\n";
    auto parsed = rules::parse_file(s.name, std::move(s.text), diagnostics);
    out += rules::dump_ast(parsed.statements);
  }
  return out;
}

}  // namespace coach
