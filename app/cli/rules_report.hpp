// `coach rules report CORPUS...`: per-category and per-rule evidence of a rule
// set on labelled messages. Tested in tests/cli/test_report.py.
#pragma once
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "coach/engine.hpp"
#include "labelled_corpus.hpp"

namespace coach::app {

struct CategoryEvidence {
  std::string name;
  std::size_t tp = 0, fp = 0, fn = 0;
  std::vector<std::size_t> misses;  // indices into the messages
};

struct RuleEvidence {
  std::string id;
  std::string category;     // what the rule raises, as the corpus labels it
  std::size_t fired = 0;    // messages it fired on
  std::size_t correct = 0;  // ... that carry its category
  std::size_t sole = 0;     // ... where no other rule raised that category
  std::size_t on_negatives = 0;
  std::vector<std::size_t> false_positives;  // fired, category not labelled
};

struct RulesReport {
  std::size_t messages = 0, negatives = 0, negatives_flagged = 0;
  std::vector<CategoryEvidence> categories;  // those the corpus labels, in report order
  std::vector<RuleEvidence> rules;           // every rule that fired, most fired first
};

RulesReport build_report(const Engine& engine, const std::vector<LabelledMessage>& messages);
void print_report_text(std::ostream& out, const RulesReport& r, const std::vector<LabelledMessage>& messages);
void print_report_json(std::ostream& out, const RulesReport& r, const std::vector<LabelledMessage>& messages);

}  // namespace coach::app
