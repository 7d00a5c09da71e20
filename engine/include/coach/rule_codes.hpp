// Diagnostic codes of rule sets (R), in one registry: grep a code ("R102") and find its
// enumerator here; grep the enumerator and find every place that reports it. The number is
// the enumerator's value; the hundreds say who finds the problem (R0xx parsing, R1xx checks
// and compilation, R2xx examples, R3xx the .scorer file), so the numbers have gaps.
// Public because the front ends report one too (app/load.cpp, R135); Diagnostic::code stays a
// string. Tested in tests/unit/rule_codes_test.cpp (every code here is in the README's
// diagnostics table, and nothing else is) and tests/rule_codes_reported.py (every code here
// is reported somewhere, and no source writes one as a string literal).
#pragma once
#include <array>
#include <cstddef>
#include <string>

namespace coach {

enum class RuleCode : int {
  // Parsing.
  cannot_read = 0,             // R000: a path cannot be read or has no rule files
  syntax_error = 1,            // R001
  unterminated_string = 2,     // R002
  text_outside_statement = 3,  // R003
  nested_too_deep = 4,         // R004
  unknown_statement = 5,       // R005
  // Checks and compilation.
  duplicate_rule = 101,           // R101
  unknown_category = 102,         // R102
  duplicate_lexicon = 103,        // R103
  unknown_lexicon = 104,          // R104
  matches_empty = 105,            // R105: a pattern that can match no tokens
  bad_gap_bound = 106,            // R106
  unknown_class = 107,            // R107
  severity_out_of_range = 108,    // R108
  no_match = 109,                 // R109: a rule without `match`
  unknown_capture_in_why = 110,   // R110
  duplicate_capture = 111,        // R111
  too_many_captures = 112,        // R112
  no_words = 113,                 // R113: a word or phrase with no words once normalized
  bad_lexicon_entry = 114,        // R114
  lexicon_cycle = 115,            // R115
  language_conflict = 116,        // R116: two languages in one rule set
  no_language = 117,              // R117
  duplicate_substitution = 118,   // R118
  no_example = 119,               // R119
  no_counter = 120,               // R120
  reach_on_match = 121,           // R121
  requires_without_match = 122,   // R122
  inflected_prefix = 123,         // R123: `~word*`
  no_inflected_forms = 124,       // R124 (warning)
  inflection_incomplete = 125,    // R125 (warning): no dictionary for `~` words
  bad_forms_line = 126,           // R126
  duplicate_forms_word = 127,     // R127
  second_forms_file = 128,        // R128
  word_not_in_forms = 129,        // R129 (warning)
  no_why = 130,                   // R130
  duplicate_lexicon_entry = 132,  // R132 (warning); R131 was never used
  match_not_shown = 133,          // R133 (warning): no example is found by this `match`
  unless_not_shown = 134,         // R134 (warning): no counter is stopped by this `unless`
  language_not_requested = 135,   // R135: not the language `--language` asks for (app/load.cpp)
  clause_mid_line = 136,          // R136: `match`, `unless`, `except` or `requires` in the middle of a line
  // Examples (`coach rules check`).
  example_not_matched = 201,  // R201
  counter_matched = 202,      // R202
  // The .scorer file.
  bad_scorer_line = 301,           // R301
  bad_scorer_number = 302,         // R302
  duplicate_scorer_feature = 303,  // R303
  bad_scorer_file = 304,           // R304: a threshold, bias or why line missing, or a second .scorer file
};

// Every enumerator, in increasing order, for iterating over codes that have gaps.
inline constexpr std::size_t kRuleCodeCount = 47;
inline constexpr std::array<RuleCode, kRuleCodeCount> kRuleCodes = {
    RuleCode::cannot_read,
    RuleCode::syntax_error,
    RuleCode::unterminated_string,
    RuleCode::text_outside_statement,
    RuleCode::nested_too_deep,
    RuleCode::unknown_statement,
    RuleCode::duplicate_rule,
    RuleCode::unknown_category,
    RuleCode::duplicate_lexicon,
    RuleCode::unknown_lexicon,
    RuleCode::matches_empty,
    RuleCode::bad_gap_bound,
    RuleCode::unknown_class,
    RuleCode::severity_out_of_range,
    RuleCode::no_match,
    RuleCode::unknown_capture_in_why,
    RuleCode::duplicate_capture,
    RuleCode::too_many_captures,
    RuleCode::no_words,
    RuleCode::bad_lexicon_entry,
    RuleCode::lexicon_cycle,
    RuleCode::language_conflict,
    RuleCode::no_language,
    RuleCode::duplicate_substitution,
    RuleCode::no_example,
    RuleCode::no_counter,
    RuleCode::reach_on_match,
    RuleCode::requires_without_match,
    RuleCode::inflected_prefix,
    RuleCode::no_inflected_forms,
    RuleCode::inflection_incomplete,
    RuleCode::bad_forms_line,
    RuleCode::duplicate_forms_word,
    RuleCode::second_forms_file,
    RuleCode::word_not_in_forms,
    RuleCode::no_why,
    RuleCode::duplicate_lexicon_entry,
    RuleCode::match_not_shown,
    RuleCode::unless_not_shown,
    RuleCode::language_not_requested,
    RuleCode::clause_mid_line,
    RuleCode::example_not_matched,
    RuleCode::counter_matched,
    RuleCode::bad_scorer_line,
    RuleCode::bad_scorer_number,
    RuleCode::duplicate_scorer_feature,
    RuleCode::bad_scorer_file,
};

// A short list would leave trailing slots as cannot_read (0), and a repeated or misplaced
// enumerator breaks the order: strictly increasing, within R000-R999, catches all three.
constexpr bool rule_codes_in_order() {
  for (std::size_t i = 0; i < kRuleCodes.size(); ++i) {
    const int n = static_cast<int>(kRuleCodes[i]);
    if (n < 0 || n > 999 || (i > 0 && n <= static_cast<int>(kRuleCodes[i - 1]))) return false;
  }
  return true;
}
static_assert(rule_codes_in_order());
static_assert(kRuleCodes.back() == RuleCode::bad_scorer_file);

// "R102".
std::string code_id(RuleCode c);

}  // namespace coach
