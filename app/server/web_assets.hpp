// The files of the chat page (web/), compiled in by cmake/embed_web.cmake.
#pragma once
#include <cstddef>

namespace coach::app::web {

struct Asset {
  const char* name;  // "index.html", "chat.js": served at / and /web/<name>
  const char* type;  // the media type
  const char* data;
  std::size_t size;
};
extern const Asset kAssets[];  // ends with a null name

}  // namespace coach::app::web
