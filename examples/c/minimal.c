/* The C ABI: load, analyze (stateless), then a conversation that is saved and restored.
 * Built and run by CTest (examples/CMakeLists.txt), its output checked. */
#include <coach/coach.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  char* err = NULL;
  coach_engine* engine = coach_load(NULL, &err);
  if (!engine) {
    fprintf(stderr, "%s\n", err);
    coach_free(err);
    return 1;
  }
  printf("version %s\n", coach_version());

  char* analysis = coach_analyze(engine, "Whatever. I'm done talking.");
  printf("analysis has stonewalling: %s\n", strstr(analysis, "\"stonewalling\"") ? "yes" : "no");
  coach_free(analysis);

  coach_session* session = coach_session_new(engine, 0);
  char* turn = coach_turn(engine, session, "{\"text\": \"You always leave the lights on\"}");
  printf("turn has a suggestion: %s\n", strstr(turn, "\"suggestions\":[{") && strstr(turn, "when you leave the lights on") ? "yes" : "no");
  coach_free(turn);

  char* saved = coach_session_save(session);
  coach_session_free(session);
  int stale = -1;
  session = coach_session_load(engine, saved, &stale, &err);
  coach_free(saved);
  printf("restored: %s, stale: %d\n", session ? "yes" : "no", stale);

  turn = coach_turn(engine, session, "{\"text\": \":ledger\"}");
  printf("ledger: %s\n", strstr(turn, "Positive 0, negative 1") ? "Positive 0, negative 1" : turn);
  coach_free(turn);

  char* bad = coach_turn(engine, session, "{\"mode\": \"sideways\"}");
  printf("bad request: %s\n", bad);
  coach_free(bad);

  coach_session_free(session);
  coach_engine_free(engine);
  return 0;
}
