// Safety replies: loading the texts and resources, choosing the text for the most
// urgent finding and the user's place in it, and the stronger notice for repeated
// threats or control. Tested in tests/conversations/safety*.json.
#include "dialog/safety.hpp"

#include <algorithm>

#include "coach/categories.hpp"
#include "dialog/compose.hpp"
#include "dialog/script.hpp"

namespace coach::dialog {

const std::vector<std::string>& safety_perspectives() {
  static const std::vector<std::string> p = {"you", "they", "sender"};
  return p;
}

const std::vector<std::string>& safety_kinds_for(const std::string& perspective) {
  static const std::vector<std::string> sender(kAuthorKinds.begin(), kAuthorKinds.end());
  return perspective == "sender" ? sender : safety_kinds();
}

namespace {

bool part_matches(const std::string& pattern, const std::string& value) { return pattern == "*" || pattern == value; }

bool audience_matches(const std::string& audience, const std::string& perspective, const std::string& kind) {
  const auto dot = audience.find('.');
  return part_matches(audience.substr(0, dot), perspective) && part_matches(audience.substr(dot + 1), kind);
}

bool valid_audience(const std::string& a) {
  const auto dot = a.find('.');
  if (dot == std::string::npos) return false;
  const std::string p = a.substr(0, dot), k = a.substr(dot + 1);
  const auto& ps = safety_perspectives();
  const auto& ks = safety_kinds();
  return (p == "*" || std::find(ps.begin(), ps.end(), p) != ps.end()) &&
         (k == "*" || std::find(ks.begin(), ks.end(), k) != ks.end());
}

void load_resources(JsonCheck& check, const json& safety, const char* key, const TemplateReader& tmpl,
                    std::vector<SafetyResource>& out) {
  const Ptr at = Ptr("/safety") / key;
  const json* list = check.get(safety, Ptr("/safety"), key, json::value_t::array);
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& r = (*list)[i];
    if (!check.typed(r, at / i, json::value_t::object)) continue;
    check.known_keys(r, at / i, {"for", "text"});
    SafetyResource res;
    res.audiences = check.strings(r, at / i, "for");
    for (std::size_t j = 0; j < res.audiences.size(); ++j)
      if (!valid_audience(res.audiences[j]))
        check.error(at / i / "for" / j, ScriptCode::unknown_audience,
                    "unknown audience '" + res.audiences[j] +
                        "' (perspective.kind: you, they, sender or *; self_harm, violence, threat, fear, "
                        "control or *)");
    if (const json* text = check.get(r, at / i, "text", json::value_t::string))
      if (auto t = tmpl(*text, at / i / "text")) res.text = std::move(*t);
    out.push_back(std::move(res));
  }
}

}  // namespace

SafetyScript load_safety(JsonCheck& check, const json& safety, const TemplateReader& tmpl) {
  SafetyScript out;
  const Ptr at("/safety");
  check.known_keys(safety, at, {"you", "they", "sender", "repeated", "resources", "local"});
  for (const auto& p : safety_perspectives()) {
    const json* texts = check.get(safety, at, p, json::value_t::object);
    if (!texts) continue;
    const auto& kinds = safety_kinds_for(p);
    check.known_keys(*texts, at / p, {kinds.begin(), kinds.end()});
    for (const auto& k : kinds)
      if (const json* v = check.get(*texts, at / p, k, json::value_t::string))
        if (auto t = tmpl(*v, at / p / k)) out.texts[p][k] = std::move(*t);
  }
  if (const json* rep = check.get(safety, at, "repeated", json::value_t::object)) {
    check.known_keys(*rep, at / "repeated", {"you", "they", "sender"});
    for (const auto& p : safety_perspectives())
      if (const json* v = check.get(*rep, at / "repeated", p, json::value_t::string))
        if (auto t = tmpl(*v, at / "repeated" / p)) out.repeated[p] = std::move(*t);
  }
  load_resources(check, safety, "local", tmpl, out.resources);
  const std::size_t local = out.resources.size();
  load_resources(check, safety, "resources", tmpl, out.resources);
  if (out.resources.size() == local && safety.contains("resources") && safety["resources"].is_array())
    check.error(at / "resources", CommonCode::empty_list, "'resources' needs at least one entry");
  // Every audience gets somewhere to turn.
  for (const auto& p : safety_perspectives())
    for (const auto& k : safety_kinds_for(p)) {
      const bool covered = std::any_of(out.resources.begin(), out.resources.end(), [&](const SafetyResource& r) {
        return std::any_of(r.audiences.begin(), r.audiences.end(),
                           [&](const std::string& a) { return audience_matches(a, p, k); });
      });
      if (!covered && !out.resources.empty())
        check.error(at / "resources", ScriptCode::audience_without_resource, "no resource for '" + p + "." + k + "'");
    }
  return out;
}

