// Labelled messages for `coach rules report`: the project's TSV corpora or JSON
// lines. Tested in tests/cli/test_report.py.
#pragma once
#include <string>
#include <vector>

namespace coach::app {

struct LabelledMessage {
  std::string file;
  unsigned line = 0;
  std::string text;
  std::vector<std::string> labels;  // canonical names; empty: a negative
};

// The labels a corpus may use: the four patterns, "repair" (a repair attempt),
// "safety" (any safety response) and the safety kinds (each implies "safety"),
// in report order.
const std::vector<std::string>& report_labels();

// Reads one corpus and appends its messages. Formats, told apart by the first
// line that is neither empty nor a comment:
//   TSV         labels<TAB>note<TAB>text[<TAB>source]   labels comma-separated,
//   "-" for none
//               (tests/corpus/en.tsv; the safety corpus, whose note is the
//               voice)
//   JSON lines  {"text": "...", "labels": ["criticism", ...]}
//   (../shared/corpus/*.jsonl)
// Each problem is one "file:line: message" string; with any, nothing is
// appended.
bool read_labelled_corpus(const std::string& path, std::vector<LabelledMessage>& out, std::vector<std::string>& errors);

}  // namespace coach::app
