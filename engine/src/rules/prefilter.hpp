// Prefilter and start filter: which patterns can skip a sentence, and at which tokens
// a pattern can start. Both are pure optimizations: tests/unit/rules_match_test.cpp
// checks that disabling them changes no result.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "rules/ast.hpp"
#include "rules/emit.hpp"
#include "rules/program.hpp"
#include "text/normalizer.hpp"

namespace coach::rules {

// Fills Program::representative and Program::copies. The filters below and the DFA
// index representatives only.
void find_copies(Program& prog);

// Fills Program::lazy and Program::lazy_guards (after find_copies).
void find_lazy_guards(Program& prog);

// Fills Program::by_word, Program::always and Program::required: each pattern is indexed by the cheapest
// set of words one of which every match contains (cost: how many patterns share a word),
// Program::also_required by the next cheapest such set, and Program::checks by all the
// others.
// `inflections` holds the forms of every `~word` (the word itself first).
void build_prefilter(Program& prog, const std::vector<const ast::Alternation*>& patterns,
                     const Lexicons& lexicons, const text::Normalizer& normalizer,
                     const std::map<std::string, std::vector<std::string>>& inflections);

// Fills Program::by_first and Program::start_anywhere from each pattern's first tokens.
void build_start_filter(Program& prog);

// Fills Program::closure and closure_at.
void build_closures(Program& prog);

}  // namespace coach::rules