namespace {

std::string perspective_of(const Finding& f, Mode mode) {
  const std::string_view role = safety_role(f);
  if (role == "author") return mode == Mode::sending ? "sender" : "you";
  if (role == "other") return "they";
  return mode == Mode::sending ? "you" : "they";
}

}  // namespace

SafetyReply safety_reply(const Script& script, const Analysis& a, Mode mode, Session* session) {
  SafetyReply r;
  r.kinds = kinds_of(a.signals.safety);
  if (r.kinds.empty()) return r;
  // The most urgent kind; of its findings, the user's own danger before the partner's
  // before the user's own words.
  std::vector<std::pair<std::string, std::string>> audiences;  // (perspective, kind), distinct
  for (const auto& f : a.signals.safety) {
    std::pair<std::string, std::string> pk{perspective_of(f, mode), std::string(safety_kind(f))};
    if (std::find(audiences.begin(), audiences.end(), pk) == audiences.end()) audiences.push_back(pk);
  }
  const auto rank = [](const std::pair<std::string, std::string>& x) {
    const auto& ks = safety_kinds();
    const auto& ps = safety_perspectives();
    return std::pair(std::find(ks.begin(), ks.end(), x.second) - ks.begin(),
                     std::find(ps.begin(), ps.end(), x.first) - ps.begin());
  };
  std::stable_sort(audiences.begin(), audiences.end(), [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
  r.perspective = audiences.front().first;
  r.kind = audiences.front().second;
  const Finding& quoted = *std::find_if(a.signals.safety.begin(), a.signals.safety.end(), [&](const Finding& f) {
    return safety_kind(f) == r.kind && perspective_of(f, mode) == r.perspective;
  });
  Slots slots{{"quote", quoted.quote}};
  r.text = say(script, script.safety.texts.at(r.perspective).at(r.kind), slots);

  if (session) {
    // One count per message and perspective: a message with a threat and a control sign in it
    // is one sign of the pattern, not "not the first time".
    int repeated = 0;
    std::vector<std::string> counted;
    for (const auto& [p, k] : audiences)
      if ((k == "threat" || k == "control") && std::find(counted.begin(), counted.end(), p) == counted.end()) {
        counted.push_back(p);
        ++session->safety_seen[p + "." + k];
      }
    for (const auto& k : {"threat", "control"}) {
      auto it = session->safety_seen.find(r.perspective + "." + k);
      if (it != session->safety_seen.end()) repeated += it->second;
    }
    const bool now_threat_or_control = std::any_of(audiences.begin(), audiences.end(), [&](const auto& x) {
      return x.first == r.perspective && (x.second == "threat" || x.second == "control");
    });
    if (now_threat_or_control && repeated >= 2) {
      r.repeated = repeated;
      r.text += "\n" + say(script, script.safety.repeated.at(r.perspective), {{"count", std::to_string(repeated)}});
    }
  }
  for (const auto& res : script.safety.resources) {
    const bool fits = std::any_of(res.audiences.begin(), res.audiences.end(), [&](const std::string& aud) {
      return std::any_of(audiences.begin(), audiences.end(),
                         [&](const auto& x) { return audience_matches(aud, x.first, x.second); });
    });
    if (fits) r.text += "\n  " + say(script, res.text);
  }
  return r;
}

}  // namespace coach::dialog
