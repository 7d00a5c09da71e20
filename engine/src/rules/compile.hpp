// Compile parsed rule files into one RuleSet: collect declarations (language, lexicons,
// substitutions, rules), check them, and lower every pattern into the shared Program.
// Every problem is reported; on any error no RuleSet is returned.
// Tested in tests/golden (diagnostics, program dumps) and tests/unit/rules_match_test.cpp.
#pragma once
#include <memory>
#include <vector>

#include "coach/diagnostics.hpp"
#include "rules/forms_table.hpp"
#include "rules/parse.hpp"
#include "rules/rule_set.hpp"

namespace coach::rules {

// `forms`: the checked-in `~word` table; words it lacks are inflected from the dictionaries.
std::shared_ptr<RuleSet> compile(std::vector<ParsedFile>& files, std::vector<Diagnostic>& diagnostics,
                                 const FormsTable* forms = nullptr);

}  // namespace coach::rules
