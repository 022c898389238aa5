#include "search/query.h"

#include <algorithm>
#include <array>

#include "search/segmenter.h"

namespace plenum::search {
namespace {

// Quote marks users type around a phrase. Opening and closing forms are treated alike (a
// toggle): mismatched pairs are common when typing on a phone.
constexpr std::array<std::string_view, 6> kQuotes = {
    "\"",          "\xE2\x80\x9C" /* “ */, "\xE2\x80\x9D" /* ” */, "\xE3\x80\x8C" /* 「 */, "\xE3\x80\x8D" /* 」 */,
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

// An FTS5 string around text that is already folded.
std::string quoted(std::string_view folded) {
  std::string out;
  out.reserve(folded.size() + 2);
  out += '"';
  for (char c : folded) {
    if (c == '"')
      out += "\"\"";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
      out += ' ';  // FTS5 stops at NUL
    else
      out += c;
  }
  out += '"';
  return out;
}

// Folded, with the end mark (the tokenizer's own syntax, a separator in anything a user types)
// turned into a space.
std::string phrase_text(std::string_view text) {
  std::string folded = fold_text(text);
  for (size_t at = folded.find(kBigramEndMark); at != std::string::npos; at = folded.find(kBigramEndMark, at))
    folded.replace(at, kBigramEndMark.size(), " ");
  return folded;
}

}  // namespace

std::string fts5_phrase(std::string_view text) { return quoted(phrase_text(text)); }

std::string fts5_match_expression(std::string_view user_text) {
  struct Term {
    std::string phrase;    // FTS5 string
    std::string end_mark;  // FTS5 string of the end mark of its last bigram, or empty
  };
  std::vector<Term> terms;  // in the order typed
  std::vector<Term> function_words;
  auto add = [&](std::vector<Term>& to, std::string_view text) {
    std::string folded = phrase_text(text);
    Term t{quoted(folded), {}};
    auto same = [&](const Term& o) { return o.phrase == t.phrase; };
    if (std::find_if(terms.begin(), terms.end(), same) != terms.end() ||
        std::find_if(function_words.begin(), function_words.end(), same) != function_words.end())
      return;
    std::string mark = final_bigram_end_mark(folded);
    if (!mark.empty()) t.end_mark = quoted(mark);
    to.push_back(std::move(t));
  };
  for (const Part& part : split_on_quotes(user_text)) {
    if (terms.size() >= kMaxQueryTerms) break;
    if (part.quoted) {
      if (has_tokens(part.text)) add(terms, part.text);
      continue;
    }
    for (const Word& w : words(part.text)) {
      if (terms.size() >= kMaxQueryTerms) break;
      if (!has_tokens(w.text)) continue;  // e.g. a word of connector punctuation only
      add(is_function_word(w.text) ? function_words : terms, w.text);
    }
  }
  // A query of nothing but function words still means something (someone looking for 以及).
  if (terms.empty()) terms = std::move(function_words);
  if (terms.size() > kMaxQueryTerms) terms.resize(kMaxQueryTerms);
  std::string out;
  for (const Term& t : terms) {
    if (!out.empty()) out += " AND ";
    out += t.phrase;
    if (!t.end_mark.empty()) out += " AND " + t.end_mark;
  }
  return out;
}

std::string fts5_any_of(const std::vector<std::string>& words) {
  // No end marks: candidates for similarity need no highlight, and each one would be another
  // posting list to read.
  std::string out;
  for (const std::string& w : words) {
    if (!has_tokens(w)) continue;
    if (!out.empty()) out += " OR ";
    out += fts5_phrase(w);
  }
  return out;
}

}  // namespace plenum::search
