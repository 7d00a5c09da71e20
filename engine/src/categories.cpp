// Sorting a rule's category into the Analysis, and the categories a rule may declare.
// Tested in tests/unit/categories_test.cpp and tests/golden (R102).
#include "coach/categories.hpp"

namespace coach {

Bucket bucket_of(std::string_view c) {
  if (one_of(kHorsemen, c)) return Bucket::horseman;
  if (c == "bid") return Bucket::bid;
  if (c == "request") return Bucket::request;
  if (c.starts_with("repair.")) return Bucket::repair;
  if (c.starts_with("safety.")) return Bucket::safety;
  if (c.starts_with("context.")) return Bucket::context;
  return Bucket::unknown;
}

const std::vector<std::string>& rule_categories() {
  static const std::vector<std::string> cats = [] {
    std::vector<std::string> v(kHorsemen.begin(), kHorsemen.end());
    for (auto g : kRepairGroups) v.push_back("repair." + std::string(g));
    for (auto k : kSafetyKinds) v.push_back("safety." + std::string(k));
    // `.author`: the message's author does it to the reader ("I'll make you pay"), as
    // opposed to a message about it (reported, feared, or about oneself).
    for (auto k : kAuthorKinds) v.push_back("safety." + std::string(k) + ".author");
    // `.other`: someone else (the partner) is at risk of hurting themselves.
    v.push_back("safety.self_harm.other");
    v.push_back("context.negation");
    v.push_back("context.reported");
    // A look-alike of a safety signal (of any kind, or of one) in the sentence.
    v.push_back("context.harmless");
    for (auto k : kSafetyKinds) v.push_back("context.harmless." + std::string(k));
    // The writer is the one acting: the sentence's safety findings become `.author` ones.
    v.push_back("context.author");
    v.push_back("bid");
    v.push_back("request");
    return v;
  }();
  return cats;
}

}  // namespace coach
