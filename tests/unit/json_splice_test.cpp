// app/server/json_splice.hpp: a member added to serialized JSON gives the same document as adding it
// to the parsed object, for empty and non-empty objects and raw values of every kind.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "json_splice.hpp"

using coach::app::with_member;
using ojson = nlohmann::ordered_json;

TEST_CASE("with_member equals adding the member to the parsed object") {
  const ojson raw_values[] = {ojson::parse(R"({"a":[1,{"b":"c\"d"}],"e":null})"), ojson("x\ny"), ojson(3.5), ojson::array()};
  for (const ojson& object : {ojson::object(), ojson{{"type", "message"}, {"text", "ü \"quoted\""}}}) {
    for (const auto& value : raw_values) {
      ojson expected = object;
      expected["channelData"] = value;
      const std::string spliced = with_member(object.dump(), "channelData", value.dump());
      CHECK(ojson::parse(spliced) == expected);
      CHECK(spliced == expected.dump());  // same order, same text
    }
  }
}

TEST_CASE("with_member escapes the key") {
  CHECK(with_member("{}", "a\"b", "1") == R"({"a\"b":1})");
}
