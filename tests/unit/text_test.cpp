// Text front end: UTF-8 repair, folding, tokenization, substitutions, flags.
#include <doctest/doctest.h>

#include <string>

#include "text/fold.hpp"
#include "text/normalizer.hpp"
#include "text/utf8.hpp"
#include "text/word_index.hpp"

using namespace coach::text;

namespace {

std::vector<std::string> norms(const Utterance& u) {
  std::vector<std::string> out;
  for (const auto& t : u.tokens) out.push_back(t.norm);
  return out;
}

Normalizer english() {
  Substitutions s;
  s.add("*n't", {"*", "not"});
  s.add("can't", {"can", "not"});
  s.add("you're", {"you", "are"});
  s.add("u", {"you"});
  s.set_vocabulary({"never", "so", "always", "you"});
  return Normalizer(std::move(s));
}

}  // namespace

TEST_CASE("a suffix substitution's stem is substituted too") {
  Substitutions s;
  s.add("*'s", {"*"});
  s.add("gf", {"girlfriend"});
  s.add("*n't", {"*", "not"});
  s.add("ca", {"can"});
  std::vector<std::string> scratch;
  const auto* gf = s.lookup("gf's", scratch);
  REQUIRE(gf);
  CHECK(*gf == std::vector<std::string>{"girlfriend"});
  const auto* cant = s.lookup("can't", scratch);  // longest suffix "*n't" first: stem "ca" -> "can"
  REQUIRE(cant);
  CHECK(*cant == std::vector<std::string>{"can", "not"});
  const auto* wife = s.lookup("wife's", scratch);  // a stem with no substitution stays as it is
  REQUIRE(wife);
  CHECK(*wife == std::vector<std::string>{"wife"});
}

TEST_CASE("utf8 repair replaces each ill-formed sequence and keeps valid text") {
  CHECK(repair_utf8("plain").text == "plain");
  CHECK(repair_utf8("plain").invalid == 0);
  auto r = repair_utf8("a\xC3(b\xFF\xFE" "c");
  CHECK(r.invalid == 3);
  CHECK(r.text == "a\uFFFD(b\uFFFD\uFFFDc");
  auto overlong = repair_utf8("\xC0\xAF");  // overlong '/'
  CHECK(overlong.invalid >= 1);
  auto truncated = repair_utf8("ok \xE2\x82");  // cut-off euro sign
  CHECK(truncated.invalid == 1);
  CHECK(truncated.text == "ok \uFFFD");
  auto surrogate = repair_utf8("\xED\xA0\x80");  // UTF-16 surrogate encoded in UTF-8
  CHECK(surrogate.invalid >= 1);
}

TEST_CASE("utf8 repair finds bad bytes wherever they sit in a run of ASCII") {
  // The ASCII scan takes eight bytes at a time: every offset within and across a word.
  for (const std::string bad : {"\xFF", "\xC3", "\xE2\x82", "\x80"})
    for (std::size_t before = 0; before < 20; ++before)
      for (std::size_t after : {0, 1, 7, 8, 9, 17}) {
        const std::string in = std::string(before, 'a') + bad + "\xE2\x82\xAC" + std::string(after, 'b');
        const auto r = repair_utf8(in);
        CAPTURE(before);
        CAPTURE(after);
        CHECK(r.invalid == 1);
        CHECK(r.text == std::string(before, 'a') + "\uFFFD\u20AC" + std::string(after, 'b'));
      }
}

TEST_CASE("folding: case, NFKC, apostrophes, default-ignorables") {
  CHECK(fold("NEVER") == "never");
  CHECK(fold("Straße") == "strasse");
  CHECK(fold("ÄRGER") == "ärger");
  CHECK(fold("you\u2019re") == "you're");
  CHECK(fold("\uFF59\uFF4F\uFF55") == "you");           // fullwidth letters
  CHECK(fold("cafe\u0301") == fold("caf\u00E9"));     // combining accent composes
  CHECK(fold("\u2639\uFE0F") == fold("\u2639"));      // variation selector dropped
  CHECK(fold("\u0130stanbul") == "i\u0307stanbul");   // Turkish dotted capital I, root locale
}

