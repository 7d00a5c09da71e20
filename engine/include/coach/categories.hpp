// The product's vocabulary in one place: the four patterns, the repair groups, the safety
// kinds (and which of them a message's author can commit), and how a rule's category sorts
// into the Analysis. Rules, scripts, scenarios, the corpus reader and the outputs all read
// these lists. Tested in tests/unit/categories_test.cpp (against README.md's tables).
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace coach {

// The four patterns, in the canonical order of Analysis::categories.
inline constexpr std::array<std::string_view, 4> kHorsemen = {"criticism", "contempt", "defensiveness",
                                                              "stonewalling"};
// Repair attempts, as `repair.<group>` categories and script repair groups.
inline constexpr std::array<std::string_view, 6> kRepairGroups = {"i_feel",      "sorry",      "get_to_yes",
                                                                  "calm_down",   "stop_action", "appreciate"};
// The safety kinds, most urgent first (the order of Signals and help texts).
inline constexpr std::array<std::string_view, 5> kSafetyKinds = {"self_harm", "violence", "threat", "fear",
                                                                 "control"};
// The kinds a message's author can be doing to the reader (`safety.<kind>.author`).
inline constexpr std::array<std::string_view, 3> kAuthorKinds = {"violence", "threat", "control"};

template <std::size_t N>
constexpr bool one_of(const std::array<std::string_view, N>& list, std::string_view s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// "criticism, contempt, ..." for messages that list the choices.
template <class List>
std::string joined(const List& list) {
  std::string out;
  for (auto s : list) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// Where a rule's category goes: Analysis::findings (horseman), Signals::repair, ::safety,
// ::bids, ::requests, or nowhere (context rules shape the others).
enum class Bucket { horseman, repair, safety, bid, request, context, unknown };
Bucket bucket_of(std::string_view category);

// Every category a rule may declare (R102 otherwise), built from the lists above.
const std::vector<std::string>& rule_categories();

}  // namespace coach
