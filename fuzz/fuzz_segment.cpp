// Fuzz target, differential: the UAX #29 fast path (text/segment.cpp) against ICU's
// BreakIterators on arbitrary bytes (repaired to UTF-8): boundaries, then whole
// utterances with the built-in substitutions. Any difference traps.
#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>
#include <string>
#include <vector>

#include "coach/engine.hpp"
#include "rules/compile.hpp"
#include "rules/parse.hpp"
#include "rules/rule_set.hpp"
#include "text/normalizer.hpp"
#include "text/segment.hpp"
#include "text/utf8.hpp"

namespace {

std::vector<std::int32_t> icu_boundaries(icu::BreakIterator& it, const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<std::int64_t>(s.size()), &st);
  it.setText(ut, st);
  std::vector<std::int32_t> out;
  for (auto b = it.first(); b != icu::BreakIterator::DONE; b = it.next()) out.push_back(b);
  utext_close(ut);
  return out;
}

bool same(const coach::text::Utterance& a, const coach::text::Utterance& b) {
  if (a.text != b.text || a.tokens.size() != b.tokens.size() || a.sentences.size() != b.sentences.size()) return false;
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    const auto &x = a.tokens[i], &y = b.tokens[i];
    if (x.start != y.start || x.end != y.end || x.norm != y.norm || x.kind != y.kind || x.flags != y.flags ||
        x.punct_len != y.punct_len || x.sentence != y.sentence)
      return false;
  }
  for (std::size_t i = 0; i < a.sentences.size(); ++i)
    if (a.sentences[i].first != b.sentences[i].first || a.sentences[i].last != b.sentences[i].last) return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, unsigned long size) {
  static const auto set = [] {
    std::vector<coach::rules::ParsedFile> files;
    std::vector<coach::Diagnostic> d;
    for (auto& s : coach::Engine::builtin_sources("en")) files.push_back(coach::rules::parse_file(s.name, s.text, d));
    return coach::rules::compile(files, d);
  }();
  static const auto icu_only = [] {
    coach::text::Normalizer n = set->normalizer;
    n.set_icu_only(true);
    return n;
  }();
  static std::unique_ptr<icu::BreakIterator> words, sentences;
  if (!words) {
    UErrorCode st = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    sentences.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), st));
  }
  const std::string raw(reinterpret_cast<const char*>(data), size);
  const std::string text = coach::text::repair_utf8(raw).text;
  std::vector<std::int32_t> w, s;
  if (!text.empty() && coach::text::fast_boundaries(text, w, s)) {
    if (w != icu_boundaries(*words, text)) __builtin_trap();
    if (s != icu_boundaries(*sentences, text)) __builtin_trap();
  }
  if (!same(set->normalizer.analyze(raw), icu_only.analyze(raw))) __builtin_trap();
  return 0;
}
