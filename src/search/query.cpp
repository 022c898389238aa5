#include "search/query.h"

#include <algorithm>
#include <array>

#include "search/segmenter.h"

namespace plenum::search {
namespace {

// Quote marks users type around a phrase. Opening and closing forms are treated alike (a
// toggle): mismatched pairs are common when typing on a phone.
constexpr std::array<std::string_view, 6> kQuotes = {"\"", "\xE2\x80\x9C" /* “ */, "\xE2\x80\x9D" /* ” */,
                                                     "\xE3\x80\x8C" /* 「 */, "\xE3\x80\x8D" /* 」 */,
                                                     "\xEF\xBC\x82" /* ＂ */};

size_t quote_at(std::string_view s, size_t i) {
  for (std::string_view q : kQuotes)
    if (s.compare(i, q.size(), q) == 0) return q.size();
  return 0;
}

struct Part {
  std::string_view text;
  bool quoted;
};

std::vector<Part> split_on_quotes(std::string_view s) {
  std::vector<Part> parts;
  size_t begin = 0;
  bool quoted = false;
  for (size_t i = 0; i < s.size();) {
    size_t q = quote_at(s, i);
    if (q == 0) {
      ++i;
      continue;
    }
    if (i > begin) parts.push_back({s.substr(begin, i - begin), quoted});
    quoted = !quoted;
    i += q;
    begin = i;
  }
  if (begin < s.size()) parts.push_back({s.substr(begin), quoted});  // an unclosed quote runs to the end
  return parts;
}

}  // namespace

std::string fts5_phrase(std::string_view text) {
  std::string folded = fold_text(text);
  std::string out;
  out.reserve(folded.size() + 2);
  out += '"';
  for (char c : folded) {
    if (c == '"') out += "\"\"";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) out += ' ';  // FTS5 stops at NUL
    else out += c;
  }
  out += '"';
  return out;
}

std::string fts5_match_expression(std::string_view user_text) {
  std::vector<std::string> terms;  // FTS5 strings, in the order typed
  std::vector<std::string> function_words;
  auto add = [&](std::vector<std::string>& to, std::string term) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end() &&
        std::find(function_words.begin(), function_words.end(), term) == function_words.end())
      to.push_back(std::move(term));
  };
  for (const Part& part : split_on_quotes(user_text)) {
    if (terms.size() >= kMaxQueryTerms) break;
    if (part.quoted) {
      if (has_tokens(part.text)) add(terms, fts5_phrase(part.text));
      continue;
    }
    for (const Word& w : words(part.text)) {
      if (terms.size() >= kMaxQueryTerms) break;
      if (!has_tokens(w.text)) continue;  // e.g. a word of connector punctuation only
      add(is_function_word(w.text) ? function_words : terms, fts5_phrase(w.text));
    }
  }
  // A query of nothing but function words still means something (someone looking for 以及).
  if (terms.empty()) terms = std::move(function_words);
  if (terms.size() > kMaxQueryTerms) terms.resize(kMaxQueryTerms);
  std::string out;
  for (const std::string& t : terms) {
    if (!out.empty()) out += " AND ";
    out += t;
  }
  return out;
}

std::string fts5_any_of(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!has_tokens(w)) continue;
    if (!out.empty()) out += " OR ";
    out += fts5_phrase(w);
  }
  return out;
}

}  // namespace plenum::search
