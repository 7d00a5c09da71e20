// Scripted practice playthroughs. Tested by CTest practice_playthroughs.
#include "practice_play.hpp"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "coach/coach.hpp"

namespace coach::app {
namespace {

using nlohmann::json;

struct Outcome {
  std::string transcript, ending;
  int score = 0;
  std::vector<std::string> problems;
};

Outcome play_once(const Coach& coach, const json& play, std::uint64_t seed) {
  Outcome o;
  auto run = coach.practice(play.at("scenario").get<std::string>(), seed);
  if (!run) {
    o.problems.push_back("no scenario '" + play.at("scenario").get<std::string>() + "'");
    return o;
  }
  std::set<std::string> said;
  auto heard = [&](const std::string& text) {
    const auto at = text.find("Partner: ");
    if (at == std::string::npos) return;
    const std::string line = text.substr(at + 9, text.find('\n', at) - at - 9);
    if (!said.insert(line).second) o.problems.push_back("the partner said a line twice: \"" + line + "\"");
  };
  const std::string opening = run->opening();
  heard(opening);
  o.transcript = "Partner: " + opening.substr(opening.find("Partner: ") + 9) + "\n";
  for (const auto& reply : play.at("replies")) {
    if (run->finished()) break;
    const auto r = run->reply(reply.get<std::string>());
    o.transcript += "You: " + reply.get<std::string>() + "\n";
    o.transcript += "  [" + r.kind + " -> " + r.node + ", temperature " + std::to_string(r.temperature) + "]\n";
    if (r.kind != "safety") heard(r.text);
    o.transcript += r.text + "\n";
  }
  const Debrief d = run->debrief();
  o.ending = d.ending;
  o.score = d.score;
  o.transcript += "\n" + d.text + "\n";
  if (play.contains("ending") && play["ending"] != d.ending)
    o.problems.push_back("ended " + d.ending + ", expected " + play["ending"].get<std::string>());
  if (play.contains("score")) {
    const int lo = play["score"][0], hi = play["score"][1];
    if (d.score < lo || d.score > hi)
      o.problems.push_back("scored " + std::to_string(d.score) + ", expected " + std::to_string(lo) + "-" + std::to_string(hi));
  }
  for (const auto& frag : play.value("debrief", json::array()))
    if (d.text.find(frag.get<std::string>()) == std::string::npos)
      o.problems.push_back("the debrief lacks \"" + frag.get<std::string>() + "\"");
  return o;
}

}  // namespace

int run_plays(const Coach& coach, const std::string& file, unsigned seeds, bool transcripts) {
  std::ifstream in(file);
  if (!in) {
    std::cerr << "coach: cannot read " << file << "\n";
    return 1;
  }
  json plays;
  try {
    plays = json::parse(in);
  } catch (const json::exception& e) {
    std::cerr << "coach: " << file << ": " << e.what() << "\n";
    return 1;
  }
  int runs = 0, failed = 0;
  for (std::size_t i = 0; i < plays.size(); ++i) {
    const json& play = plays[i];
    try {
      const std::string name = play.at("scenario").get<std::string>() + "/" + play.value("speaker", "#" + std::to_string(i));
      for (unsigned seed = 0; seed < seeds; ++seed) {
        const Outcome o = play_once(coach, play, seed);
        ++runs;
        if (transcripts) std::cout << "== " << name << " seed " << seed << "\n" << o.transcript << "\n";
        if (o.problems.empty()) continue;
        ++failed;
        std::cout << "FAIL " << name << " seed " << seed << ":";
        for (const auto& p : o.problems) std::cout << "\n  " << p;
        if (!transcripts) std::cout << "\n" << o.transcript;
        std::cout << "\n";
      }
    } catch (const json::exception& e) {
      std::cerr << "coach: " << file << ": play " << i << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cout << runs - failed << " of " << runs << " runs as expected\n";
  return failed ? 1 : 0;
}

}  // namespace coach::app
