// Coach, the library's public face (coach/coach.hpp), in one file: loading (rules + script +
// scenarios, built-in or from paths) and every member, each handing a message down the pipeline:
// Engine::analyze (engine.cpp), then the dialog manager's step (dialog/manager.cpp), flows
// (dialog/flow.cpp), commands (dialog/commands.cpp) and practice runs (dialog/practice.cpp).
// Tested in tests/unit/dialog_test.cpp, tests/unit/conversations_test.cpp and tests/golden/scripts.
#include <algorithm>
#include <ctime>
#include <fstream>
#include <sstream>

#include "builtin.hpp"
#include "fingerprint.hpp"
#include "coach/coach.hpp"
#include "dialog/codes.hpp"
#include "dialog/commands.hpp"
#include "dialog/compose.hpp"
#include "dialog/flow.hpp"
#include "dialog/manager.hpp"
#include "dialog/scenario.hpp"
#include "dialog/script.hpp"

namespace coach {
namespace {

// The coach reads its own suggestions before offering them (dialog/rephrase.hpp).
dialog::SelfCheck self_check(const Engine& engine) {
  return [&engine](const std::string& text) { return engine.analyze(text); };
}

using Source = std::pair<std::string, std::string>;  // name, text

std::vector<Source> builtin_dialogs(std::string_view language) {
  std::vector<Source> out;
  for (std::size_t i = 0; i < builtin::kDialogFileCount; ++i) {
    const auto& f = builtin::kDialogFiles[i];
    if (language == f.language) out.emplace_back(f.name, std::string(f.text, f.size));
  }
  return out;
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

CoachLoad Coach::assemble(LoadResult rules, const Source& script_src, const std::vector<Source>& scenario_srcs) {
  // Source: (name, text)
  CoachLoad out;
  out.diagnostics = std::move(rules.diagnostics);
  auto script = dialog::load_script(script_src.first, script_src.second);
  out.diagnostics.insert(out.diagnostics.end(), script.diagnostics.begin(), script.diagnostics.end());
  Scenarios scenarios;
  for (const auto& s : scenario_srcs) {
    auto sc = dialog::load_scenario(s.first, s.second, out.diagnostics);
    if (!sc) continue;
    for (const auto& other : scenarios)
      if (other->id == sc->id)
        out.diagnostics.push_back({s.first, 0, 0, dialog::code_id(dialog::ScenarioCode::duplicate_id), "scenario id '" + sc->id + "' is used twice", false, "/id"});
    scenarios.push_back(std::move(sc));
  }
  std::sort(scenarios.begin(), scenarios.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  const bool errors = std::any_of(out.diagnostics.begin(), out.diagnostics.end(),
                                  [](const Diagnostic& d) { return !d.warning; });  // warnings do not stop a load
  if (!rules.engine || !script.script || errors) return out;
  if (script.script->language != rules.engine->language()) {
    out.diagnostics.push_back({script_src.first, 0, 0, dialog::code_id(dialog::ScriptCode::language_mismatch),
                               "script language '" + script.script->language + "' differs from the rules' '" +
                                   rules.engine->language() + "'",
                               false, "/language"});
    return out;
  }
  std::vector<std::pair<std::string, std::string>> parts{{"rules", rules.engine->fingerprint()}, script_src};
  parts.insert(parts.end(), scenario_srcs.begin(), scenario_srcs.end());
  const std::string fp = fingerprint_of(parts);
  out.coach = Coach(std::move(*rules.engine), std::move(script.script), std::move(scenarios), fp);
  return out;
}

CoachLoad Coach::builtin(std::string_view language) { return load({}, {}, language); }

CoachLoad Coach::load(const std::filesystem::path& rules, const std::filesystem::path& dialogs,
                      std::string_view language) {
  LoadResult engine = rules.empty() ? Engine::builtin(language) : Engine::load_directory(rules);
  auto fail = [&](std::string file, std::string message) {
    CoachLoad out;
    out.diagnostics = std::move(engine.diagnostics);
    out.diagnostics.push_back({std::move(file), 0, 0, dialog::code_id(dialog::ScriptCode::cannot_read), std::move(message), false, ""});
    return out;
  };
  Source script;
  std::vector<Source> scenarios;
  if (dialogs.empty()) {
    for (auto& [name, text] : builtin_dialogs(language)) {
      if (name.ends_with("/coach.json")) script = {name, text};
      else if (name.find("/practice/") != std::string::npos) scenarios.push_back({name, text});
    }
    if (script.first.empty()) return fail("<builtin>", "no built-in dialogs for language '" + std::string(language) + "'");
    return assemble(std::move(engine), script, scenarios);
  }
  std::error_code ec;
  const bool dir = std::filesystem::is_directory(dialogs, ec);
  const auto file = dir ? dialogs / "coach.json" : dialogs;
  auto text = read_file(file);
  if (!text) return fail(file.string(), "cannot read the script");
  script = {file.string(), *text};
  // Scenarios live in practice/ beside the script.
  const auto practice_dir = file.parent_path() / "practice";
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::directory_iterator(practice_dir, ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    if (auto t = read_file(f)) scenarios.push_back({f.string(), *t});
  return assemble(std::move(engine), script, scenarios);
}

RestoredSession Coach::restore(const std::string& saved) const {
  RestoredSession out;
  out.session = Session::from_json(saved, &out.error);
  if (!out.session) return out;
  if (!out.session->fingerprint.empty() && out.session->fingerprint != fingerprint_) {
    out.stale = true;
    out.session->end_flow();  // its steps may no longer exist
    out.session->fingerprint = fingerprint_;
  }
  return out;
}

std::vector<ScenarioInfo> Coach::scenarios() const {
  std::vector<ScenarioInfo> out;
  for (const auto& s : scenarios_) out.push_back({s->id, s->title});
  return out;
}

std::optional<PracticeRun> Coach::practice(std::string_view id, std::uint64_t seed) const {
  for (const auto& s : scenarios_)
    if (s->id == id) return PracticeRun(*this, s, seed);
  return std::nullopt;
}

std::vector<Diagnostic> Coach::check_scenario(const std::filesystem::path& file) {
  std::vector<Diagnostic> out;
  auto text = read_file(file);
  if (!text) {
    out.push_back({file.string(), 0, 0, dialog::code_id(dialog::ScenarioCode::cannot_read), "cannot read the scenario", false, ""});
    return out;
  }
  dialog::load_scenario(file.string(), *text, out);
  return out;
}

// The conversation: each member hands its work to the dialog stage.

Turn Coach::respond(Session& s, std::string_view message, Mode mode, std::optional<std::int64_t> now) const {
  if (s.fingerprint.empty()) s.fingerprint = fingerprint_;
  return dialog::step(*script_, s, engine_.analyze(message), mode,
                      now.value_or(static_cast<std::int64_t>(std::time(nullptr))), self_check(engine_));
}

Turn Coach::turn(Session& session, std::string_view text, Mode mode, std::optional<std::int64_t> now) const {
  const dialog::CommandLine line = dialog::read_command_line(text);
  Turn t;
  if (!line.command) {
    if (!line.text.empty()) return respond(session, line.text, mode, now);
    t.reply = message("empty");
    return t;
  }
  if (line.name == "rewrite") return start_flow(session, line.arg);
  if (line.name == "cancel") return cancel_flow(session);
  if (line.name == "they") {
    if (!line.arg.empty()) return respond(session, line.arg, Mode::received, now);
    t.reply = message("empty");
    return t;
  }
  t.analysis.text = std::string(line.text);  // a command is not analyzed, but its turn says what it was
  t.analysis.language = engine_.language();
  if (line.name == "ledger") t.reply = ledger(session);
  else if (line.name == "help") t.reply = message("help");
  else t.reply = message("unknown_command");
  return t;
}

Turn Coach::start_flow(Session& s, std::string_view name) const { return dialog::start_flow(*script_, s, name); }
Turn Coach::cancel_flow(Session& s) const { return dialog::cancel_flow(*script_, s); }
std::vector<std::string> Coach::flows() const { return dialog::flow_names(*script_); }
std::string Coach::ledger(const Session& s) const { return dialog::ledger(*script_, s); }
std::string Coach::message(const std::string& key) const { return dialog::say(*script_, key); }
std::string Coach::message_with(const std::string& key, const std::map<std::string, std::string>& slots) const {
  return dialog::say(*script_, key, slots);
}

std::vector<Suggestion> Coach::suggestions(const Analysis& a, std::int64_t now) const {
  return dialog::suggest(*script_, a, now, self_check(engine_));
}

std::string Coach::practice_text(const std::string& key) const {
  return dialog::say(*script_, script_->practice.texts.at(key));
}

}  // namespace coach