TEST_CASE("tokens keep byte spans into the original text") {
  Normalizer n = english();
  const std::string msg = "Héllo, wörld!!";
  Utterance u = n.analyze(msg);
  REQUIRE(u.tokens.size() == 4);
  for (const auto& t : u.tokens) CHECK(t.end > t.start);
  CHECK(u.text.substr(u.tokens[0].start, u.tokens[0].end - u.tokens[0].start) == "Héllo");
  CHECK(u.text.substr(u.tokens[2].start, u.tokens[2].end - u.tokens[2].start) == "wörld");
  CHECK(u.tokens[3].kind == TokenKind::punct);
  CHECK(u.tokens[3].has(flag_exclaim));
  CHECK(u.tokens[3].punct_len == 2);
  CHECK(u.text.substr(u.tokens[3].start) == "!!");
}

TEST_CASE("punctuation runs merge, and ?! sets both flags") {
  Utterance u = english().analyze("really?!?");
  REQUIRE(u.tokens.size() == 2);
  CHECK(u.tokens[1].has(flag_exclaim));
  CHECK(u.tokens[1].has(flag_question));
  CHECK(u.tokens[1].punct_len == 3);
}

TEST_CASE("contractions and texting expand into several tokens sharing one span") {
  Utterance u = english().analyze("U don't get it, you\u2019re never here");
  CHECK(norms(u) == std::vector<std::string>{"you", "do", "not", "get", "it", ",", "you", "are", "never", "here"});
  CHECK(u.tokens[1].start == u.tokens[2].start);
  CHECK(u.tokens[1].end == u.tokens[2].end);
  CHECK(u.tokens[1].has(flag_substituted));
  CHECK(u.text.substr(u.tokens[6].start, u.tokens[6].end - u.tokens[6].start) == "you\u2019re");
}

TEST_CASE("a substitution by nothing drops the word, keeping the spans of the rest") {
  Substitutions s;
  s.add("freaking", {});
  s.add("u", {"you"});
  Normalizer n(std::move(s));
  Utterance u = n.analyze("u freaking idiot, freaking hell");
  CHECK(norms(u) == std::vector<std::string>{"you", "idiot", ",", "hell"});
  CHECK(u.text.substr(u.tokens[1].start, u.tokens[1].end - u.tokens[1].start) == "idiot");
  CHECK(norms(n.analyze("freaking")).empty());
}

TEST_CASE("an ellipsis before a lower-case word is a pause, not a sentence end") {
  Normalizer n = english();
  CHECK(n.analyze("you'll pay for that... with a coffee").sentences.size() == 1);
  CHECK(n.analyze("you'll pay for that\u2026 with a coffee").sentences.size() == 1);
  CHECK(n.analyze("you'll pay for that... With a coffee").sentences.size() == 2);
  CHECK(n.analyze("you'll pay for that?.. with a coffee").sentences.size() == 2);
  CHECK(n.analyze("fine. whatever").sentences.size() == 2);
}

TEST_CASE("forum age and gender tags are dropped, other brackets stay") {
  Normalizer n = english();
  CHECK(norms(n.analyze("my(34F) husband (37M) went [22m] through it (M30) (23)")) ==
        std::vector<std::string>{"my", "husband", "went", "through", "it"});
  CHECK(norms(n.analyze("my (34F). he")) == std::vector<std::string>{"my", "(", "34f", ").", "he"});
  CHECK(norms(n.analyze("(2am) (and) (mf) (345f)")) ==
        std::vector<std::string>{"(", "2am", ")", "(", "and", ")", "(", "mf", ")", "(", "345f", ")"});
  CHECK(norms(n.analyze("the kids' school, 'quoted' words")) ==
        std::vector<std::string>{"the", "kids", "school", ",", "quoted", "'", "words"});
  // Spans of the words that remain are untouched.
  auto u = n.analyze("I (20M) hit");
  REQUIRE(u.tokens.size() == 2);
  CHECK(u.text.substr(u.tokens[1].start, u.tokens[1].end - u.tokens[1].start) == "hit");
}

