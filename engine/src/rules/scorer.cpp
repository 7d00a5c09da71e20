// Scorer: parse the weights file, extract features, score a message (scorer.hpp).
// Tested in tests/unit/scorer_test.cpp.
#include "rules/scorer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_set>

#include "coach/rule_codes.hpp"

namespace coach::rules {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Reads kScorerColumns numbers separated by spaces; reports the first bad one.
bool parse_row(std::string_view s, ScorerWeights& out, unsigned& bad_column) {
  std::size_t pos = 0;
  for (std::size_t k = 0; k < kScorerColumns; ++k) {
    while (pos < s.size() && s[pos] == ' ') ++pos;
    float v = 0;
    const char* b = s.data() + pos;
    auto [p, ec] = std::from_chars(b, s.data() + s.size(), v);
    if (ec != std::errc() || !std::isfinite(v)) {
      bad_column = static_cast<unsigned>(pos + 1);
      return false;
    }
    out[k] = v;
    pos = static_cast<std::size_t>(p - s.data());
  }
  while (pos < s.size() && s[pos] == ' ') ++pos;
  if (pos != s.size()) {
    bad_column = static_cast<unsigned>(pos + 1);
    return false;
  }
  return true;
}

bool is_word(const text::Token& t) { return t.kind == text::TokenKind::word || t.kind == text::TokenKind::number; }

// Calls fn(word, previous word or "") for each word of a sentence: the one walk behind both
// the features' text (training, explanations) and their hashes (scoring).
template <typename Fn>
void for_each_feature(const text::Utterance& u, const text::Sentence& s, Fn&& fn) {
  std::string_view prev;
  for (std::uint32_t i = s.first; i < s.last; ++i) {
    const auto& t = u.tokens[i];
    if (!is_word(t) || t.norm.empty()) continue;
    fn(std::string_view(t.norm), prev);
    prev = t.norm;
  }
}

// Appends the features of one sentence not yet in `seen`.
void sentence_features(const text::Utterance& u, const text::Sentence& s, std::unordered_set<std::string>& seen,
                       std::vector<std::string>& out) {
  auto add = [&](std::string f) {
    if (seen.insert(f).second) out.push_back(std::move(f));
  };
  for_each_feature(u, s, [&](std::string_view w, std::string_view prev) {
    add(std::string(w));
    if (!prev.empty()) add(std::string(prev) + " " + std::string(w));
  });
}

constexpr std::uint64_t kFnvBasis = 14695981039346656037ull, kFnvPrime = 1099511628211ull;

std::uint64_t fnv(std::uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * kFnvPrime;
  return h;
}

// The hashes of one sentence's features (words, and pairs as "a b"), appended.
void sentence_hashes(const text::Utterance& u, const text::Sentence& s, std::vector<std::uint64_t>& out) {
  for_each_feature(u, s, [&](std::string_view w, std::string_view prev) {
    out.push_back(fnv(kFnvBasis, w));
    if (!prev.empty()) out.push_back(fnv(fnv(fnv(kFnvBasis, prev), " "), w));
  });
}

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-std::clamp(z, -30.0, 30.0))); }

}  // namespace

std::optional<Scorer> parse_scorer(std::string file, std::string_view text, std::vector<Diagnostic>& diagnostics) {
  Scorer sc;
  sc.file = file;
  const std::size_t before = diagnostics.size();
  bool have_threshold = false, have_bias = false;
  auto error = [&](unsigned line, unsigned col, RuleCode code, std::string msg) {
    diagnostics.push_back({file, line, col, code_id(code), std::move(msg), false, {}});
  };
  unsigned line_no = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::size_t sp = line.find_first_of(" \t");
    const std::string_view key = line.substr(0, sp);
    const std::string_view rest = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
    const unsigned rest_col = static_cast<unsigned>(raw.size() - rest.size() + 1);
    unsigned bad = 0;
    if (key == "w") {
      const std::size_t tab = rest.find('\t');
      if (tab == std::string_view::npos || tab == 0) {
        error(line_no, rest_col, RuleCode::bad_scorer_line,
              "expected 'w<TAB>feature<TAB>" + std::to_string(kScorerColumns) + " numbers'");
        continue;
      }
      ScorerWeights w{};
      if (!parse_row(rest.substr(tab + 1), w, bad)) {
        error(line_no, rest_col + static_cast<unsigned>(tab) + bad, RuleCode::bad_scorer_number,
              "expected " + std::to_string(kScorerColumns) + " numbers separated by spaces");
        continue;
      }
      if (!sc.weights.emplace(feature_hash(rest.substr(0, tab)), w).second)
        error(line_no, rest_col, RuleCode::duplicate_scorer_feature,
              "duplicate feature '" + std::string(rest.substr(0, tab)) + "'");
    } else if (key == "threshold" || key == "sure") {
      double t = 0;
      auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), t);
      if (ec != std::errc() || p != rest.data() + rest.size() || !(t > 0.0 && t <= 1.0)) {
        error(line_no, rest_col, RuleCode::bad_scorer_number, std::string(key) + " must be a number in (0, 1]");
        continue;
      }
      (key == "sure" ? sc.sure : sc.threshold) = t;
      have_threshold = have_threshold || key == "threshold";
    } else if (key == "bias") {
      if (!parse_row(rest, sc.bias, bad)) {
        error(line_no, rest_col + bad - 1, RuleCode::bad_scorer_number,
              "expected " + std::to_string(kScorerColumns) + " numbers separated by spaces");
        continue;
      }
      have_bias = true;
    } else if (key == "plain") {
      for (std::size_t b = 0; b < rest.size();) {
        const std::size_t e = std::min(rest.find(' ', b), rest.size());
        if (e > b) sc.plain.emplace(rest.substr(b, e - b));
        b = e + 1;
      }
    } else if (key == "why") {
      const std::size_t s2 = rest.find(' ');
      const std::string_view kind = rest.substr(0, s2);
      const auto it = std::find(kScorerKinds.begin() + 1, kScorerKinds.begin() + kScorerAuthor, kind);
      if (it == kScorerKinds.begin() + kScorerAuthor || s2 == std::string_view::npos) {
        error(line_no, rest_col, RuleCode::bad_scorer_line, "expected 'why <kind> <text>' with a safety kind");
        continue;
      }
      sc.why[static_cast<std::size_t>(it - kScorerKinds.begin())] = std::string(trim(rest.substr(s2 + 1)));
    } else {
      error(line_no, 1, RuleCode::bad_scorer_line,
            "unknown line '" + std::string(key) + "' (expected threshold, sure, bias, why, plain or w)");
    }
  }
  if (!have_threshold) error(0, 0, RuleCode::bad_scorer_file, "no 'threshold' line");
  if (sc.sure < sc.threshold) error(0, 0, RuleCode::bad_scorer_number, "sure must not be below threshold");
  if (!have_bias) error(0, 0, RuleCode::bad_scorer_file, "no 'bias' line");
  for (std::size_t k = 1; k < kScorerAuthor; ++k)
    if (sc.why[k].empty()) error(0, 0, RuleCode::bad_scorer_file, "no 'why " + std::string(kScorerKinds[k]) + "' line");
  if (diagnostics.size() != before) return std::nullopt;
  return sc;
}

