// The practice tables (runs, practice_turns). Tested in tests/practice.
#include "practice_log.hpp"

namespace coach::app {
namespace {

std::string json_list(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ",\"" : "\"") + v[i] + "\"";
  return out + "]";
}

}  // namespace

std::optional<PracticeLog> PracticeLog::open(const std::string& path, std::string& error) {
  auto db = Database::open(path.empty() ? Database::default_path() : std::filesystem::path(path), error);
  if (!db) return std::nullopt;
  return PracticeLog(std::move(*db));
}

std::int64_t PracticeLog::begin_run(const std::string& scenario, const std::string& title, std::int64_t at) {
  Statement st(db_, "INSERT INTO runs(scenario, title, started_at) VALUES(?, ?, ?)");
  st.bind(1, scenario).bind(2, title).bind(3, at).step();
  return sqlite3_last_insert_rowid(db_.handle());
}

void PracticeLog::add_turn(std::int64_t run, int n, std::int64_t at, const std::string& kind, const std::string& node,
                           const std::vector<std::string>& categories, const std::vector<std::string>& repairs) {
  db_.exec("BEGIN");
  try {
    Statement ins(db_, "INSERT INTO practice_turns(run_id, n, at, kind, node, categories, repairs) VALUES(?,?,?,?,?,?,?)");
    ins.bind(1, run).bind(2, n).bind(3, at).bind(4, kind).bind(5, node).bind(6, json_list(categories)).bind(7, json_list(repairs));
    ins.step();
    Statement up(db_, "UPDATE runs SET turns = turns + 1 WHERE id = ?");
    up.bind(1, run).step();
    db_.exec("COMMIT");
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
}

void PracticeLog::finish_run(std::int64_t run, std::int64_t at, const std::string& ending, int score) {
  Statement st(db_, "UPDATE runs SET finished_at = ?, ending = ?, score = ? WHERE id = ?");
  st.bind(1, at).bind(2, ending).bind(3, score).bind(4, run).step();
}

std::vector<RunRecord> PracticeLog::runs() const {
  Statement st(db_, "SELECT id, scenario, title, started_at, finished_at, ending, score, turns FROM runs ORDER BY started_at, id");
  std::vector<RunRecord> out;
  while (st.step()) {
    RunRecord r;
    r.id = st.i64(0);
    r.scenario = st.text(1);
    r.title = st.text(2);
    r.started_at = st.i64(3);
    r.finished_at = st.null(4) ? 0 : st.i64(4);
    r.ending = st.text(5);
    r.score = st.null(6) ? -1 : static_cast<int>(st.i64(6));
    r.turns = static_cast<int>(st.i64(7));
    out.push_back(std::move(r));
  }
  return out;
}

int PracticeLog::forget() {
  const int n = static_cast<int>(runs().size());
  db_.exec("BEGIN; DELETE FROM practice_turns; DELETE FROM runs; COMMIT; VACUUM;");
  return n;
}

}  // namespace coach::app
