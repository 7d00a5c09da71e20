// Slots from the message: topic, part, cleaned captures (slots.hpp).
// Tested in tests/unit/rephrase_test.cpp.
#include "dialog/slots.hpp"

#include <algorithm>
#include <cctype>

namespace coach::dialog {

namespace {

bool is_punct(unsigned char c) {
  return c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"';
}

// Multi-byte punctuation people type or phones insert: curly double quotes, ellipsis, dashes.
std::size_t punct_len(std::string_view t, std::size_t i) {
  static constexpr std::string_view kMarks[] = {"\u201c", "\u201d", "\u2026", "\u2013", "\u2014"};
  for (auto m : kMarks)
    if (t.substr(i, m.size()) == m) return m.size();
  return 0;
}

bool has_letter(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) != 0; });
}

bool negated(const std::string& w) { return w == "not" || w == "never" || w == "no" || w.ends_with("n't"); }

std::string slice(std::string_view text, std::size_t start, std::size_t end) {
  return std::string(text.substr(start, end - start));
}

// Spans merged and sorted, so "is this byte inside one" is a binary search: a huge message with
// thousands of findings stays fast.
class SpanSet {
 public:
  explicit SpanSet(std::vector<Span> spans) {
    std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.start < y.start; });
    for (const auto& s : spans)
      if (!merged_.empty() && s.start <= merged_.back().end) merged_.back().end = std::max(merged_.back().end, s.end);
      else merged_.push_back(s);
  }
  bool operator()(std::size_t pos) const {
    auto it = std::upper_bound(merged_.begin(), merged_.end(), pos,
                               [](std::size_t p, const Span& s) { return p < s.start; });
    return it != merged_.begin() && pos < std::prev(it)->end;
  }

 private:
  std::vector<Span> merged_;
};

}  // namespace

bool judging(const std::string& x, const RephraseWords& w) {
  if (w.judgement.count(x)) return true;
  // Suffixes that keep the verdict: -s, -est, -er, -ly, -ness, -ing; "iest"/"ier"/"ily" from "-y".
  static const std::pair<std::string_view, std::string_view> kSuffixes[] = {
      {"iest", "y"}, {"ier", "y"}, {"ily", "y"}, {"iness", "y"}, {"est", ""}, {"er", ""}, {"ly", ""},
      {"ness", ""}, {"ing", ""}, {"s", ""}, {"est", "e"}, {"er", "e"}, {"ing", "e"}};
  for (const auto& [suffix, restore] : kSuffixes)
    if (x.size() > suffix.size() + 2 && x.ends_with(suffix) &&
        w.judgement.count(x.substr(0, x.size() - suffix.size()) + std::string(restore)))
      return true;
  return false;
}

std::vector<Word> words_of(std::string_view t) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < t.size()) {
    const auto c = static_cast<unsigned char>(t[i]);
    if (std::size_t n = punct_len(t, i); n || is_punct(c)) {
      out.push_back({"", i, i + (n ? n : 1), true});
      i += n ? n : 1;
      continue;
    }
    if (std::isspace(c) || c == '-' || c == '/' || c == '*') {
      ++i;
      continue;
    }
    Word w{"", i, i, false};
    while (i < t.size()) {
      const auto d = static_cast<unsigned char>(t[i]);
      if (std::isspace(d) || is_punct(d) || punct_len(t, i)) break;
      if (t.substr(i, 3) == "\u2019") {  // a curly apostrophe reads as a straight one
        w.lower += '\'';
        i += 3;
        continue;
      }
      w.lower += static_cast<char>(std::tolower(d));
      ++i;
    }
    w.end = i;
    while (!w.lower.empty() && (w.lower.back() == '\'' || w.lower.back() == '-')) w.lower.pop_back();
    out.push_back(std::move(w));
  }
  return out;
}

