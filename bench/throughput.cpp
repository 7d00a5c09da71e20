// Throughput: messages per second over ~100k generated chat messages, with the built-in
// rules, with the same rules replicated 10x (every match found ten times), and with 10x
// distinct rules (copies whose words never occur); a 1 MB message; per-stage figures;
// compiling the built-in rules.
// Run: build/bench/throughput (or bench/report.py for ratios).
#include <benchmark/benchmark.h>

#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <memory>

#include "coach/engine.hpp"
#include "rules/compile.hpp"
#include "rules/parse.hpp"
#include "rules/rule_set.hpp"
#include "text/segment.hpp"

namespace {

// Openers, bodies and endings from phrases.txt, combined at random (seeded). With
// `swap` > 0 each body word is replaced by a random one of [words] with that chance.
std::vector<std::string> generate_messages(std::size_t n, double swap = 0) {
  std::ifstream in(COACH_BENCH_DIR "/phrases.txt");
  std::vector<std::vector<std::string>> parts(4);
  int section = -1;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') continue;
    if (line == "[open]") section = 0;
    else if (line == "[body]") section = 1;
    else if (line == "[close]") section = 2;
    else if (line == "[words]") section = 3;
    else if (section == 3) {
      std::istringstream words(line);
      for (std::string w; words >> w;) parts[3].push_back(w);
    } else if (section >= 0) {
      parts[section].push_back(line);
    }
  }
  std::mt19937 rng(42);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto body = [&] {
    std::string b = pick(parts[1]);
    if (swap <= 0) return b;
    std::istringstream words(b);
    std::string out;
    for (std::string w; words >> w;)
      out += (out.empty() ? "" : " ") + (std::uniform_real_distribution<>(0, 1)(rng) < swap ? pick(parts[3]) : w);
    return out;
  };
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string m = pick(parts[0]);
    const int sentences = 1 + static_cast<int>(rng() % 3);
    for (int s = 0; s < sentences; ++s) m += (m.empty() ? "" : " ") + body() + pick(parts[2]);
    out.push_back(std::move(m));
  }
  return out;
}

const std::vector<std::string>& messages() {
  static const auto msgs = generate_messages(100000);
  return msgs;
}

// Copies k > 0 rename every rule id and lexicon and drop the shared substitutions; the
// scorer and the forms table are not copied.
std::vector<coach::RuleSource> replicate(int copies) {
  auto base = coach::Engine::builtin_sources("en");
  std::vector<coach::RuleSource> out = base;
  const std::regex rule_id(R"(^rule (\S+))", std::regex::multiline);
  const std::regex lexicon(R"(@([A-Za-z0-9_]+))");
  const std::regex subst(R"(^substitute [^\n]*\n)", std::regex::multiline);
  for (int k = 1; k < copies; ++k)
    for (const auto& s : base) {
      if (!s.name.ends_with(".rules")) continue;  // one scorer and one forms table per rule set
      std::string t = std::regex_replace(s.text, rule_id, "rule $1.copy" + std::to_string(k));
      t = std::regex_replace(t, lexicon, "@$1_copy" + std::to_string(k));
      t = std::regex_replace(t, subst, "");
      out.push_back({s.name + "#" + std::to_string(k), t});
    }
  return out;
}

// Words of lexicon and pattern lines get a per-copy suffix ("you" -> "youx3"), except
// lexicon and class names, capture names and the keywords.
std::string rename_words(const std::string& line, int k) {
  std::string out;
  const std::string suffix = "x" + std::to_string(k);
  for (std::size_t i = 0; i < line.size();) {
    const char c = line[i];
    const char prev = i ? line[i - 1] : ' ';
    const bool starts = c >= 'a' && c <= 'z' && !std::isalnum(static_cast<unsigned char>(prev)) && prev != '@' &&
                        prev != '<' && prev != '{' && prev != '_' && prev != '\'' && prev != '-';
    if (!starts) {
      out += line[i++];
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && (std::isalnum(static_cast<unsigned char>(line[j])) || line[j] == '\'' || line[j] == '-'))
      ++j;
    const std::string word = line.substr(i, j - i);
    out += word;
    const bool keyword =
        word == "match" || word == "unless" || word == "requires" || word == "lexicon" || word == "within" || word == "exact";
    if (!keyword && (j >= line.size() || line[j] != ':')) out += suffix;
    i = j;
  }
  return out;
}

// Copies k > 0 as in replicate(), and with every pattern word renamed: ten times the
// rules, of which only the originals can match real text.
std::vector<coach::RuleSource> replicate_distinct(int copies) {
  auto out = replicate(copies);
  const auto base = coach::Engine::builtin_sources("en").size();
  for (std::size_t f = base; f < out.size(); ++f) {
    const int k = std::stoi(out[f].name.substr(out[f].name.rfind('#') + 1));  // replicate() names copies "file#k"
    std::istringstream in(out[f].text);
    std::string line, text;
    bool in_pattern = false;
    while (std::getline(in, line)) {
      const auto first = line.find_first_not_of(' ');
      const std::string head = first == std::string::npos ? "" : line.substr(first, line.find(' ', first) - first);
      if (head == "match" || head == "unless" || head == "requires" || head == "lexicon") in_pattern = true;
      else if (first == 0 || head == "why" || head == "example" || head == "counter" || head.empty()) in_pattern = false;
      text += (in_pattern ? rename_words(line, k) : line) + "\n";
    }
    out[f].text = text;
  }
  return out;
}

