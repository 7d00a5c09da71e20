// `coach`: the command-line front end. Each subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <iostream>

#include "analyze.hpp"
#include "chat.hpp"
#include "dialogs_cmd.hpp"
#include "practice_cmd.hpp"
#include "report_cmd.hpp"
#include "serve_cmd.hpp"
#include "stdio_cmd.hpp"
#include "rules_cmd.hpp"

namespace {

// `coach --rules DIR analyze` means what `coach analyze --rules DIR` means: the options the
// top level shares with chat (the default command) carry over to the subcommand that was
// run. One the subcommand does not take is an error, not silently dropped.
bool carry_over_shared_options(CLI::App& app) {
  const auto subs = app.get_subcommands();
  if (subs.empty() || subs.front()->get_name() == "chat") return true;
  CLI::App* sub = subs.front();
  for (const char* name : {"--rules", "--dialogs", "--language", "--seed", "--history", "--db"}) {
    const CLI::Option* given = app.get_option_no_throw(name);
    if (given == nullptr || given->count() == 0) continue;
    CLI::Option* own = sub->get_option_no_throw(name);
    if (own == nullptr) {
      std::cerr << "coach: " << name << " does not apply to '" << sub->get_name() << "'; see coach "
                << sub->get_name() << " --help\n";
      return false;
    }
    if (own->count() > 0) continue;  // the subcommand's own value wins
    for (const auto& value : given->results()) own->add_result(value);
    own->run_callback();
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"coach: a conversation coach for the four patterns that wound (criticism, contempt, "
               "defensiveness, stonewalling) and the repairs that heal"};
  app.set_version_flag("--version", std::string("coach 0.1.0"));
  coach::app::AnalyzeOptions analyze;
  coach::app::RulesOptions rules;
  coach::app::add_analyze(app, analyze);
  coach::app::add_rules(app, rules);
  coach::app::ChatOptions chat;
  CLI::App* chat_cmd = nullptr;
  coach::app::add_chat(app, chat, chat_cmd);
  coach::app::DialogsOptions dialogs;
  coach::app::add_dialogs(app, dialogs);
  coach::app::PracticeOptions practice;
  coach::app::add_practice(app, practice);
  coach::app::StdioOptions stdio;
  coach::app::add_stdio(app, stdio);
  coach::app::ReportCmdOptions report;
  coach::app::add_report(app, report);
  coach::app::ServeOptions serve;
  coach::app::add_serve(app, serve);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (!carry_over_shared_options(app)) return 2;
  if (app.got_subcommand("rules")) return coach::app::run_rules(rules);
  if (app.got_subcommand("analyze")) return coach::app::run_analyze(analyze);
  if (app.got_subcommand("dialogs")) return coach::app::run_dialogs(dialogs);
  if (app.got_subcommand("practice")) return coach::app::run_practice(practice);
  if (app.got_subcommand("progress")) return coach::app::run_progress(practice);
  if (app.got_subcommand("stdio")) return coach::app::run_stdio(stdio);
  if (app.got_subcommand("serve")) return coach::app::run_serve(serve);
  if (app.got_subcommand("report")) return coach::app::run_report(report);
  return coach::app::run_chat(chat);  // `coach` alone is `coach chat`
}
