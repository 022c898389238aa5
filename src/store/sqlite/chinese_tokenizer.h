// The FTS5 tokenizer "plenum_chinese" (DESIGN.md section 5): Chinese full-text search with BM25
// ranking, highlight() and snippet(), phrase queries, one- and two-character queries, and
// simplified queries that find traditional text.
//
//   CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, tokenize='plenum_chinese');
//   SELECT rowid, highlight(proposals_fts, 1, '<mark>', '</mark>') FROM proposals_fts
//    WHERE proposals_fts MATCH ?1 ORDER BY bm25(proposals_fts) LIMIT 20;
//   -- ?1 = search::fts5_match_expression(what the user typed)  (src/search/query.h); if it is
//   -- empty, show no rows without querying.
//
// Tokens are search::tokenize()'s (src/search/segmenter.h): every Han character takes one
// position, holding its unigram, the bigram it starts and the (marked) bigram it ends. A query
// word of n ≥ 2 characters is the phrase of its n−1 bigrams, ANDed by the query builder with
// the end mark of its last bigram ("教育" AND "教育>"): a two-character word is then two single
// tokens with short posting lists and no position check, and the end mark gives highlight()
// the word's last character ([教][育]; adjacent marks read as one). Why not ICU words as tokens:
// a word index finds 教育 in 高等教育 only where ICU's dictionary happened to cut the same way,
// and documents would be unfindable by words the dictionary does not know. Why not the trigram
// tokenizer: it cannot match fewer than three characters. Why not unigrams alone: phrase
// queries over the posting lists of 的 and 会 are slow; a bigram's list is short. Why end marks
// (half again as much index): a phrase ending with the last character's unigram, or with the
// end mark inside the phrase, was 1.7 to 2.5 times slower (p50) on 2- and 4-word queries, and bigrams
// alone leave the last character unhighlighted (docs/BENCHMARKS.md, "Chinese search").
//
// Ranking: prefer `ORDER BY bm25(t) LIMIT n` to `ORDER BY rank LIMIT n` on SQLite 3.40: the
// latter makes FTS5 sort every match in full before the LIMIT applies (measured about twice as
// slow for common words). With filters on other tables, keep the FTS table the outer loop
// (`FROM t CROSS JOIN other ...`), or SQLite may evaluate the MATCH once per filtered row.
//
// Byte offsets point into the original text, so highlight() marks exactly the characters of the
// stored text (traditional or not) that matched.
//
// Table arguments: none. Prefix queries ("教*") are not supported (they match as plain terms).
#pragma once

#include <sqlite3.h>

namespace plenum::store::sqlite {

constexpr const char* kChineseTokenizer = "plenum_chinese";

// Registers the tokenizer on one connection (every connection that reads or writes a table
// using it must call this first), with the auxiliary function similar_documents() needs
// (similar_search.h). Throws StoreFailure if the SQLite library has no FTS5 or the
// OpenCC traditional-to-simplified data cannot be loaded.
void register_chinese_tokenizer(sqlite3* db);

}  // namespace plenum::store::sqlite
