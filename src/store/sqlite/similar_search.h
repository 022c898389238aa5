// Similar-proposal lookup (并案 candidates) over an FTS5 table tokenized by plenum_chinese, for
// checking every new submission against everything stored. The arithmetic is in
// src/search/similarity.h; this file is its SQL.
//
// How: the new text's topic words are weighted by TF-IDF with document frequencies kept in a
// side table; kSimilarQueryWords strong words spread over it (TermVector::spread) go to FTS5
// as an OR query, ranked by the
// summed idf of the words each document shares (the auxiliary function plenum_shared_weight,
// registered by register_chinese_tokenizer: bm25 would look up the length of every matching
// row, which costs more than everything else), limited to kSimilarCandidates rows; those
// candidates are re-read, weighted the same way and ranked by cosine similarity to the text.
//
// The side table "<fts_table>_words"(word TEXT PRIMARY KEY, documents INTEGER) WITHOUT ROWID
// holds, per topic word, how many stored documents contain it; the row with word '' holds the
// number of documents. The caller keeps it in step with the FTS table, in the same transaction:
//
//   CREATE VIRTUAL TABLE proposals_fts USING fts5(title, body, tokenize='plenum_chinese');
//   create_similarity_index(db, "proposals_fts");                    // once, with the schema
//   INSERT INTO proposals_fts(rowid, title, body) ...;
//   add_to_similarity_index(db, "proposals_fts", title + "\n" + body);
//   ... and remove_from_similarity_index() with the old text before a delete or an update.
//
// A document's text, for the re-ranking, is every column of the FTS table joined by "\n" (an
// external-content table reads them from its content table; a contentless one cannot be used).
// Pass the new text in the same shape.
//
// Errors (SQL failures, a missing table) throw StoreFailure, like the rest of the SQLite
// backend. Not thread-safe beyond what the connection is: one thread per sqlite3* at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace plenum::store::sqlite {

struct SimilarHit {
  int64_t rowid = 0;
  double score = 0;  // cosine of the TF-IDF vectors, in (0, 1]; near 1 for a near-duplicate
};

constexpr int kSimilarQueryWords = 8;
constexpr int kSimilarCandidates = 50;

void create_similarity_index(sqlite3* db, const std::string& fts_table);
void add_to_similarity_index(sqlite3* db, const std::string& fts_table, std::string_view text);
void remove_from_similarity_index(sqlite3* db, const std::string& fts_table, std::string_view text);
// Recounts the side table from every row of the FTS table (after a bulk import, or to repair).
void rebuild_similarity_index(sqlite3* db, const std::string& fts_table);

// The `limit` stored documents most similar to `text`, best first (ties by rowid), leaving out
// `exclude_rowid` (the document's own row when it is already stored; 0 when it is not) and
// documents sharing no weighted word with it.
// Called by register_chinese_tokenizer(): the FTS5 auxiliary function similar_documents uses.
void register_similarity_functions(fts5_api* api);

std::vector<SimilarHit> similar_documents(sqlite3* db, const std::string& fts_table, std::string_view text, int limit,
                                          int64_t exclude_rowid);

}  // namespace plenum::store::sqlite