TEST_CASE("an opening quotation mark is transparent; a closing one ends the phrase") {
  Normalizer n = english();
  CHECK(norms(n.analyze("he said \"sort her out\" if she")) ==
        std::vector<std::string>{"he", "said", "sort", "her", "out", "\"", "if", "she"});
  CHECK(norms(n.analyze("\u201Cvisit\u201D \u00ABnow\u00BB `ok` 'x'")) ==
        std::vector<std::string>{"visit", "\u201D", "now", "\u00BB", "ok", "'", "x", "'"});
  auto q = n.analyze("she keeps \"joking\" to me");
  REQUIRE(q.tokens.size() == 6);
  CHECK(q.tokens[2].has(flag_quoted));
  CHECK_FALSE(q.tokens[1].has(flag_quoted));
  CHECK_FALSE(q.tokens[3].has(flag_quoted));
  auto u = n.analyze("she said \"stop\". then \" go\" he said");
  CHECK(norms(u) == std::vector<std::string>{"she", "said", "stop", "\".", "then", "\"", "go", "\"", "he", "said"});
  CHECK(u.sentences.size() == 2);
}

TEST_CASE("elongations shorten to a known word, else to doubled letters") {
  Utterance u = english().analyze("you neverrrrr help soooo much, coooool");
  CHECK(norms(u) == std::vector<std::string>{"you", "never", "help", "so", "much", ",", "cool"});
  CHECK(u.tokens[1].has(flag_elongated));
  CHECK_FALSE(u.tokens[2].has(flag_elongated));
}

TEST_CASE("ALL CAPS words are flagged, single capitals are not") {
  Utterance u = english().analyze("YOU NEVER listen, I said OK");
  CHECK(u.tokens[0].has(flag_caps));
  CHECK(u.tokens[1].has(flag_caps));
  CHECK_FALSE(u.tokens[2].has(flag_caps));
  CHECK_FALSE(u.tokens[4].has(flag_caps));  // "I"
}

TEST_CASE("Titlecase words are flagged as titles: names, and a sentence's first word") {
  Utterance u = english().analyze("Then Marcus pushed Jo, not JO or I or \u00C9lodie or mcdonald");
  auto title = [&](std::size_t i) { return u.tokens[i].has(flag_title); };
  CHECK(title(0));        // "Then": a sentence's first word is Titlecase too
  CHECK(title(1));        // "Marcus"
  CHECK_FALSE(title(2));  // "pushed"
  CHECK(title(3));        // "Jo"
  CHECK_FALSE(title(6));  // "JO" is ALL-CAPS, not a title
  CHECK_FALSE(title(8));  // "I"
  CHECK(title(10));       // "Élodie": the first code point decides, not only ASCII
  CHECK_FALSE(title(12)); // "mcdonald"
}

TEST_CASE("emoji, including ZWJ sequences and skin tones, are single emoji tokens") {
  Utterance u = english().analyze("ok \U0001F644 \U0001F926\U0001F3FD\u200D\u2640\uFE0F \U0001F468\u200D\U0001F469\u200D\U0001F467");
  REQUIRE(u.tokens.size() == 4);
  CHECK(u.tokens[1].kind == TokenKind::emoji);
  CHECK(u.tokens[2].kind == TokenKind::emoji);
  CHECK(u.tokens[3].kind == TokenKind::emoji);
  // The whole family sequence is one token spanning all its bytes.
  CHECK(u.tokens[3].end - u.tokens[3].start == std::string("\U0001F468\u200D\U0001F469\u200D\U0001F467").size());
}

TEST_CASE("sentences split on terminal punctuation; tokens know their sentence") {
  Utterance u = english().analyze("You never help. Whatever! Fine?");
  REQUIRE(u.sentences.size() == 3);
  CHECK(u.tokens[u.sentences[1].first].norm == "whatever");
  CHECK(u.tokens[u.sentences[2].first].norm == "fine");
  for (std::uint32_t s = 0; s < u.sentences.size(); ++s)
    for (auto i = u.sentences[s].first; i < u.sentences[s].last; ++i) CHECK(u.tokens[i].sentence == s);
}

