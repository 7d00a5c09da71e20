// Fusion adaptation of the AST for Spirit X3 attribute propagation.
#pragma once
#include <boost/fusion/include/adapt_struct.hpp>

#include "rules/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Word, inflect, text, prefix)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Phrase, text)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::LexiconRef, name)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::ClassRef, name)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Anchor, kind)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Language, code)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Gap, min, max)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Item, atom, optional)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Capture, name, body)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::PatternClause, keyword, reach, pattern)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::TextClause, keyword, text)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Rule, id, category, severity, clauses)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Lexicon, name, exact, body)
BOOST_FUSION_ADAPT_STRUCT(coach::rules::ast::Substitute, from, to)
