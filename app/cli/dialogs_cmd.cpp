// Script validation for authors. Tested in tests/golden (scripts).
#include "dialogs_cmd.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "coach/coach.hpp"
#include "load.hpp"

namespace coach::app {

void add_dialogs(CLI::App& app, DialogsOptions& opts) {
  auto* d = app.add_subcommand("dialogs", "Check coaching scripts");
  d->require_subcommand(1);
  auto* check = d->add_subcommand("check", "Validate a script (a coach.json file or its directory)");
  check->add_option("path", opts.path, "Script file or directory (default: the built-in one)");
  check->add_option("--rules", opts.rules_dir, "Rules to check it with (default: built-in)");
  check->add_option("--language,-l", opts.language, "Language")->capture_default_str();
}

int run_dialogs(const DialogsOptions& opts) {
  CoachLoad r = load_checked(opts.rules_dir, opts.path, opts.language);
  std::cerr << format(r.diagnostics);
  if (!r.coach) return 1;
  std::cout << "ok: the script is valid (" << r.coach->flows().size() << " flows)\n";
  return 0;
}

}  // namespace coach::app
