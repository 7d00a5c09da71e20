// Replies written for a chat channel (app/server/channel_reply.cpp): each line a Markdown
// paragraph with its label in bold, the user's quoted words escaped so they show as typed, the
// command list readable, and suggestions as imBack buttons (none on a safety reply).
#include <doctest/doctest.h>

#include "channel_reply.hpp"

using coach::app::markdown_reply;

TEST_CASE("each line is a paragraph; a leading label is bold") {
  CHECK(markdown_reply("Criticism: \"You never listen\"\n  A verdict on who they are.\n  You could say: \"Could you?\"") ==
        "**Criticism:** \"You never listen\"\n\nA verdict on who they are.\n\n**You could say:** \"Could you?\"");
}

TEST_CASE("what Markdown would read is escaped, so the user's words show as typed") {
  CHECK(markdown_reply("Contempt: \"you *always* do_this [link](x) <b>\"") ==
        "**Contempt:** \"you \\*always\\* do\\_this \\[link\\](x) \\<b\\>\"");
  CHECK(markdown_reply("# not a heading") == "\\# not a heading");
  CHECK(markdown_reply("- not a list") == "\\- not a list");
  CHECK(markdown_reply("1. not a list") == "1\\. not a list");
  CHECK(markdown_reply("AT&amp;T") == "AT\\&amp;T");
}

TEST_CASE("a label is short, unquoted and followed by a space") {
  CHECK(markdown_reply("\"he said: go\" is a threat.") == "\"he said: go\" is a threat.");
  CHECK(markdown_reply("Type :rewrite and I'll help.") == "Type :rewrite and I'll help.");
  CHECK(markdown_reply("see https://findahelpline.com, topic") == "see https://findahelpline.com, topic");
}

TEST_CASE("the command list keeps one command per paragraph, the command bold") {
  CHECK(markdown_reply(":why          which rules fired\n:they <text>  coach a calm reply") ==
        "**:why** which rules fired\n\n**:they \\<text\\>** coach a calm reply");
}

TEST_CASE("blank lines and indentation do not make empty paragraphs or code blocks") {
  CHECK(markdown_reply("one\n\n      two\n") == "one\n\ntwo");
  CHECK(markdown_reply("") == "");
}

TEST_CASE("suggestions become imBack buttons, :rewrite last; none on a safety turn") {
  auto load = coach::Coach::builtin("en");
  REQUIRE(load.coach);
  const coach::Coach& coach = *load.coach;
  coach::Session session;
  const auto turn = coach.turn(session, "You never listen to me", coach::Mode::sending, 1700000000);
  REQUIRE(!turn.suggestions.empty());
  const auto actions = coach::app::suggested_actions(coach, turn)["actions"];
  REQUIRE(actions.size() >= 2);
  CHECK(actions[0]["type"] == "imBack");
  CHECK(actions[0]["value"] == turn.suggestions[0].text);
  CHECK(actions.back()["value"] == ":rewrite");
  CHECK(actions.back()["title"] == coach.message("action_rewrite"));
  CHECK(actions.size() <= 4);

  const auto flow = coach.turn(session, ":rewrite", coach::Mode::sending, 1700000000);
  REQUIRE(!flow.flow.empty());
  const auto in_flow = coach::app::suggested_actions(coach, flow);
  REQUIRE(!in_flow.is_null());
  CHECK(in_flow["actions"].back()["value"] == ":cancel");

  coach::Session other;
  const auto safety = coach.turn(other, "he said if I leave he will hurt me", coach::Mode::sending, 1700000000);
  REQUIRE(safety.safety);
  CHECK(coach::app::suggested_actions(coach, safety).is_null());
}
