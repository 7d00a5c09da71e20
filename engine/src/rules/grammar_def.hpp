// Rule language grammar definition. Included only by grammar.cpp.
//
//   statement   := language | lexicon | substitute | rule
//   language    := 'language' code
//   lexicon     := 'lexicon' '@'name ['exact'] '=' alternation
//   substitute  := 'substitute' text '=' text
//   rule        := 'rule' id ':' category ['severity' N] clause*
//   clause      := ('match' | ('unless' | 'except' | 'requires') ['sentence:' | 'message:' | 'within' N ':'])
//                  alternation
//                | ('why' | 'example' | 'counter') string
//   alternation := sequence ('|' sequence)*
//   sequence    := (atom '?'?)+
//   atom        := gap | '{'name ':' alternation'}' | '(' alternation ')' | '@'name
//                | '<'class'>' | '^' | '$' | string | ['~']word['*']
#pragma once
#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

#include "rules/ast.hpp"
#include "rules/ast_adapted.hpp"
#include "rules/error_handler.hpp"

namespace coach::rules::grammar {

namespace x3 = boost::spirit::x3;
using x3::char_;
using x3::lexeme;
using x3::lit;

struct error_handler_base {
  template <typename It, typename Exception, typename Context>
  x3::error_handler_result on_error(It&, It const& last, Exception const& x, Context const& context) {
    auto& handler = x3::get<x3::error_handler_tag>(context).get();
    handler.expected(x.where(), last, x.which());
    return x3::error_handler_result::fail;
  }
};

// Characters that end a bare word; everything else (UTF-8 bytes too) belongs to words.
auto const special = char_(" \t\r\n|()[]{}<>\"#?*@:^$=");
auto const wordchar = ~special;
auto const kw = [](char const* s) { return lexeme[lit(s) >> !wordchar]; };
// `match`, `unless`, `except` and `requires` always start a clause; `why`, `example` and `counter` only when a
// string follows, so patterns can still say `why are you`. Statement keywords only
// matter in column 1, where the file is cut into blocks before parsing.
auto const keyword = kw("match") | kw("unless") | kw("except") | kw("requires") | ((kw("why") | kw("example") | kw("counter")) >> '"');

auto const comment = lexeme['#' >> *(char_ - x3::eol)];
auto const skipper = char_(" \t\r\n") | comment;

struct close_quote_class;
struct quoted_class;
struct ident_class;
struct name_class;
struct word_class : x3::annotate_on_success {};
struct phrase_class : x3::annotate_on_success {};
struct lexicon_ref_class : x3::annotate_on_success {};
struct class_ref_class : x3::annotate_on_success {};
struct anchor_class : x3::annotate_on_success {};
struct gap_class : x3::annotate_on_success {};
struct group_class;
struct capture_class : x3::annotate_on_success {};
struct item_class : x3::annotate_on_success {};
struct sequence_class;
struct alternation_class;
struct pattern_clause_class : x3::annotate_on_success {};
struct text_clause_class : x3::annotate_on_success {};
struct rule_class : x3::annotate_on_success {};
struct lexicon_class : x3::annotate_on_success {};
struct substitute_class : x3::annotate_on_success {};
struct language_class : x3::annotate_on_success {};
struct statement_class : x3::annotate_on_success, error_handler_base {};

x3::rule<close_quote_class> const close_quote = "closing quote";
x3::rule<quoted_class, std::string> const quoted = "a string";
x3::rule<ident_class, std::string> const ident = "a name";
x3::rule<name_class, std::string> const name = "a name";
x3::rule<word_class, ast::Word> const word = "a word";
x3::rule<phrase_class, ast::Phrase> const phrase = "a string";
x3::rule<lexicon_ref_class, ast::LexiconRef> const lexicon_ref = "a lexicon (@name)";
x3::rule<class_ref_class, ast::ClassRef> const class_ref = "a class (<name>)";
x3::rule<anchor_class, ast::Anchor> const anchor = "an anchor";
x3::rule<gap_class, ast::Gap> const gap = "a gap";
x3::rule<group_class, ast::Alternation> const group = "a group";
x3::rule<capture_class, ast::Capture> const capture = "a capture";
x3::rule<item_class, ast::Item> const item = "a pattern element";
x3::rule<sequence_class, ast::Sequence> const sequence = "a pattern";
x3::rule<alternation_class, ast::Alternation> const alternation = "a pattern";
x3::rule<pattern_clause_class, ast::PatternClause> const pattern_clause = "match or unless";
x3::rule<text_clause_class, ast::TextClause> const text_clause = "why, example or counter";
x3::rule<rule_class, ast::Rule> const rule = "rule";
x3::rule<lexicon_class, ast::Lexicon> const lexicon = "lexicon";
x3::rule<substitute_class, ast::Substitute> const substitute = "substitute";
x3::rule<language_class, ast::Language> const language = "language";
x3::rule<statement_class, ast::Statement> const statement = "a statement (rule, lexicon, substitute or language)";

auto const close_quote_def = lit('"');
auto const quoted_def = lexeme['"' > *(('\\' >> char_("\"\\")) | (char_ - char_("\"\\\r\n"))) > close_quote];
auto const ident_def = lexeme[char_("a-zA-Z") >> *char_("a-zA-Z0-9_.-")];
auto const name_def = lexeme[+char_("a-zA-Z0-9_")];

auto const word_def = !keyword >> lexeme[x3::matches['~'] >> +(wordchar - '.' - '~') >> x3::matches['*']];
auto const phrase_def = quoted;
auto const lexicon_ref_def = lexeme['@' > name];
auto const class_ref_def = lexeme['<' > +char_("a-zA-Z0-9_:") > '>'];
auto const anchor_def = char_("^$");
auto const gap_def = lexeme["..." >> -x3::uint_ >> -('-' > x3::uint_)];
auto const group_def = '(' > alternation > ')';
auto const capture_def = '{' > name > ':' > alternation > '}';
auto const atom = gap | capture | group | lexicon_ref | class_ref | anchor | phrase | word;
auto const item_def = atom >> x3::matches['?'];
auto const sequence_def = +item;
auto const alternation_def = sequence % '|';

auto const pattern_kw =
    lexeme[(x3::string("match") | x3::string("unless") | x3::string("except") | x3::string("requires")) >> !wordchar];
auto const text_kw = lexeme[(x3::string("why") | x3::string("example") | x3::string("counter")) >> !wordchar];
auto const reach = (lexeme[lit("sentence") >> ':'] >> x3::attr(ast::kSentence)) |
                   (lexeme[lit("message") >> ':'] >> x3::attr(ast::kMessage)) | (kw("within") >> x3::uint_ >> ':');
auto const pattern_clause_def = pattern_kw > -reach > alternation;
auto const text_clause_def = text_kw > quoted;
auto const clause = pattern_clause | text_clause;
auto const rule_def = kw("rule") > ident > ':' > ident > -(kw("severity") > x3::uint_) > *clause;
auto const lexicon_def = kw("lexicon") > lexeme['@' > name] > x3::matches[kw("exact")] > '=' > alternation;
auto const subst_text = quoted | lexeme[+(wordchar | char_('*'))];
auto const substitute_def = kw("substitute") > subst_text > '=' > subst_text;
auto const language_def = kw("language") > lexeme[+char_("a-zA-Z_-")];
auto const statement_def = (language | lexicon | substitute | rule) > x3::eoi;

BOOST_SPIRIT_DEFINE(close_quote, quoted, ident, name, word, phrase, lexicon_ref, class_ref, anchor,
                    gap, group, capture, item, sequence, alternation, pattern_clause, text_clause,
                    rule, lexicon, substitute, language, statement)

}  // namespace coach::rules::grammar
