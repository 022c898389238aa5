#include "store/sqlite/similar_search.h"

#include <algorithm>
#include <unordered_map>

#include "search/query.h"
#include "search/segmenter.h"
#include "search/similarity.h"
#include "store/store.h"

namespace plenum::store::sqlite {
namespace {

std::string quoted(const std::string& identifier) {
  std::string out = "\"";
  for (char c : identifier) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string words_table(const std::string& fts_table) { return quoted(fts_table + "_words"); }

// One prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
      fail("prepare " + sql.substr(0, 60));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, int64_t v) {
    if (sqlite3_bind_int64(stmt_, i, v) != SQLITE_OK) fail("bind");
  }
  void bind(int i, std::string_view v) {
    if (sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail("bind");
  }
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("step");
    return false;
  }
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  sqlite3_stmt* raw() { return stmt_; }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw StoreFailure("similar search: " + what + ": " + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Every text column of the current row, joined by "\n".
std::string row_text(sqlite3_stmt* stmt) {
  std::string text;
  for (int c = 0, n = sqlite3_column_count(stmt); c < n; ++c) {
    if (sqlite3_column_type(stmt, c) != SQLITE_TEXT) continue;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
    if (!text.empty()) text += '\n';
    text.append(p, static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
  }
  return text;
}

// Adds `delta` to the document count and to the frequency of every word of `text`.
void adjust(sqlite3* db, const std::string& fts_table, std::string_view text, int delta) {
  std::string table = words_table(fts_table);
  Statement add(db, "INSERT INTO " + table +
                        "(word, documents) VALUES(?1, ?2) "
                        "ON CONFLICT(word) DO UPDATE SET documents = documents + ?2");
  auto bump = [&](std::string_view word) {
    add.bind(1, word);
    add.bind(2, static_cast<int64_t>(delta));
    add.run();
  };
  bump("");
  for (const std::string& w : search::distinct_topic_words(text)) bump(w);
  if (delta < 0) Statement(db, "DELETE FROM " + table + " WHERE documents <= 0 AND word <> ''").run();
}

// Document frequencies, each looked up once per call.
class Frequencies {
 public:
  Frequencies(sqlite3* db, const std::string& fts_table)
      : lookup_(db, "SELECT documents FROM " + words_table(fts_table) + " WHERE word = ?1") {
    documents_ = count("");
  }
  double idf(const std::string& word) {
    auto [it, fresh] = idf_.try_emplace(word, 0.0);
    if (fresh) it->second = search::inverse_document_frequency(documents_, count(word));
    return it->second;
  }

 private:
  int64_t count(std::string_view word) {
    lookup_.bind(1, word);
    int64_t n = lookup_.step() ? lookup_.integer(0) : 0;
    lookup_.reset();
    return n;
  }
  Statement lookup_;
  int64_t documents_ = 0;
  std::unordered_map<std::string, double> idf_;
};

// plenum_shared_weight(fts, w0, w1, ...): the sum of w_i over the query's phrases i that occur
// in the row. A cheap stand-in for bm25 when gathering candidates: bm25 looks up every matching
// row's length (a B-tree search per row, most of its cost), and the candidates are re-ranked
// by cosine anyway.
void shared_weight(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int n_args,
                   sqlite3_value** args) {
  double sum = 0;
  int phrases = api->xPhraseCount(fts);
  for (int i = 0; i < phrases && i < n_args; ++i) {
    Fts5PhraseIter it;
    int column = -1, offset = -1;
    if (api->xPhraseFirst(fts, i, &it, &column, &offset) != SQLITE_OK) {
      sqlite3_result_error(ctx, "plenum_shared_weight: cannot read a phrase", -1);
      return;
    }
    if (column >= 0) sum += sqlite3_value_double(args[i]);
  }
  sqlite3_result_double(ctx, sum);
}

}  // namespace

void register_similarity_functions(fts5_api* api) {
  if (api->xCreateFunction(api, "plenum_shared_weight", nullptr, shared_weight, nullptr) != SQLITE_OK)
    throw StoreFailure("cannot register the FTS5 function plenum_shared_weight");
}

void create_similarity_index(sqlite3* db, const std::string& fts_table) {
  Statement(db, "CREATE TABLE IF NOT EXISTS " + words_table(fts_table) +
                    "(word TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID")
      .run();
}

void add_to_similarity_index(sqlite3* db, const std::string& fts_table, std::string_view text) {
  adjust(db, fts_table, text, +1);
}

void remove_from_similarity_index(sqlite3* db, const std::string& fts_table, std::string_view text) {
  adjust(db, fts_table, text, -1);
}

void rebuild_similarity_index(sqlite3* db, const std::string& fts_table) {
  std::unordered_map<std::string, int64_t> df;
  int64_t documents = 0;
  {
    Statement rows(db, "SELECT * FROM " + quoted(fts_table));
    while (rows.step()) {
      ++documents;
      for (std::string& w : search::distinct_topic_words(row_text(rows.raw()))) ++df[std::move(w)];
    }
  }
  std::string table = words_table(fts_table);
  Statement(db, "DELETE FROM " + table).run();
  Statement insert(db, "INSERT INTO " + table + "(word, documents) VALUES(?1, ?2)");
  insert.bind(1, std::string_view(""));
  insert.bind(2, documents);
  insert.run();
  for (const auto& [word, n] : df) {
    insert.bind(1, word);
    insert.bind(2, n);
    insert.run();
  }
}

std::vector<SimilarHit> similar_documents(sqlite3* db, const std::string& fts_table, std::string_view text, int limit,
                                          int64_t exclude_rowid) {
  std::vector<SimilarHit> hits;
  if (limit <= 0) return hits;
  Frequencies frequencies(db, fts_table);
  auto idf = [&](const std::string& w) { return frequencies.idf(w); };
  search::TermVector wanted(search::topic_words(text), idf);

  // Candidates: documents sharing strong words spread over the text, ranked by the summed idf
  // of the words they share. With enough words they are asked for in pairs, each pair joining
  // two distant stretches of the text ((w0 AND w4) OR (w1 AND w5) ...): the union of single
  // words is most of the collection when words are common, while a document holding both
  // words of a pair shares more than one passage with the text, which is what a merge
  // candidate does. FTS5 numbers phrases in the order written, so weights follow that order.
  std::vector<std::string> picked;
  for (std::string& w : wanted.spread(text, kSimilarQueryWords))
    if (search::has_tokens(w)) picked.push_back(std::move(w));
  if (picked.empty()) return hits;
  std::string match;
  std::vector<double> weights;
  auto phrase = [&](const std::string& w) {
    weights.push_back(frequencies.idf(w));
    return search::fts5_phrase(w);
  };
  if (picked.size() < 4) {
    for (const std::string& w : picked) match += (match.empty() ? "" : " OR ") + phrase(w);
  } else {
    size_t half = picked.size() / 2;
    for (size_t i = 0; i < half; ++i) {
      std::string a = phrase(picked[i]);
      std::string b = phrase(picked[i + half]);
      match += (match.empty() ? "(" : " OR (") + a + " AND " + b + ")";
    }
    if (picked.size() % 2) match += " OR (" + phrase(picked[half - 1]) + " AND " + phrase(picked.back()) + ")";
  }
  std::string table = quoted(fts_table);
  std::vector<int64_t> candidates;
  {
    std::string weight_args;
    for (size_t i = 0; i < weights.size(); ++i) weight_args += ", ?" + std::to_string(i + 4);
    Statement find(db, "SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 AND rowid <> ?2 " +
                           "ORDER BY plenum_shared_weight(" + table + weight_args + ") DESC LIMIT ?3");
    find.bind(1, match);
    find.bind(2, exclude_rowid);
    find.bind(3, static_cast<int64_t>(std::max(kSimilarCandidates, limit)));
    for (size_t i = 0; i < weights.size(); ++i)
      if (sqlite3_bind_double(find.raw(), static_cast<int>(i + 4), weights[i]) != SQLITE_OK)
        throw StoreFailure("similar search: bind");
    while (find.step()) candidates.push_back(find.integer(0));
  }

  // Re-rank by cosine over the whole texts.
  Statement read(db, "SELECT * FROM " + table + " WHERE rowid = ?1");
  for (int64_t rowid : candidates) {
    read.bind(1, rowid);
    if (read.step()) {
      search::TermVector stored(search::topic_words(row_text(read.raw())), idf);
      double score = wanted.cosine(stored);
      if (score > 0) hits.push_back({rowid, score});
    }
    read.reset();
  }
  std::sort(hits.begin(), hits.end(), [](const SimilarHit& a, const SimilarHit& b) {
    return a.score != b.score ? a.score > b.score : a.rowid < b.rowid;
  });
  if (hits.size() > static_cast<size_t>(limit)) hits.resize(static_cast<size_t>(limit));
  return hits;
}

}  // namespace plenum::store::sqlite
