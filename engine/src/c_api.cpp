// The C ABI (coach.h): opaque handles over Coach and Session, JSON strings in and out,
// every exception caught at the boundary. Tested by examples/c and examples/python.
#include "coach/coach.h"

#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "coach/coach.hpp"
#include "coach/json_fields.hpp"
#include "coach/json_limits.hpp"

struct coach_engine {
  coach::Coach coach;
};
struct coach_session {
  coach::Session session;
};

namespace {

char* dup(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (p) std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

char* error_json(const std::string& message, const std::vector<coach::Diagnostic>& diags = {}) {
  nlohmann::json j{{"error", message}};
  if (!diags.empty()) {
    j["diagnostics"] = nlohmann::json::array();
    for (const auto& d : diags) j["diagnostics"].push_back(coach::format(d));
  }
  return dup(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void set(char** out, char* value) {
  if (out) *out = value;
  else std::free(value);
}

}  // namespace

extern "C" {

const char* coach_version(void) { return "0.1.0"; }

coach_engine* coach_load(const char* options_json, char** err) {
  try {
    std::string language = "en", rules, dialogs;
    if (options_json && *options_json) {
      if (coach::json_too_deep(options_json)) {
        set(err, error_json("JSON nested more than 64 levels"));
        return nullptr;
      }
      const auto o = nlohmann::json::parse(options_json, nullptr, /*allow_exceptions=*/false);
      if (o.is_discarded()) {
        set(err, error_json("options are not valid JSON"));
        return nullptr;
      }
      if (!o.is_object()) {
        set(err, error_json("options must be a JSON object"));
        return nullptr;
      }
      for (auto [key, field] : {std::pair{"language", &language}, {"rules", &rules}, {"dialogs", &dialogs}}) {
        const auto v = coach::optional_string(o, key, *field);
        if (!v) {
          set(err, error_json(std::string("option \"") + key + "\" is a string"));
          return nullptr;
        }
        *field = *v;
      }
    }
    auto loaded = coach::Coach::load(rules, dialogs, language);
    if (!loaded.coach) {
      set(err, error_json("the rules or scripts have errors", loaded.diagnostics));
      return nullptr;
    }
    return new coach_engine{std::move(*loaded.coach)};
  } catch (const std::exception& e) {
    set(err, error_json(std::string("cannot load: ") + e.what()));
  } catch (...) {
    set(err, error_json("cannot load"));
  }
  return nullptr;
}

void coach_engine_free(coach_engine* engine) { delete engine; }

char* coach_analyze(const coach_engine* engine, const char* text) {
  if (!engine || !text) return error_json("engine and text are required");
  try {
    const coach::Analysis a = engine->coach.engine().analyze(text);
    return dup(coach::to_json(a, engine->coach.suggestions(a, static_cast<std::int64_t>(std::time(nullptr)))));
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("analysis failed");
  }
}

coach_session* coach_session_new(const coach_engine* engine, unsigned long long seed) {
  if (!engine) return nullptr;
  try {
    auto* s = new coach_session{coach::Session(seed)};
    s->session.fingerprint = engine->coach.fingerprint();
    return s;
  } catch (...) {
    return nullptr;
  }
}

void coach_session_free(coach_session* session) { delete session; }

char* coach_turn(const coach_engine* engine, coach_session* session, const char* request) {
  if (!engine || !session || !request) return error_json("engine, session and request are required");
  try {
    std::string text = request;
    coach::Mode mode = coach::Mode::sending;
    if (coach::json_too_deep(request)) return error_json("JSON nested more than 64 levels");
    const auto j = nlohmann::json::parse(request, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      coach::TurnRequest r;
      if (auto error = coach::read_turn_request(j, r, "")) return error_json(*error);
      text = std::move(r.text);
      mode = r.mode;
    }
    return dup(coach::to_json(engine->coach.turn(session->session, text, mode)));
  } catch (const std::exception& e) {
    return error_json(e.what());
  } catch (...) {
    return error_json("turn failed");
  }
}

char* coach_session_save(const coach_session* session) {
  if (!session) return error_json("session is required");
  try {
    return dup(session->session.to_json());
  } catch (...) {
    return error_json("cannot save the session");
  }
}

coach_session* coach_session_load(const coach_engine* engine, const char* saved, int* stale, char** err) {
  if (!engine || !saved) {
    set(err, error_json("engine and saved session are required"));
    return nullptr;
  }
  try {
    auto r = engine->coach.restore(saved);
    if (!r.session) {
      set(err, error_json(r.error));
      return nullptr;
    }
    if (stale) *stale = r.stale ? 1 : 0;
    return new coach_session{std::move(*r.session)};
  } catch (...) {
    set(err, error_json("cannot load the session"));
    return nullptr;
  }
}

void coach_free(void* p) { std::free(p); }

}  // extern "C"
