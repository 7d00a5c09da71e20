// `coach serve`: options and process lifetime (signals) for the HTTP server.
#pragma once
#include "server.hpp"

namespace CLI {
class App;
}

namespace coach::app {

void add_serve(CLI::App& app, ServeOptions& opts);
int run_serve(const ServeOptions& opts);

}  // namespace coach::app
