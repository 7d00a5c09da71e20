// `coach report`: see report_cmd.hpp and app/report/chat_report.hpp.
#include "report_cmd.hpp"

#include <CLI/CLI.hpp>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include "chat_report.hpp"
#include "load.hpp"
#include "coach_options.hpp"

namespace coach::app {

void add_report(CLI::App& app, ReportCmdOptions& opts) {
  auto* cmd = app.add_subcommand(
      "report", "Read a chat export (WhatsApp text, Telegram result.json, CSV or JSONL) as a whole, per person and week");
  cmd->add_option("files", opts.files, "Export files")->required();
  cmd->add_flag("--json", opts.json, "JSON instead of the terminal summary");
  cmd->add_flag("--anonymize", opts.anonymize, "Call the senders Person 1, Person 2, ...");
  cmd->add_option("--html", opts.html, "Also write the report as one self-contained page (charts as inline SVG)");
  add_coach_options(cmd, opts.language, opts.rules_dir, opts.dialogs_dir);
}

int run_report(const ReportCmdOptions& opts) {
  auto coach = load_coach(opts.rules_dir, opts.dialogs_dir, opts.language);
  if (!coach) return 1;
  report::ChatReport out(*coach, report::ReportOptions{opts.anonymize});
  int status = 0;
  // On a terminal, a progress line on stderr (large exports take seconds).
  const bool tty = isatty(STDERR_FILENO) == 1;
  for (const auto& file : opts.files) {
    std::chrono::steady_clock::time_point last{};  // the first tick shows at once, then every 200 ms
    report::Progress progress;
    if (tty)
      progress = [&](std::uint64_t done, std::uint64_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last < std::chrono::milliseconds(200) || total == 0) return;
        last = now;
        const int pct = static_cast<int>(100 * done / total);
        std::cerr << "\rcoach: reading " << file << " [" << std::string(pct / 5, '#') << std::string(20 - pct / 5, ' ')
                  << "] " << pct << "%" << std::flush;
      };
    const report::ExportRead read = report::read_export(file, [&](report::ChatMessage&& m) { out.add(m); }, progress);
    if (tty) std::cerr << "\r\033[K" << std::flush;
    if (!read.error.empty()) {
      std::cerr << "coach: " << file << ": " << read.error << "\n";
      status = 1;
      continue;
    }
    out.add_read(file, read);
  }
  if (!opts.html.empty()) {
    std::ofstream page(opts.html, std::ios::binary);
    page << out.html();
    if (!page.flush()) {
      std::cerr << "coach: cannot write " << opts.html << "\n";
      status = 1;
    }
  }
  std::cout << (opts.json ? out.json() : out.terminal()) << std::flush;
  return status;
}

}  // namespace coach::app
