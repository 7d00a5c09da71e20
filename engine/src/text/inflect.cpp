// Inflected forms from WordNet's exception lists and the Hunspell dictionary.
// Tested in tests/unit/inflect_test.cpp.
#include "text/inflect.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "text/fold.hpp"
#include "text/search_path.hpp"

namespace coach::text {
namespace {


// "went go" lines: form, then lemma (underscores join multi-word entries, which `~` skips).
// A verb's forms are marked: they stand in for the regular spelling ("stopped", not "stoped").
bool read_exceptions(std::multimap<std::string, std::pair<std::string, bool>>& out) {
  for (const auto& dir : search_dirs("COACH_WORDNET_PATH", "/usr/share/wordnet", false)) {
    bool any = false;
    for (const char* name : {"verb.exc", "noun.exc", "adj.exc"}) {
      std::ifstream in(std::filesystem::path(dir) / name);
      if (!in) continue;
      any = true;
      std::string form, lemma;
      while (in >> form >> lemma) {
        in.ignore(1 << 20, '\n');  // a form may list several lemmas; the first is enough
        if (form.find('_') == std::string::npos && lemma.find('_') == std::string::npos && form != lemma)
          out.emplace(lemma, std::pair(form, std::string_view(name) == "verb.exc"));
      }
    }
    if (any) return true;
  }
  return false;
}

bool ends_with(const std::string& w, std::string_view tail) {
  return w.size() > tail.size() && w.compare(w.size() - tail.size(), tail.size(), tail) == 0;
}

bool vowel(char c) { return std::string_view("aeiou").find(c) != std::string_view::npos; }

// The regular English forms a word may take; the dictionary decides which are words. A
// group the exception list already covers ("stopped" for the past) is left out, so a
// regular spelling of another word ("bared" for bar) does not slip in.
std::vector<std::string> regular_forms(const std::string& w, bool has_s, bool has_ed, bool has_ing) {
  std::vector<std::string> out;
  if (w.size() < 2) return out;
  const char last = w.back(), before = w[w.size() - 2];
  const bool consonant_y = last == 'y' && !vowel(before);
  const std::string stem = w.substr(0, w.size() - 1);
  if (!has_s) {
    if (consonant_y) out.push_back(stem + "ies");
    else if (ends_with(w, "s") || ends_with(w, "x") || ends_with(w, "z") || ends_with(w, "ch") || ends_with(w, "sh"))
      out.push_back(w + "es");
    else if (last == 'o') out.insert(out.end(), {w + "s", w + "es"});
    else out.push_back(w + "s");
  }
  if (!has_ed) {
    if (last == 'e') out.push_back(w + "d");
    else if (consonant_y) out.push_back(stem + "ied");
    else out.push_back(w + "ed");
  }
  if (!has_ing) {
    if (ends_with(w, "ie")) out.push_back(w.substr(0, w.size() - 2) + "ying");
    else if (last == 'e' && before != 'e' && before != 'o' && before != 'y') out.push_back(stem + "ing");
    else out.push_back(w + "ing");
  }
  return out;
}

}  // namespace

Inflector::Inflector(std::string language, std::shared_ptr<const Speller> speller)
    : language_(std::move(language)), speller_(std::move(speller)) {
  if (!speller_) complete_ = false;
  if (language_ == "en" && !read_exceptions(irregular_)) complete_ = false;
}

std::vector<std::string> Inflector::forms(const std::string& word) const {
  const std::string w = fold(word);
  std::vector<std::string> out;
  if (language_ == "en") {
    bool has_s = false, has_ed = false, has_ing = false;
    for (auto [it, end] = irregular_.equal_range(w); it != end; ++it) {
      const auto& [form, verb] = it->second;
      out.push_back(form);
      has_s = has_s || (verb && ends_with(form, "s"));
      has_ed = has_ed || (verb && ends_with(form, "ed"));
      has_ing = has_ing || (verb && ends_with(form, "ing"));
    }
    if (speller_)
      for (auto& f : regular_forms(w, has_s, has_ed, has_ing))
        if (speller_->known(f)) out.push_back(std::move(f));
  } else if (speller_) {
    for (const auto& f : speller_->suffix_forms(w)) {
      std::string folded = fold(f);
      if (folded.find('\'') == std::string::npos) out.push_back(std::move(folded));  // not "word's"
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.erase(std::remove(out.begin(), out.end(), w), out.end());
  out.insert(out.begin(), w);
  return out;
}

}  // namespace coach::text
