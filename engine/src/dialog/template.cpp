// Template parsing and rendering with the swap/trim/lower filters.
// Tested in tests/unit/dialog_test.cpp.
#include "dialog/template.hpp"

#include <algorithm>
#include <cctype>

namespace coach::dialog {

std::vector<std::string> Template::required() const {
  std::vector<std::string> out;
  for (const auto& p : parts)
    if (p.slot && !p.fallback) out.push_back(p.text);
  return out;
}

std::optional<std::string> unknown_filter(const std::string& name) {
  if (name.empty() || name == "swap" || name == "trim" || name == "lower" || name == "cap") return std::nullopt;
  return "unknown filter '|" + name + "' (filters: swap, trim, lower, cap)";
}

std::optional<std::string> parse_template(const std::string& text, Template& out) {
  out = {};
  out.source = text;
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return "unmatched '}' at offset " + std::to_string(i);
    if (text[i] != '{') {
      literal += text[i];
      continue;
    }
    const auto close = text.find('}', i);
    if (close == std::string::npos) return "unterminated '{' at offset " + std::to_string(i);
    std::string body = text.substr(i + 1, close - i - 1);
    if (body.find('{') != std::string::npos) return "'{' inside a slot at offset " + std::to_string(i);
    if (!literal.empty()) out.parts.push_back({false, std::move(literal), "", std::nullopt});
    literal.clear();
    TemplatePart part{true, "", "", std::nullopt};
    if (auto q = body.find('?'); q != std::string::npos) {
      part.fallback = body.substr(q + 1);
      body.resize(q);
    }
    if (auto bar = body.find('|'); bar != std::string::npos) {
      part.filter = body.substr(bar + 1);
      body.resize(bar);
    }
    if (body.empty()) return "empty slot name at offset " + std::to_string(i);
    part.text = body;
    out.parts.push_back(std::move(part));
    i = close;
  }
  if (!literal.empty()) out.parts.push_back({false, std::move(literal), "", std::nullopt});
  return std::nullopt;
}

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Strips trailing sentence punctuation so a slot fits inside a sentence.
std::string strip_end(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == '!' || s.back() == ' ' || s.back() == '?')) s.pop_back();
  return s;
}

}  // namespace

// "listen to me" -> "listen to you": first and second person trade places, word by word,
// keeping punctuation and the case of the first letter.
std::string swap_persons(const std::string& text, const Filters& filters) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    auto it = filters.swap.find(lower_ascii(word));
    if (it == filters.swap.end()) {
      out += word;
    } else {
      std::string rep = it->second;
      if (std::isupper(static_cast<unsigned char>(word[0])) && rep != "I")
        rep[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(rep[0])));
      out += rep;
    }
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '\'') {
      word += c;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

// "I need you to call more" -> "call more"
std::string trim_lead_in(const std::string& text, const Filters& filters) {
  std::string s = text;
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  bool changed = true;
  while (changed) {
    changed = false;
    const std::string low = lower_ascii(s);
    for (const auto& lead : filters.trim) {
      if (low.size() > lead.size() && low.compare(0, lead.size(), lead) == 0 && low[lead.size()] == ' ') {
        s.erase(0, lead.size() + 1);
        changed = true;
        break;
      }
    }
  }
  return strip_end(s);
}

std::optional<std::string> render(const Template& t, const Slots& slots, const Filters& filters) {
  std::string out;
  for (const auto& p : t.parts) {
    if (!p.slot) {
      out += p.text;
      continue;
    }
    auto it = slots.find(p.text);
    const bool has = it != slots.end() && !it->second.empty();
    if (!has && !p.fallback) return std::nullopt;
    if (!has) {
      out += *p.fallback;
      continue;
    }
    std::string v = it->second;
    if (p.filter == "swap") v = swap_persons(strip_end(v), filters);
    else if (p.filter == "trim") v = trim_lead_in(v, filters);
    else if (p.filter == "lower" && !v.empty()) v[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(v[0])));
    else if (p.filter == "cap" && !v.empty()) v[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
    out += v;
  }
  return out;
}

}  // namespace coach::dialog
