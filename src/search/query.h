// What a user typed in a search box → an FTS5 MATCH expression for a table whose tokenizer is
// plenum_chinese (src/store/sqlite/chinese_tokenizer.h).
//
// - Unquoted text is cut into words by ICU (segmenter.h); the words are required together
//   (AND), in any order and place. Function words (的, 和, 以及, ...) are dropped unless nothing
//   else is left; repeated words count once.
// - Text in quotes ("…", “…”, 「…」 or ＂…＂) is one phrase: its characters must appear in that
//   order, adjacent, punctuation and spaces ignored.
// - Every word or phrase that ends in two Han characters is followed by the end mark of its
//   last bigram (segmenter.h), which changes no result but lets highlight() mark the last
//   character: 教育公平 → "教育" AND "教育>" AND "公平" AND "公平>"; “义务教育” → "义务教育" AND
//   "教育>". highlight() then marks 教 and 育 separately ([教][育]); adjacent marks read as one.
// - Traditional characters and full-width or upper-case Latin need no care: the tokenizer folds
//   the query as it folded the documents.
// - Everything the user typed ends up inside FTS5 strings, so no input, however malformed
//   (operators, column filters, stray quotes, NUL bytes, invalid UTF-8), makes the MATCH fail
//   with a syntax error. At most kMaxQueryTerms words and phrases are kept.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plenum::search {

constexpr size_t kMaxQueryTerms = 32;

// Empty if nothing in the text can match (only punctuation or spaces): then run no query and
// show no rows (FTS5 rejects an empty MATCH).
std::string fts5_match_expression(std::string_view user_text);

// One FTS5 string: the text folded, in double quotes, inner double quotes doubled, NUL and other
// control characters turned into spaces.
std::string fts5_phrase(std::string_view text);

// Any of the words, each as a phrase, joined by OR; empty if none can match.
std::string fts5_any_of(const std::vector<std::string>& words);

}  // namespace plenum::search