// The same shapes with a third of the body words swapped: nearly every sentence is new.
const std::vector<std::string>& novel_messages() {
  static const auto msgs = generate_messages(100000, 0.3);
  return msgs;
}

void run_corpus(benchmark::State& state, const coach::Engine& engine,
                const std::vector<std::string>& msgs = messages()) {
  std::size_t i = 0, bytes = 0, found = 0;
  for (auto _ : state) {
    const auto& m = msgs[i++ % msgs.size()];
    auto a = engine.analyze(m);
    found += a.findings.size();
    bytes += m.size();
    benchmark::DoNotOptimize(a);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["findings_per_msg"] = static_cast<double>(found) / static_cast<double>(state.iterations());
}

// The reference: an ICU word-break pass alone (UTF-8 UText, every boundary), over the
// same messages. The engine's throughput is reported against it.
void run_icu_wordbreak(benchmark::State& state, const std::vector<std::string>& msgs) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
  std::size_t i = 0, bytes = 0, boundaries = 0;
  UText* ut = nullptr;
  for (auto _ : state) {
    const auto& m = msgs[i++ % msgs.size()];
    st = U_ZERO_ERROR;
    ut = utext_openUTF8(ut, m.data(), static_cast<int64_t>(m.size()), &st);
    it->setText(ut, st);
    for (auto b = it->first(); b != icu::BreakIterator::DONE; b = it->next()) ++boundaries;
    bytes += m.size();
  }
  utext_close(ut);
  benchmark::DoNotOptimize(boundaries);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void BM_icu_wordbreak_only(benchmark::State& state) { run_icu_wordbreak(state, messages()); }

void BM_analyze_rules_1x(benchmark::State& state) {
  static const auto engine = *coach::Engine::builtin("en").engine;
  state.counters["rules"] = static_cast<double>(engine.rule_count());
  run_corpus(state, engine);
}

void BM_analyze_novel(benchmark::State& state) {
  static const auto engine = *coach::Engine::builtin("en").engine;
  run_corpus(state, engine, novel_messages());
}

// The reference over the novel corpus (its messages differ in length).
void BM_icu_wordbreak_novel(benchmark::State& state) { run_icu_wordbreak(state, novel_messages()); }

void run_loaded(benchmark::State& state, const coach::LoadResult& loaded) {
  if (!loaded.engine) {
    state.SkipWithError(coach::format(loaded.diagnostics).c_str());
    return;
  }
  state.counters["rules"] = static_cast<double>(loaded.engine->rule_count());
  run_corpus(state, *loaded.engine);
}

void BM_analyze_rules_10x(benchmark::State& state) {
  static const auto loaded = coach::Engine::load(replicate(10));
  run_loaded(state, loaded);
}

void BM_analyze_rules_10x_distinct(benchmark::State& state) {
  static const auto loaded = coach::Engine::load(replicate_distinct(10));
  run_loaded(state, loaded);
}

void BM_analyze_1MB_message(benchmark::State& state) {
  static const auto engine = *coach::Engine::builtin("en").engine;
  std::string big;
  for (std::size_t i = 0; big.size() < (1u << 20); ++i) big += messages()[i] + " ";
  for (auto _ : state) benchmark::DoNotOptimize(engine.analyze(big));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * big.size()));
}

// Stages, for the profile: boundaries alone (the fast path; ICU for what it declines),
// and the whole text front end (boundaries, folding, substitutions, flags).
void BM_stage_boundaries(benchmark::State& state) {
  const auto& msgs = messages();
  std::vector<std::int32_t> words, sentences;
  std::size_t i = 0, declined = 0;
  for (auto _ : state) {
    const auto& m = msgs[i++ % msgs.size()];
    if (!coach::text::fast_boundaries(m, words, sentences)) ++declined;
    benchmark::DoNotOptimize(words.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["declined"] = static_cast<double>(declined);
}

void BM_stage_normalize(benchmark::State& state) {
  static const auto set = [] {
    std::vector<coach::rules::ParsedFile> files;
    std::vector<coach::Diagnostic> d;
    for (auto& s : coach::Engine::builtin_sources("en")) files.push_back(coach::rules::parse_file(s.name, s.text, d));
    return coach::rules::compile(files, d);
  }();
  const auto& msgs = messages();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(set->normalizer.analyze(msgs[i++ % msgs.size()]));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_compile_builtin_rules(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(coach::Engine::builtin("en"));
}

}  // namespace

BENCHMARK(BM_icu_wordbreak_only)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_analyze_rules_1x)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_analyze_rules_10x)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_icu_wordbreak_novel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_analyze_novel)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_analyze_rules_10x_distinct)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_analyze_1MB_message)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_stage_boundaries)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_stage_normalize)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_compile_builtin_rules)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
