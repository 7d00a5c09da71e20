// `coach`: the command-line front end. Each subcommand lives in its own file.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <iostream>

#include "analyze.hpp"
#include "rules_cmd.hpp"

int main(int argc, char** argv) {
  CLI::App app{"coach: a conversation coach for the four patterns that wound (criticism, contempt, "
               "defensiveness, stonewalling) and the repairs that heal"};
  app.set_version_flag("--version", std::string("coach 0.1.0"));
  coach::app::AnalyzeOptions analyze;
  coach::app::RulesOptions rules;
  coach::app::add_analyze(app, analyze);
  coach::app::add_rules(app, rules);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (app.got_subcommand("rules")) return coach::app::run_rules(rules);
  // `coach` alone analyzes standard input until the REPL exists.
  if (!app.got_subcommand("analyze") && isatty(STDIN_FILENO))
    std::cerr << "coach: type a message you are about to send (or just received) and press Enter.\n"
                 "       It names criticism, contempt, defensiveness and stonewalling, quoting the words.\n"
                 "       Not therapy. Ctrl-D quits.\n";
  return coach::app::run_analyze(analyze);
}
