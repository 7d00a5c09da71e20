// Session <-> JSON. Messages are not stored, only what was found (and the answers of a
// guided flow in progress, until it ends).
// Tested in tests/unit/dialog_test.cpp.
#include <nlohmann/json.hpp>

#include "coach/json_limits.hpp"
#include "coach/session.hpp"

namespace coach {

namespace {
constexpr int kVersion = 1;
}

std::string Session::to_json() const {
  nlohmann::ordered_json j;
  j["version"] = kVersion;
  j["positive"] = positive;
  j["negative"] = negative;
  j["seen"] = seen;
  j["seed"] = seed;
  j["rotation"] = rotation;
  j["flooding_noted_at"] = flooding_noted_at;
  j["safety_seen"] = safety_seen;
  j["fingerprint"] = fingerprint;
  if (!time_zone.empty()) j["time_zone"] = time_zone;
  j["flow"] = flow;
  j["step"] = step;
  j["slots"] = slots;
  auto& ts = j["turns"] = nlohmann::ordered_json::array();
  for (const auto& t : turns)
    ts.push_back({{"time", t.time},
                  {"mode", t.mode == Mode::sending ? "sending" : "received"},
                  {"categories", t.categories},
                  {"positive", t.positive},
                  {"negative", t.negative},
                  {"intensity", t.intensity}});
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::optional<Session> Session::from_json(const std::string& text, std::string* error) {
  if (json_too_deep(text)) {
    if (error) *error = "not a saved session: nested too deep";
    return std::nullopt;
  }
  try {
    const auto j = nlohmann::json::parse(text);
    if (j.value("version", 0) != kVersion) {
      if (error) *error = "unsupported session version";
      return std::nullopt;
    }
    Session s(j.at("seed").get<std::uint64_t>());
    s.positive = j.at("positive").get<int>();
    s.negative = j.at("negative").get<int>();
    s.seen = j.at("seen").get<std::map<std::string, int>>();
    s.rotation = j.at("rotation").get<std::map<std::string, unsigned>>();
    s.flooding_noted_at = j.at("flooding_noted_at").get<std::int64_t>();
    s.fingerprint = j.value("fingerprint", "");
    s.time_zone = j.value("time_zone", "");
    if (j.contains("safety_seen")) s.safety_seen = j.at("safety_seen").get<std::map<std::string, int>>();
    s.flow = j.at("flow").get<std::string>();
    s.step = j.at("step").get<std::string>();
    s.slots = j.at("slots").get<std::map<std::string, std::string>>();
    for (const auto& t : j.at("turns")) {
      SessionTurn st;
      st.time = t.at("time").get<std::int64_t>();
      st.mode = t.at("mode").get<std::string>() == "received" ? Mode::received : Mode::sending;
      st.categories = t.at("categories").get<std::vector<std::string>>();
      st.positive = t.at("positive").get<int>();
      st.negative = t.at("negative").get<int>();
      st.intensity = t.at("intensity").get<double>();
      s.turns.push_back(std::move(st));
    }
    return s;
  } catch (const nlohmann::json::exception& e) {
    if (error) *error = std::string("not a saved session: ") + e.what();
    return std::nullopt;
  }
}

}  // namespace coach