std::optional<std::string> find_topic(const Analysis& a, const RephraseWords& w, const std::vector<Span>& avoid) {
  const auto words = words_of(a.text);
  std::vector<Span> patterns;
  for (const auto& f : a.findings) patterns.push_back(f.span);
  const SpanSet avoided(avoid), inside_pattern(std::move(patterns));
  std::optional<std::string> best;
  int best_score = -1;
  // Outside the hurtful words first, then a known topic, then a whole phrase over a bare word.
  auto consider = [&](std::size_t first, std::size_t last, bool topic_word) {
    const int score = (inside_pattern(words[first].start) ? 0 : 4) + (topic_word ? 2 : 0) + (last > first ? 1 : 0);
    if (score > best_score) {
      best_score = score;
      best = slice(a.text, words[first].start, words[last].end);
      if (!best->empty() && std::isupper(static_cast<unsigned char>((*best)[0])) && best->rfind("I ", 0) != 0)
        (*best)[0] = static_cast<char>(std::tolower(static_cast<unsigned char>((*best)[0])));  // "Work was..." -> "work"
    }
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& d = words[i];
    if (d.punct || avoided(d.start)) continue;
    if (!w.determiners.count(d.lower)) {
      // A bare topic word stands alone ("about money"), not after a word that modifies it
      // ("your stupid friends" is judged; "the friends" is the determiner's phrase).
      const bool modified = i > 0 && !words[i - 1].punct && !w.stop.count(words[i - 1].lower);
      const bool modifies = i + 1 < words.size() && !words[i + 1].punct && !w.stop.count(words[i + 1].lower);  // "birthday cake"
      if (w.topics.count(d.lower) && !modified && !modifies) consider(i, i, true);
      continue;
    }
    std::size_t j = i + 1;
    while (j < words.size() && j - i <= 3 && !words[j].punct && !w.stop.count(words[j].lower) &&
           !w.determiners.count(words[j].lower))
      ++j;
    if (j == i + 1) continue;
    const std::string& head = words[j - 1].lower;
    bool judged = false;
    for (std::size_t k = i + 1; k < j; ++k) judged = judged || judging(words[k].lower, w) || w.fillers.count(words[k].lower);
    if (judged || w.generic.count(head) || !has_letter(head)) continue;
    consider(i, j - 1, w.topics.count(head) > 0);
  }
  return best;
}

Span clause_of(std::string_view text, Span span) {
  auto ends = [&](char c) { return c == '.' || c == '!' || c == '?' || c == '\n' || c == ',' || c == ';' || c == ':'; };
  // At most 400 bytes each way: a clause is short, and a huge unpunctuated message with thousands
  // of findings must not be walked once per finding.
  std::size_t start = span.start, end = span.end;
  const std::size_t floor = start > 400 ? start - 400 : 0, ceiling = std::min(text.size(), end + 400);
  while (start > floor && !ends(text[start - 1])) --start;
  while (end < ceiling && !ends(text[end])) ++end;
  return {static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
}

std::optional<std::string> find_part(const Analysis& a, const RephraseWords& w) {
  const auto words = words_of(a.text);
  std::size_t clause = 0;  // first word of the current sentence
  for (std::size_t i = 0; i < words.size(); ++i) {
    const Word& x = words[i];
    const bool sentence_end = x.punct && x.lower.empty() && a.text[x.start] != ',' && a.text[x.start] != '"';
    if (sentence_end) {
      clause = i + 1;
      continue;
    }
    if (x.lower != "but") continue;
    std::size_t k = clause;
    while (k < i && (words[k].punct || w.lead_ins.count(words[k].lower))) ++k;
    std::size_t last = i;
    while (last > k && words[last - 1].punct) --last;
    const std::size_t n = last - k;
    const bool starts_with_i = k < i && (words[k].lower == "i" || words[k].lower == "i'm" || words[k].lower == "i've");
    if (!starts_with_i || n < 2 || n > 9) continue;
    bool owned = true;
    for (std::size_t m = k; m < last; ++m)
      owned = owned && !negated(words[m].lower) && !w.hedges.count(words[m].lower) && !judging(words[m].lower, w) &&
              words[m].lower != "you" && words[m].lower != "your";
    if (owned) return slice(a.text, words[k].start, words[last - 1].end);
  }
  return std::nullopt;
}

std::optional<std::string> clean_capture(std::string_view text, const RephraseWords& w) {
  std::vector<Word> words;
  const auto all = words_of(text);
  for (std::size_t i = 0; i < all.size() && words.size() < 14; ++i) {
    const Word& x = all[i];
    if (x.punct || w.clause_breaks.count(x.lower)) break;  // the clause ends: "unless I nag you"
    if (!w.fillers.count(x.lower)) {
      words.push_back(x);
      continue;
    }
    // Swearing before a word is emphasis ("the damn trash"); as the word itself it is the point.
    const bool emphasis = i + 1 < all.size() && !all[i + 1].punct && !w.stop.count(all[i + 1].lower) &&
                          !w.clause_breaks.count(all[i + 1].lower);
    if (!emphasis) return std::nullopt;
  }
  while (!words.empty() && w.drop_end.count(words.back().lower)) words.pop_back();
  if (words.empty()) return std::nullopt;
  std::string out;
  for (const auto& x : words) {
    if (judging(x.lower, w)) return std::nullopt;
    out += (out.empty() ? "" : " ") + std::string(text.substr(x.start, x.end - x.start));
  }
  return out;
}

}  // namespace coach::dialog