std::vector<std::string> scorer_features(const text::Utterance& u) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& s : u.sentences) sentence_features(u, s, seen, out);
  return out;
}

std::uint64_t feature_hash(std::string_view feature) { return fnv(kFnvBasis, feature); }

namespace {

// Each column's log-odds for the message: bias plus the weights of its distinct features.
std::array<double, kScorerColumns> log_odds(const Scorer& scorer, const text::Utterance& u) {
  thread_local std::vector<std::uint64_t> hashes;
  hashes.clear();
  for (const auto& s : u.sentences) sentence_hashes(u, s, hashes);
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  std::array<double, kScorerColumns> z{};
  for (std::size_t k = 0; k < kScorerColumns; ++k) z[k] = scorer.bias[k];
  for (const auto h : hashes)
    if (const auto it = scorer.weights.find(h); it != scorer.weights.end())
      for (std::size_t k = 0; k < kScorerColumns; ++k) z[k] += it->second[k];
  return z;
}

}  // namespace

double scorer_probability(const Scorer& scorer, const text::Utterance& u) {
  return scorer.weights.empty() ? 0.0 : sigmoid(log_odds(scorer, u)[0]);
}

std::optional<ScorerVerdict> score(const Scorer& scorer, const text::Utterance& u) {
  if (scorer.weights.empty()) return std::nullopt;
  const auto z = log_odds(scorer, u);
  ScorerVerdict v;
  v.probability = sigmoid(z[0]);
  if (v.probability <= scorer.threshold) return std::nullopt;
  v.kind = static_cast<std::size_t>(std::max_element(z.begin() + 1, z.begin() + kScorerAuthor) - z.begin());
  v.author = sigmoid(z[kScorerAuthor]) > 0.5;
  // Rare path (a message above the threshold): the sentence and words that weighed most
  // toward the kind (ties: the earlier one).
  double best = -1e300;
  std::vector<std::pair<float, std::string>> words;
  std::unordered_set<std::string> seen;
  std::vector<std::string> fs;
  for (std::size_t si = 0; si < u.sentences.size(); ++si) {
    seen.clear();
    fs.clear();
    sentence_features(u, u.sentences[si], seen, fs);
    double sum = 0;
    for (const auto& f : fs)
      if (const auto it = scorer.weights.find(feature_hash(f)); it != scorer.weights.end() && it->second[v.kind] > 0) {
        sum += it->second[v.kind];
        words.emplace_back(it->second[v.kind], f);
      }
    if (sum > best) {
      best = sum;
      v.sentence = si;
    }
  }
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  auto is_plain = [&](const std::string& f) {
    const auto sp = f.find(' ');
    if (sp == std::string::npos) return scorer.plain.count(f) > 0;
    return scorer.plain.count(f.substr(0, sp)) > 0 && scorer.plain.count(f.substr(sp + 1)) > 0;
  };
  for (const bool allow_plain : {false, true}) {
    for (const auto& [w, f] : words) {
      if (v.words.size() == 3) break;
      if ((allow_plain || !is_plain(f)) && std::find(v.words.begin(), v.words.end(), f) == v.words.end())
        v.words.push_back(f);
    }
    if (!v.words.empty()) break;
  }
  return v;
}

}  // namespace coach::rules
