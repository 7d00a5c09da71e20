// Reading labelled corpora (TSV or JSON lines). Tested in
// tests/cli/test_report.py.
#include "labelled_corpus.hpp"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "coach/categories.hpp"
namespace coach::app {
namespace {

bool is_safety_kind(const std::string& l) { return one_of(kSafetyKinds, l); }

// Adds a label and what it implies, keeping report order; false for an unknown
// one.
bool add_label(std::string label, std::vector<std::string>& labels) {
  const auto& known = report_labels();
  if (std::find(known.begin(), known.end(), label) == known.end()) return false;
  if (is_safety_kind(label)) labels.push_back("safety");
  labels.push_back(std::move(label));
  std::vector<std::string> ordered;
  for (const auto& k : known)
    if (std::find(labels.begin(), labels.end(), k) != labels.end()) ordered.push_back(k);
  labels = std::move(ordered);
  return true;
}

std::string unknown(const std::string& label) {
  std::string list;
  for (const auto& k : report_labels()) list += (list.empty() ? "" : ", ") + k;
  return "unknown label '" + label + "' (known: " + list + ")";
}

// labels<TAB>note<TAB>text[<TAB>source]
std::string parse_tsv_line(const std::string& line, LabelledMessage& m) {
  std::vector<std::string> fields;
  for (std::size_t pos = 0;;) {
    const std::size_t tab = line.find('\t', pos);
    fields.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
    if (tab == std::string::npos) break;
    pos = tab + 1;
  }
  if (fields.size() < 3 || fields.size() > 4) return "expected labels<TAB>note<TAB>text[<TAB>source]";
  if (fields[0] != "-")
    for (std::size_t pos = 0;;) {
      const std::size_t comma = fields[0].find(',', pos);
      std::string label = fields[0].substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
      if (!add_label(label, m.labels)) return unknown(label);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
  m.text = std::move(fields[2]);
  return {};
}

// {"text": "...", "labels": [...]}
std::string parse_json_line(const std::string& line, LabelledMessage& m) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "not a JSON object";
  const auto text = j.find("text");
  if (text == j.end() || !text->is_string()) return "\"text\" must be a string";
  m.text = text->get<std::string>();
  const auto labels = j.find("labels");
  if (labels == j.end()) return {};
  if (!labels->is_array()) return "\"labels\" must be an array of strings";
  for (const auto& l : *labels) {
    if (!l.is_string()) return "\"labels\" must be an array of strings";
    if (!add_label(l.get<std::string>(), m.labels)) return unknown(l.get<std::string>());
  }
  return {};
}

}  // namespace

const std::vector<std::string>& report_labels() {
  // Report order: the four patterns, repair, safety, then the safety kinds in the order
  // the labelled corpora have always been reported in.
  static const std::vector<std::string> labels = [] {
    std::vector<std::string> v(kHorsemen.begin(), kHorsemen.end());
    for (const char* l : {"repair", "safety", "violence", "threat", "self_harm", "fear", "control"}) v.emplace_back(l);
    return v;
  }();
  return labels;
}

bool read_labelled_corpus(const std::string& path, std::vector<LabelledMessage>& out,
                          std::vector<std::string>& errors) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors.push_back(path + ": cannot open");
    return false;
  }
  const std::size_t errors_before = errors.size();
  std::vector<LabelledMessage> read;
  int json = -1;  // unknown until the first content line
  std::string line;
  for (unsigned n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    if (json < 0) json = line.front() == '{';
    LabelledMessage m;
    m.file = path;
    m.line = n;
    if (std::string problem = json ? parse_json_line(line, m) : parse_tsv_line(line, m); !problem.empty()) {
      errors.push_back(path + ":" + std::to_string(n) + ": " + problem);
      continue;
    }
    read.push_back(std::move(m));
  }
  if (errors.size() != errors_before) return false;
  out.insert(out.end(), std::make_move_iterator(read.begin()), std::make_move_iterator(read.end()));
  return true;
}

}  // namespace coach::app
