// Loading a Coach (rules + script, built-in or from paths) and Turn JSON.
// Tested in tests/unit/dialog_test.cpp and tests/golden/scripts.
#include <fstream>
#include <sstream>

#include "builtin.hpp"
#include "coach/coach.hpp"
#include "dialog/script.hpp"
#include "json_output.hpp"

namespace coach {
namespace {

std::optional<std::pair<std::string, std::string>> builtin_script(std::string_view language) {
  for (std::size_t i = 0; i < builtin::kDialogFileCount; ++i) {
    const auto& f = builtin::kDialogFiles[i];
    if (language == f.language && std::string_view(f.name).ends_with("/coach.json"))
      return std::pair{std::string(f.name), std::string(f.text, f.size)};
  }
  return std::nullopt;
}

}  // namespace

CoachLoad Coach::assemble(LoadResult rules, const std::string& script_name, const std::string& script_text) {
  CoachLoad out;
  out.diagnostics = std::move(rules.diagnostics);
  auto script = dialog::load_script(script_name, script_text);
  out.diagnostics.insert(out.diagnostics.end(), script.diagnostics.begin(), script.diagnostics.end());
  if (!rules.engine || !script.script) return out;
  if (script.script->language != rules.engine->language()) {
    out.diagnostics.push_back({script_name, 0, 0, "D012",
                               "script language '" + script.script->language + "' differs from the rules' '" +
                                   rules.engine->language() + "'",
                               false, "/language"});
    return out;
  }
  out.coach = Coach(std::move(*rules.engine), std::move(script.script));
  return out;
}

CoachLoad Coach::builtin(std::string_view language) { return load({}, {}, language); }

CoachLoad Coach::load(const std::filesystem::path& rules, const std::filesystem::path& dialogs,
                      std::string_view language) {
  LoadResult engine = rules.empty() ? Engine::builtin(language) : Engine::load_directory(rules);
  if (dialogs.empty()) {
    auto s = builtin_script(language);
    if (!s) {
      CoachLoad out;
      out.diagnostics = std::move(engine.diagnostics);
      out.diagnostics.push_back({"<builtin>", 0, 0, "D000",
                                 "no built-in dialogs for language '" + std::string(language) + "'", false, ""});
      return out;
    }
    return assemble(std::move(engine), s->first, s->second);
  }
  std::error_code ec;
  const auto file = std::filesystem::is_directory(dialogs, ec) ? dialogs / "coach.json" : dialogs;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    CoachLoad out;
    out.diagnostics = std::move(engine.diagnostics);
    out.diagnostics.push_back({file.string(), 0, 0, "D000", "cannot read the script", false, ""});
    return out;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return assemble(std::move(engine), file.string(), ss.str());
}

namespace {

nlohmann::ordered_json with_suggestions(const Analysis& a, const std::vector<Suggestion>& suggestions) {
  auto j = analysis_json(a);
  auto& sug = j["suggestions"] = nlohmann::ordered_json::array();
  for (const auto& s : suggestions) sug.push_back({{"category", s.category}, {"antidote", s.antidote}, {"text", s.text}});
  return j;
}

}  // namespace

std::string to_json(const Analysis& a, const std::vector<Suggestion>& suggestions) {
  return with_suggestions(a, suggestions).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string to_json(const Turn& t) {
  auto j = with_suggestions(t.analysis, t.suggestions);
  j["reply"] = t.reply;
  if (!t.flow.empty()) j["flow"] = {{"name", t.flow}, {"step", t.step}};
  j["safety"] = t.safety;
  j["flooding"] = t.flooding;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace coach
