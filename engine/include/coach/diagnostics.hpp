// Diagnostics: a problem found in a rule file or script, with its place and a stable code.
#pragma once
#include <string>
#include <vector>

namespace coach {

struct Diagnostic {
  std::string file;     // source name as given to the loader
  unsigned line = 0;    // 1-based; 0 when the problem has no place in a file
  unsigned column = 0;  // 1-based, in code points
  std::string code;     // stable: "R104"
  std::string message;  // "unknown lexicon '@globl' (did you mean '@global'?)"
  bool warning = false;
  std::string pointer;  // JSON Pointer for script problems ("/categories/criticism/suggest/2")
};

// "file:line:col: error[R104]: message", or "file:/json/pointer: error[D005]: message"
std::string format(const Diagnostic& d);
std::string format(const std::vector<Diagnostic>& ds);

}  // namespace coach
