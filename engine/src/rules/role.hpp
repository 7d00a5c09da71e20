// Roles: who is acting in a safety match, the writer or someone else. The clause-level
// context (reported words, `context.author`) lives in rule_set.cpp; this is the word-level
// part. Tested in tests/unit/rules_match_test.cpp ("\"I\" as the subject ...").
#pragma once
#include <cstdint>

#include "text/token.hpp"

namespace coach::rules {

// Whether the match [start, end) of sentence `s` is the writer's own act: "I" as the
// subject at the start of a clause, alone or with an adverb or two ("I grabbed his arm",
// "so i just took her keys"), the match holding no one else acting or the writer on the
// receiving end ("I keep saying no and he keeps going"). Passives, modals and permissions
// ("I was pushed", "I'm not allowed", "I have to ask") never qualify.
bool first_person_act(const text::Utterance& u, const text::Sentence& s, std::uint32_t start, std::uint32_t end);

}  // namespace coach::rules
