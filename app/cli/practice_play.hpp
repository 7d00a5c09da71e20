// `coach practice --play FILE`: scripted playthroughs for scenario authors and tests. FILE is a
// JSON array of plays: {"scenario", "speaker", "replies": [...], "ending", "score": [lo, hi],
// "debrief": [fragments]} (ending, score and debrief optional). Each play runs with seeds
// 0..seeds-1 and must end as stated, score within the band, show every debrief fragment, and
// never have the partner say a line twice. Prints a line per failure (with the transcript)
// and a summary; `transcripts` prints every run. Tested by CTest practice_playthroughs.
#pragma once
#include <string>

namespace coach {
class Coach;
}

namespace coach::app {

int run_plays(const Coach& coach, const std::string& file, unsigned seeds, bool transcripts);

}  // namespace coach::app
