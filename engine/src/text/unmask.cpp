// Masked words read as the listed word they spell (unmask.hpp). Tested in
// tests/unit/unmask_test.cpp.
#include "text/unmask.hpp"

#include <algorithm>
#include <unordered_set>

namespace coach::text {
namespace {

bool is_wildcard(char c) { return c == '*' || c == '#' || c == '%' || c == '_'; }

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether the typed character `c` can stand for the letter `letter`.
bool stands_for(char c, char letter) {
  c = lower(c);
  if (is_lower(c)) return c == letter;
  if (is_wildcard(c)) return true;
  switch (c) {
    case '0':
      return letter == 'o';
    case '1':
      return letter == 'i' || letter == 'l';
    case '3':
      return letter == 'e';
    case '4':
    case '@':
      return letter == 'a';
    case '5':
    case '$':
      return letter == 's';
    case '7':
      return letter == 't';
    case '!':
      return letter == 'i';
    default:
      return false;
  }
}

bool aligned(std::string_view typed, std::string_view word) {
  if (typed.size() != word.size()) return false;
  for (std::size_t k = 0; k < typed.size(); ++k)
    if (!stands_for(typed[k], word[k])) return false;
  return true;
}

// One run of wildcards standing for one or more letters ("f*king", "a**"), the rest aligned.
bool aligned_stretching(std::string_view typed, std::string_view word) {
  const auto gs = static_cast<std::size_t>(std::find_if(typed.begin(), typed.end(), is_wildcard) - typed.begin());
  if (gs == typed.size()) return false;
  std::size_t ge = gs;
  while (ge < typed.size() && is_wildcard(typed[ge])) ++ge;
  const std::string_view head = typed.substr(0, gs), tail = typed.substr(ge);
  // The run stands for one letter more or less than it has, or two more ("f*king"), never
  // a whole stretch of the word ("f*!" is not "fvckwhi").
  const std::size_t letters = word.size() - std::min(word.size(), head.size() + tail.size());
  if (letters < 1 || letters + 1 < ge - gs || letters > ge - gs + 2) return false;
  return aligned(head, word.substr(0, head.size())) && aligned(tail, word.substr(word.size() - tail.size()));
}

}  // namespace

bool is_mask_char(char c) {
  return is_wildcard(c) || c == '0' || c == '1' || c == '3' || c == '4' || c == '5' || c == '7' || c == '@' ||
         c == '$' || c == '!';
}

Unmasker::Unmasker(const std::vector<std::string>& words) {
  std::unordered_set<std::string_view> kept;  // first place wins: the list's order is its preference
  for (const auto& w : words)
    if (!w.empty() && std::all_of(w.begin(), w.end(), is_lower) && kept.insert(w).second) words_.push_back(w);
}

std::size_t Unmasker::run_at(std::string_view text, std::size_t at) const {
  if (words_.empty() || at >= text.size()) return 0;
  if (at > 0) {
    const char before = text[at - 1];
    const bool opens = before == ' ' || before == '\t' || before == '\n' || before == '\r' || before == '(' ||
                       before == '[' || before == '"' || before == '\'';
    if (!opens && static_cast<unsigned char>(before) < 0x80) return 0;
  }
  std::size_t end = at;
  bool letter = false, mask = false;
  for (; end < text.size(); ++end) {
    const char c = lower(text[end]);
    if (is_lower(c))
      letter = true;
    else if (is_mask_char(c))
      mask = true;
    else if (!(c >= '0' && c <= '9'))
      break;
  }
  const std::size_t n = end - at;
  return letter && mask && n >= 3 && n <= 24 ? n : 0;
}

std::string Unmasker::resolve(std::string_view run, std::size_t& used) const {
  for (const bool stretch : {false, true})  // every exact reading before any stretched one
    for (std::size_t n = run.size(); n >= 3; --n) {
      const std::string_view typed = run.substr(0, n);
      if (std::none_of(typed.begin(), typed.end(), is_mask_char)) break;  // an ordinary word and its '!'
      if (std::none_of(typed.begin(), typed.end(), [](char c) { return is_lower(lower(c)); })) break;  // "***"
      if (std::string w = match(typed, stretch); !w.empty()) {
        used = n;
        return w;
      }
      if (run[n - 1] != '!') break;  // only a trailing '!' may be punctuation
    }
  used = 0;
  return {};
}

std::string Unmasker::match(std::string_view typed, bool stretch) const {
  if (!is_lower(lower(typed.front())) && !is_wildcard(typed.front()) && typed.front() != '@' && typed.front() != '$')
    return {};  // "2day", "1st": a leading digit is a number, not a mask
  for (const auto& w : words_)
    if (aligned(typed, w)) return w;
  // A listed word with an ending typed in full ("f***ing", "sh*tty" aside, "b*tches"): the
  // word list holds stems, and "fucking" itself is no rule word (core.rules drops it).
  static constexpr std::string_view kEndings[] = {"ing", "in", "ed", "er", "ers", "s", "es", "y"};
  for (const std::string_view ending : kEndings) {
    if (typed.size() < ending.size() + 2 || !typed.ends_with(ending)) continue;
    const std::string_view stem = typed.substr(0, typed.size() - ending.size());
    if (std::none_of(stem.begin(), stem.end(), is_mask_char)) continue;
    for (const auto& w : words_)
      if (aligned(stem, w)) return w + std::string(ending);
  }
  if (stretch)
    for (const auto& w : words_)
      if (aligned_stretching(typed, w)) return w;
  return {};
}

}  // namespace coach::text
