// Hunspell behind a mutex, loaded lazily (about 70 ms for en_US): most messages never
// reach it. Tested in tests/unit/spelling_test.cpp.
#include "text/speller.hpp"

#include <hunspell/hunspell.hxx>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <vector>

#include "text/search_path.hpp"

namespace coach::text {
namespace {

// British spellings (colour, maths, storey) are as right as American ones.
std::vector<std::string> dictionary_names(std::string_view language) {
  if (language == "en") return {"en_US", "en_GB"};
  if (language == "de") return {"de_DE"};
  if (language == "fr") return {"fr_FR"};
  if (language == "es") return {"es_ES"};
  return {std::string(language)};
}


// "london" -> "London" (first code point upper-cased).
std::string capitalized(const std::string& w) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(w.data());
  const auto n = static_cast<std::int32_t>(w.size());
  std::int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s, i, n, c);
  if (c < 0) return w;
  char buf[4];
  std::int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), len, 4, u_toupper(c), error);
  if (error) return w;
  return std::string(buf, static_cast<std::size_t>(len)) + w.substr(static_cast<std::size_t>(i));
}

}  // namespace

std::shared_ptr<const Speller> Speller::for_language(std::string_view language) {
  const auto dirs = search_dirs("COACH_DICTIONARY_PATH", "/usr/share/hunspell", true);
  std::vector<Dictionary> found;
  for (const auto& name : dictionary_names(language))
    for (const auto& dir : dirs) {
      const auto aff = std::filesystem::path(dir) / (name + ".aff");
      const auto dic = std::filesystem::path(dir) / (name + ".dic");
      std::error_code ec;
      if (std::filesystem::is_regular_file(aff, ec) && std::filesystem::is_regular_file(dic, ec)) {
        found.push_back({aff.string(), dic.string()});
        break;
      }
    }
  if (found.empty()) return nullptr;
  // One instance per set of dictionary files for the whole process: every rule set of a
  // language (and every `~word` compile) shares one Hunspell load.
  static std::mutex cache_mutex;
  static std::map<std::string, std::shared_ptr<const Speller>> cache;
  std::string key;
  for (const auto& d : found) key += d.aff + '\n' + d.dic + '\n';
  std::lock_guard lock(cache_mutex);
  auto& slot = cache[key];
  if (!slot) slot = std::make_shared<const Speller>(std::move(found));
  return slot;
}

Speller::Speller(std::vector<Dictionary> dictionaries) : dictionaries_(std::move(dictionaries)) {}
Speller::~Speller() = default;

void Speller::load() const {
  std::call_once(loaded_, [&] {
    for (const auto& d : dictionaries_) hunspell_.push_back(std::make_unique<Hunspell>(d.aff.c_str(), d.dic.c_str()));
  });
}

bool Speller::known(const std::string& word) const {
  load();
  const std::string title = capitalized(word);
  std::lock_guard lock(mutex_);
  for (const auto& h : hunspell_)
    if (h->spell(word) || h->spell(title)) return true;
  return false;
}

std::vector<std::string> Speller::suffix_forms(const std::string& word) const {
  load();
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  for (const auto& h : hunspell_)
    for (const std::string& w : {word, capitalized(word)})  // German nouns are capitalized
      for (auto& f : h->suffix_suggest(w)) out.push_back(std::move(f));
  return out;
}

}  // namespace coach::text
