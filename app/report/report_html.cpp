// `coach report --html FILE`: the report as one self-contained page: no scripts, nothing from
// elsewhere (a Content-Security-Policy says so), charts as inline SVG: the four patterns per
// week per person (stacked bars) and each person's positive-to-negative ratio per week against
// the 5:1 line. Every bar and point carries its figure in data- attributes, so the test checks
// the drawing against the JSON. Light and dark follow the system; it prints on white.
// Tested in tests/clients/report_page.browser.js (Chromium).
#include <algorithm>
#include <cstdio>

#include "chat_report.hpp"
#include "coach/categories.hpp"

namespace coach::report {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

constexpr const char* kStyle = R"(
:root { --bg: #fbfaf7; --fg: #1d1d1f; --muted: #60646c; --card: #fff; --line: #d9d6cf;
  --c0: #c2410c; --c1: #7e22ce; --c2: #0369a1; --c3: #4d7c0f; --p0: #1f6f8b; --p1: #b45309; --alert: #fde8e8; --alert-line: #b42318; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16171a; --fg: #ececec; --muted: #a6a9ae; --card: #202124; --line: #3b3c40;
    --c0: #fb923c; --c1: #c084fc; --c2: #38bdf8; --c3: #a3e635; --p0: #5ec4e6; --p1: #fbbf24; --alert: #4a1f1f; --alert-line: #f28b82; }
}
@media print { :root { --bg: #fff; --fg: #000; --card: #fff; } }
body { font-family: system-ui, sans-serif; background: var(--bg); color: var(--fg); margin: 0; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.muted { color: var(--muted); }
.people { display: grid; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); gap: 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem; padding: 0.8rem 1rem; }
.safety { background: var(--alert); border: 2px solid var(--alert-line); border-radius: 0.6rem; padding: 0.8rem 1rem; }
.safety p { white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { padding: 0.15rem 0.6rem 0.15rem 0; text-align: left; vertical-align: top; }
q { font-style: italic; }
svg { width: 100%; height: auto; background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem; }
svg text { fill: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
.axis { stroke: var(--line); } .target { stroke: var(--fg); stroke-dasharray: 5 4; opacity: 0.6; }
.c0 { fill: var(--c0); } .c1 { fill: var(--c1); } .c2 { fill: var(--c2); } .c3 { fill: var(--c3); }
.p0 { stroke: var(--p0); fill: var(--p0); } .p1 { stroke: var(--p1); fill: var(--p1); }
.swatch.c0 { background: var(--c0); } .swatch.c1 { background: var(--c1); } .swatch.c2 { background: var(--c2); }
.swatch.c3 { background: var(--c3); } .swatch.p0 { background: var(--p0); } .swatch.p1 { background: var(--p1); }
.legend span { display: inline-block; margin-right: 1rem; } .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; vertical-align: -1px; margin-right: 0.3rem; }
)";

}  // namespace

std::string ChatReport::html() const {
  std::string h = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                  "<meta name=\"color-scheme\" content=\"light dark\">\n<title>How we talk: a chat report</title>\n<style>";
  h += kStyle;
  h += "</style></head><body><main>\n<h1>How we talk: a chat report</h1>\n";
  h += "<p class=\"muted\">" + std::to_string(messages_) + " messages";
  if (messages_) h += " from " + format_day(day_of(first_)) + " to " + format_day(day_of(last_));
  h += ". Made by Conversation Coach on this computer; nothing was sent anywhere.</p>\n";

  if (!safety_.empty()) {
    h += "<section class=\"safety\" role=\"alert\"><h2>Safety first</h2>\n<ul>";
    for (std::size_t i = 0; i < safety_.size() && i < 20; ++i) {
      std::string kinds;
      for (const auto& k : safety_[i].kinds) kinds += (kinds.empty() ? "" : ", ") + k;
      h += "<li>" + esc(format_time(safety_[i].time)) + " " + esc(safety_[i].sender) + ": <q>" + esc(safety_[i].quote) +
           "</q> (" + esc(kinds) + ")</li>";
    }
    h += "</ul>";
    for (const auto& [_, help] : help_) h += "<p>" + esc(help) + "</p>";
    h += "</section>\n";
  }

  h += "<h2>Per person</h2>\n<div class=\"people\">";
  for (const Person& p : people_) {
    h += "<section class=\"card\" data-person=\"" + esc(p.name) + "\"><h3>" + esc(p.name) + "</h3><table>";
    h += "<tr><th>messages</th><td>" + std::to_string(p.total.messages) + "</td></tr>";
    h += "<tr><th>positive : negative</th><td>" + std::to_string(p.total.positive) + " : " +
         std::to_string(p.total.negative) + "</td></tr>";
    for (std::size_t i = 0; i < kHorsemen.size(); ++i) {
      h += "<tr><th><span class=\"swatch c" + std::to_string(i) + "\"></span>" + std::string(kHorsemen[i]) +
           "</th><td>" + std::to_string(p.total.patterns[i]);
      for (const Typical* t : most_typical(p, i)) h += "<br><q>" + esc(t->quote) + "</q>";
      h += "</td></tr>";
    }
    h += "<tr><th>repair attempts</th><td>" + std::to_string(p.repairs) + " (answered softly " +
         std::to_string(p.repairs_answered_softly) + ")</td></tr>";
    h += "<tr><th>flooding</th><td>" + std::to_string(p.floods.size()) + " episode(s)</td></tr></table></section>";
  }
  h += "</div>\n";

  // Patterns per week: a stacked bar per person per week.
  // At least 640 units wide, so a short chat's chart is not blown up to the page's width; a long
  // one gets narrower bars per week but stays one row.
  const double left = 34, top = 12, height = 160, min_width = 640;
  const double weeks = std::max(1.0, static_cast<double>(weeks_.size()));
  const double people = std::max(1.0, static_cast<double>(people_.size()));
  const double group = std::max(people * 13 + 10, std::min(90.0, (min_width - left - 10) / weeks));
  const double bar = std::min(24.0, (group - 10) / people - 3), gap = 3;
  const double width = std::max(min_width, left + weeks * group + 10);
  std::size_t most = 1;
  for (const auto& [_, row] : weeks_)
    for (const auto& [__, t] : row) {
      std::size_t sum = 0;
      for (auto v : t.patterns) sum += v;
      most = std::max(most, sum);
    }
  h += "<h2>The four patterns, week by week</h2>\n<p class=\"legend\">";
  for (std::size_t i = 0; i < kHorsemen.size(); ++i)
    h += "<span><span class=\"swatch c" + std::to_string(i) + "\"></span>" + std::string(kHorsemen[i]) + "</span>";
  h += "</p>\n<svg id=\"patterns\" role=\"img\" aria-label=\"Messages showing each pattern, per week and person\" viewBox=\"0 0 " +
       num(width) + " " + num(top + height + 40) + "\">";
  h += "<line class=\"axis\" x1=\"" + num(left) + "\" y1=\"" + num(top + height) + "\" x2=\"" + num(width) + "\" y2=\"" +
       num(top + height) + "\"/>";
  h += "<text x=\"2\" y=\"" + num(top + 8) + "\">" + std::to_string(most) + "</text><text x=\"2\" y=\"" +
       num(top + height) + "\">0</text>";
  std::size_t w = 0;
  for (const auto& [monday, row] : weeks_) {
    const double x0 = left + static_cast<double>(w++) * group;
    for (std::size_t i = 0; i < people_.size(); ++i) {
      const auto it = row.find(i);
      if (it == row.end()) continue;
      double y = top + height;
      for (std::size_t k = 0; k < kHorsemen.size(); ++k) {
        const std::size_t v = it->second.patterns[k];
        const double hgt = height * static_cast<double>(v) / static_cast<double>(most);
        y -= hgt;
        h += "<rect class=\"c" + std::to_string(k) + "\" x=\"" + num(x0 + static_cast<double>(i) * (bar + gap)) + "\" y=\"" +
             num(y) + "\" width=\"" + num(bar) + "\" height=\"" + num(hgt) + "\" data-week=\"" + format_day(monday) +
             "\" data-person=\"" + esc(people_[i].name) + "\" data-pattern=\"" + std::string(kHorsemen[k]) +
             "\" data-value=\"" + std::to_string(v) + "\"><title>" + esc(people_[i].name) + ", week of " +
             format_day(monday) + ": " + std::string(kHorsemen[k]) + " " + std::to_string(v) + "</title></rect>";
      }
    }
    if (weeks_.size() <= 30 || w % 4 == 1)
      h += "<text x=\"" + num(x0) + "\" y=\"" + num(top + height + 14) + "\">" + format_day(monday).substr(5) + "</text>";
  }
  h += "</svg>\n";

  // The ratio per week per person, against 5:1 (weeks without negatives have no ratio: no point).
  const double cap = 10;
  auto y_of = [&](double r) { return top + height - height * std::min(r, cap) / cap; };
  h += "<h2>Positive to negative, week by week (aim: 5 to 1)</h2>\n<p class=\"legend\">";
  for (std::size_t i = 0; i < people_.size(); ++i)
    h += "<span><span class=\"swatch p" + std::to_string(i % 2) + "\"></span>" + esc(people_[i].name) + "</span>";
  h += "</p>\n<svg id=\"ratio\" role=\"img\" aria-label=\"Positive to negative ratio per week\" viewBox=\"0 0 " + num(width) +
       " " + num(top + height + 40) + "\">";
  h += "<line class=\"target\" x1=\"" + num(left) + "\" y1=\"" + num(y_of(5)) + "\" x2=\"" + num(width) + "\" y2=\"" +
       num(y_of(5)) + "\"/><text x=\"2\" y=\"" + num(y_of(5) + 4) + "\">5:1</text>";
  h += "<line class=\"axis\" x1=\"" + num(left) + "\" y1=\"" + num(top + height) + "\" x2=\"" + num(width) + "\" y2=\"" +
       num(top + height) + "\"/><text x=\"2\" y=\"" + num(top + height) + "\">0</text><text x=\"2\" y=\"" + num(top + 8) +
       "\">10+</text>";
  for (std::size_t i = 0; i < people_.size(); ++i) {
    std::string points, dots;
    w = 0;
    for (const auto& [monday, row] : weeks_) {
      const double x = left + static_cast<double>(w++) * group + group / 2;
      const auto it = row.find(i);
      if (it == row.end() || it->second.negative == 0) continue;
      const double r = static_cast<double>(it->second.positive) / static_cast<double>(it->second.negative);
      points += num(x) + "," + num(y_of(r)) + " ";
      dots += "<circle class=\"p" + std::to_string(i % 2) + "\" cx=\"" + num(x) + "\" cy=\"" + num(y_of(r)) +
              "\" r=\"3.5\" data-week=\"" + format_day(monday) + "\" data-person=\"" + esc(people_[i].name) +
              "\" data-ratio=\"" + num(r) + "\"><title>" + esc(people_[i].name) + ", week of " + format_day(monday) +
              ": " + num(r) + " to 1</title></circle>";
    }
    if (!points.empty())
      h += "<polyline class=\"p" + std::to_string(i % 2) + "\" fill=\"none\" stroke-width=\"2\" style=\"fill:none\" points=\"" +
           points + "\"/>";
    h += dots;
  }
  h += "</svg>\n<p class=\"muted\">Positive: repair attempts (apologies, appreciation, asking for a pause, saying how "
       "you feel). Negative: criticism, contempt, defensiveness, stonewalling. Stable couples keep about five "
       "positive moments for every negative one in a conflict.</p>\n</main></body></html>\n";
  return h;
}

}  // namespace coach::report