TEST_CASE("a period glued between words splits a run-on sentence; abbreviations stay whole") {
  const Normalizer n = english();
  Utterance u = n.analyze("he hit me.One day i left.i was done");
  CHECK(norms(u) == std::vector<std::string>{"he", "hit", "me", ".", "one", "day", "i", "left", ".", "i", "was", "done"});
  REQUIRE(u.sentences.size() == 3);
  CHECK(u.tokens[u.sentences[1].first].norm == "one");
  CHECK(u.tokens[3].start == 9);  // the period keeps its own byte
  CHECK(u.tokens[3].end == 10);
  CHECK(norms(n.analyze("e.g. at 10 a.m. in the U.S.")) ==
        std::vector<std::string>{"e.g", ".", "at", "10", "a.m", ".", "in", "the", "u.s", "."});
  CHECK(norms(n.analyze("3.5 km")) == std::vector<std::string>{"3.5", "km"});
  // The fast segmenter and ICU's agree on the split too.
  Normalizer icu = english();
  icu.set_icu_only(true);
  CHECK(icu.analyze("he hit me.One day i left.i was done") == u);
}

TEST_CASE("German, Turkish, Hebrew and Arabic text tokenizes without loss") {
  Normalizer n = english();
  Utterance de = n.analyze("Du hörst mir NIE zu, ständig dieses Gerede über Fußball");
  CHECK(norms(de)[3] == "nie");
  CHECK(de.tokens[3].has(flag_caps));
  CHECK(norms(de).back() == "fussball");
  Utterance tr = n.analyze("İyi geceler");
  REQUIRE(tr.tokens.size() == 2);
  Utterance he = n.analyze("אתה אף פעם לא מקשיב");
  CHECK(he.tokens.size() == 5);
  Utterance ar = n.analyze("أنت لا تستمع أبدا");
  CHECK(ar.tokens.size() == 4);
  for (const auto& t : ar.tokens) CHECK(t.kind == TokenKind::word);
}

TEST_CASE("empty, whitespace-only, NUL bytes and invalid UTF-8 are all fine") {
  Normalizer n = english();
  CHECK(n.analyze("").tokens.empty());
  CHECK(n.analyze("   \t ").tokens.empty());
  const std::string with_nul("you\0never", 9);
  Utterance u = n.analyze(with_nul);
  CHECK(u.text.size() == 9);
  CHECK(u.tokens.size() >= 2);
  Utterance bad = n.analyze("you \xFF\xFE never");
  CHECK(bad.invalid_utf8 == 2);
  CHECK(norms(bad).front() == "you");
  CHECK(norms(bad).back() == "never");
}

TEST_CASE("a 1 MB message tokenizes with every span inside the text") {
  std::string big;
  while (big.size() < (1u << 20)) big += "you never listen to me and it hurts. ";
  Utterance u = english().analyze(big);
  CHECK(u.tokens.size() > 200000);
  CHECK(u.sentences.size() > 25000);
  for (const auto& t : u.tokens) REQUIRE(t.end <= u.text.size());
}

TEST_CASE("word index: ids by position, first of duplicates, misses") {
  coach::text::WordIndex idx({"you", "never", "you", "a-very-long-word-beyond-sixteen-bytes", ""});
  CHECK(idx.find("you") == 0);
  CHECK(idx.find("never") == 1);
  CHECK(idx.find("a-very-long-word-beyond-sixteen-bytes") == 3);
  CHECK(idx.find("") == 4);
  CHECK(idx.find("yo") == coach::text::WordIndex::kNone);
  CHECK(idx.find("youu") == coach::text::WordIndex::kNone);
  coach::text::WordIndex empty;
  CHECK(empty.find("you") == coach::text::WordIndex::kNone);
  // Many words: every one found under its own id.
  std::vector<std::string> many;
  for (int i = 0; i < 5000; ++i) many.push_back("w" + std::to_string(i * 7919));
  coach::text::WordIndex big(many);
  bool all = true;
  for (std::uint32_t i = 0; i < many.size(); ++i) all = all && big.find(many[i]) == i;
  CHECK(all);
}
