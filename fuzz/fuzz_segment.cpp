// Fuzz target, differential: the UAX #29 fast path (text/segment.cpp) against ICU's
// BreakIterators on arbitrary bytes (repaired to UTF-8): boundaries, then whole
// utterances with the built-in substitutions. Any difference traps.
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
  const std::string raw(reinterpret_cast<const char*>(data), size);
  const std::string text = coach::text::repair_utf8(raw).text;
  std::vector<std::int32_t> w, s;
  if (!text.empty() && coach::text::fast_boundaries(text, w, s)) {
    std::vector<std::int32_t> iw, is;
    coach::text::icu_boundaries(text, iw, is);
    if (w != iw || s != is) __builtin_trap();
  }
  if (!(set->normalizer.analyze(raw) == icu_only.analyze(raw))) __builtin_trap();
  return 0;
}
