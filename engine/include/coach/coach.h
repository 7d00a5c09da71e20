/* coach.h: the C ABI of Conversation Coach. UTF-8 JSON in and out.
 *
 * Handles are opaque. A coach_engine (rules + scripts) is immutable and may be shared by
 * any number of threads; a coach_session belongs to one conversation and one thread at
 * a time. Every char* returned is owned by the caller and freed with coach_free(). No
 * C++ exception crosses this boundary: failures come back as JSON {"error": "..."}.
 *
 *   char* err = NULL;
 *   coach_engine* e = coach_load(NULL, &err);            // the built-in English coach
 *   char* a = coach_analyze(e, "You never listen!");     // the analysis JSON
 *   coach_free(a);
 *   coach_engine_free(e);
 *
 * Tested by examples/c (CTest) and examples/python (ctypes).
 */
#ifndef COACH_H
#define COACH_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct coach_engine coach_engine;
typedef struct coach_session coach_session;

/* "0.1.0"; static, do not free. */
const char* coach_version(void);

/* options_json: NULL, or {"language": "en", "rules": "DIR", "dialogs": "DIR"} (all optional).
 * On failure returns NULL and, when error_json is not NULL, sets it to
 * {"error": "...", "diagnostics": ["file:line:col: error[R104]: ...", ...]}. */
coach_engine* coach_load(const char* options_json, char** error_json);
void coach_engine_free(coach_engine* engine);

/* The analysis of one message, with suggestions (the `coach analyze --json` shape). */
char* coach_analyze(const coach_engine* engine, const char* text);

/* A new conversation; seed varies the suggestions (0 is fine). */
coach_session* coach_session_new(const coach_engine* engine, unsigned long long seed);
void coach_session_free(coach_session* session);

/* One turn: request {"text": "...", "mode": "sending" | "received"} (mode optional), or a
 * plain string of text. Returns the analysis plus "reply", "suggestions", "flow",
 * "safety" and "flooding"; commands such as ":rewrite" and ":ledger" work too. */
char* coach_turn(const coach_engine* engine, coach_session* session, const char* request_json);

/* The session as JSON (never holds message text), and back. A session saved by another
 * rule set loads with "stale": true reported through stale (may be NULL). */
char* coach_session_save(const coach_session* session);
coach_session* coach_session_load(const coach_engine* engine, const char* saved_json, int* stale, char** error_json);

void coach_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* COACH_H */
