// Chinese search at scale: N synthetic proposals (default 1,000,000) indexed three ways in one
// run, on the same corpus and the same disk:
//   plenum    FTS5 with the plenum_chinese tokenizer (src/store/sqlite/chinese_tokenizer.h),
//             plus the document-frequency table of the similar-proposal lookup;
//   trigram   FTS5 with SQLite's built-in trigram tokenizer;
//   xapian    Xapian 1.4 with CJK n-grams (TermGenerator and QueryParser FLAG_CJK_NGRAM), BM25,
//             indexed without positions (its CJK queries do not use them), fed the raw text.
// Reports the build rate of each; p50/p99 latency of top-20 ranked queries of 1, 2 and 4 words
// (and of 1 word of at least 3 characters, the only kind trigram can match), with and without a
// filter (area and filing-date range); for two-character words, how many of the relevant
// documents each finds (relevant: the text contains the word after OpenCC's traditional-to-
// simplified conversion, found by scanning the corpus); and the similar-proposal lookup.
//
//   plenum_search_bench [--docs 1000000] [--queries 300] [--recall-words 30] [--like-words 3]
//                       [--similar 200] [--only plenum,trigram,xapian] [--seed 1]
//                       [--sources /work/shared/sources] [--dir PATH] [--keep] [--reuse DIR]
//
// --reuse DIR queries the indexes an earlier run left in DIR (with --keep, same --docs and
// --seed) instead of building them; the build table is then empty.
//
// The corpus: the sentences of the texts in --sources (split at 。！？； and line ends); each
// proposal has a title ("关于…的建议" around a clause of one sentence), a body of 4 to 10
// sentences, and random area, state, handling unit, session and filing date; 10 % are
// converted to traditional characters with OpenCC s2t. Everything comes from a seeded generator,
// so a run is reproducible; nothing generated is kept unless --keep.
//
// A benchmark, not a test: it checks what it can (every engine's hits for the recall words are
// compared with the ground truth) and asserts no timing. Figures go to docs/BENCHMARKS.md.
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <opencc/opencc.h>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/text.h"
#include "bench_support.h"
#include "search/query.h"
#include "search/segmenter.h"
#include "search/similarity.h"
#include "store/sqlite/chinese_tokenizer.h"
#include "store/sqlite/similar_search.h"

[[noreturn]] void plenum::bench::die(const std::string& what) {
  std::cerr << "plenum_search_bench: " << what << std::endl;
  std::exit(1);
}

namespace {

using plenum::bench::Clock;
using plenum::bench::die;
using plenum::bench::ms_between;
using plenum::bench::percentile;

struct Options {
  int64_t docs = 1'000'000;
  int queries = 300;
  int recall_words = 30;
  int like_words = 3;
  int similar = 200;
  uint64_t seed = 1;
  std::string only = "plenum,trigram,xapian";
  std::string sources = "/work/shared/sources";
  std::string dir;
  std::string reuse;  // a directory kept by an earlier run (--keep) with the same --docs and --seed
  bool keep = false;
  bool wants(const std::string& engine) const {
    return ("," + only + ",").find("," + engine + ",") != std::string::npos;
  }
};

// splitmix64: a small seeded generator whose sequence does not depend on the standard library.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(double p) { return static_cast<double>(next() >> 11) / 9007199254740992.0 < p; }

 private:
  uint64_t s_;
};

// ---------------------------------------------------------------------------------------------
// The corpus

constexpr int kAreas = 12;
constexpr int kStates = 5;
constexpr int kUnits = 40;
constexpr int kSessions = 5;
constexpr int kDays = 1827;  // filing dates: day 0 = 2020-01-01 … 2024-12-31

struct Doc {
  uint32_t title;  // index into titles
  uint32_t first;  // body: body_ids[first, first + n)
  uint8_t n;
  bool traditional;
  uint8_t area, state, unit, session;
  int32_t filed;  // day number
};

struct Corpus {
  std::vector<std::string> sentences[2];  // [0] as in the sources, [1] OpenCC s2t
  std::vector<std::string> titles[2];
  std::vector<uint32_t> body_ids;
  std::vector<Doc> docs;  // docs[i] is rowid i + 1

  std::string title(size_t i) const { return titles[docs[i].traditional][docs[i].title]; }
  std::string body(size_t i) const {
    const Doc& d = docs[i];
    std::string b;
    for (uint32_t k = 0; k < d.n; ++k) b += sentences[d.traditional][body_ids[d.first + k]];
    return b;
  }
  std::string simplified_text(size_t i) const {  // what a user who read it would type
    const Doc& d = docs[i];
    std::string t = titles[0][d.title] + "\n";
    for (uint32_t k = 0; k < d.n; ++k) t += sentences[0][body_ids[d.first + k]];
    return t;
  }
};

size_t utf8_length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t han_count(const std::string& s) {
  size_t n = 0;
  for (const auto& w : plenum::search::words(s)) n += w.ideographic ? utf8_length(w.text) : 0;
  return n;
}

// Cuts a UTF-8 string after at most `chars` code points.
std::string utf8_prefix(const std::string& s, size_t chars) {
  size_t i = 0, n = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) {
      if (n == chars) break;
      ++n;
    }
    ++i;
  }
  return s.substr(0, i);
}

std::vector<std::string> read_sentences(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  if (files.empty()) die("no .txt sources in " + dir);
  std::sort(files.begin(), files.end());
  const std::vector<std::string> ends = {"。", "！", "？", "；"};
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto keep = [&](std::string s) {
    s = plenum::trim(s);
    while (s.rfind("\xE3\x80\x80", 0) == 0) s = s.substr(3);  // ideographic spaces
    if (s.empty()) return;
    bool ended = false;
    for (const auto& e : ends)
      ended = ended || (s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0);
    if (!ended) s += "。";  // a sentence never runs into the next one
    if (han_count(s) < 8 || utf8_length(s) > 200 || !seen.insert(s).second) return;
    out.push_back(s);
  };
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      size_t start = 0;
      for (size_t i = 0; i < line.size();) {
        size_t m = 0;
        for (const auto& e : ends)
          if (line.compare(i, e.size(), e) == 0) m = e.size();
        if (m) {
          keep(line.substr(start, i + m - start));
          start = i + m;
          i += m;
        } else {
          ++i;
        }
      }
      keep(line.substr(start));
    }
  }
  return out;
}

Corpus make_corpus(const Options& o) {
  Corpus c;
  c.sentences[0] = read_sentences(o.sources);
  if (c.sentences[0].size() < 50) die("too few sentences in " + o.sources);
  // Titles: 关于 + the first clause of a sentence (at most 16 characters) + 的建议.
  std::set<std::string> seen;
  for (const auto& s : c.sentences[0]) {
    size_t cut = s.find("，");
    std::string clause = s.substr(0, cut == std::string::npos ? s.size() - 3 : cut);
    clause = utf8_prefix(clause, 16);
    std::string t = "关于" + clause + "的建议";
    if (han_count(clause) >= 4 && seen.insert(t).second) c.titles[0].push_back(t);
  }
  opencc::SimpleConverter s2t("s2t.json");
  for (int k = 0; k < 2; ++k) {
    auto& from = k == 0 ? c.sentences[0] : c.titles[0];
    auto& to = k == 0 ? c.sentences[1] : c.titles[1];
    for (const auto& s : from) to.push_back(s2t.Convert(s));
  }
  Rng rng(o.seed);
  c.docs.reserve(static_cast<size_t>(o.docs));
  c.body_ids.reserve(static_cast<size_t>(o.docs) * 7);
  for (int64_t i = 0; i < o.docs; ++i) {
    Doc d{};
    d.title = static_cast<uint32_t>(rng.below(c.titles[0].size()));
    d.first = static_cast<uint32_t>(c.body_ids.size());
    d.n = static_cast<uint8_t>(4 + rng.below(7));
    for (int k = 0; k < d.n; ++k) c.body_ids.push_back(static_cast<uint32_t>(rng.below(c.sentences[0].size())));
    d.traditional = rng.chance(0.10);
    d.area = static_cast<uint8_t>(rng.below(kAreas));
    d.state = static_cast<uint8_t>(rng.below(kStates));
    d.unit = static_cast<uint8_t>(rng.below(kUnits));
    d.session = static_cast<uint8_t>(1 + rng.below(kSessions));
    d.filed = static_cast<int32_t>(rng.below(kDays));
    c.docs.push_back(d);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// SQLite helpers

class Sql {
 public:
  explicit Sql(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) die("open " + path);
    plenum::store::sqlite::register_chinese_tokenizer(db_);
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536");
  }
  ~Sql() { sqlite3_close(db_); }
  sqlite3* raw() { return db_; }
  void exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK)
      die("sqlite: " + std::string(err ? err : "?") + " in " + sql);
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      die("prepare: " + std::string(sqlite3_errmsg(db_)) + " in " + sql);
    return s;
  }

 private:
  sqlite3* db_ = nullptr;
};

void bind_text(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

// Steps to the end; returns column 0 of every row. Dies on an error.
std::vector<int64_t> rowids(sqlite3* db, sqlite3_stmt* s) {
  std::vector<int64_t> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) out.push_back(sqlite3_column_int64(s, 0));
  if (rc != SQLITE_DONE) die(std::string("step: ") + sqlite3_errmsg(db));
  sqlite3_reset(s);
  sqlite3_clear_bindings(s);
  return out;
}

uint64_t directory_bytes(const std::string& path) {
  uint64_t n = 0;
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return std::filesystem::file_size(path, ec);
  for (const auto& e : std::filesystem::recursive_directory_iterator(path, ec))
    if (e.is_regular_file(ec)) n += e.file_size(ec);
  return n;
}

// Bytes of the tables whose names start with `prefix` (dbstat), or 0 if dbstat is missing.
uint64_t table_bytes(Sql& db, const std::string& prefix) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db.raw(), "SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?1", -1, &s, nullptr) != SQLITE_OK)
    return 0;
  bind_text(s, 1, prefix + "%");
  uint64_t n = sqlite3_step(s) == SQLITE_ROW ? static_cast<uint64_t>(sqlite3_column_int64(s, 0)) : 0;
  sqlite3_finalize(s);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Building the indexes

constexpr int kBatch = 10'000;

struct Build {
  double seconds = 0;
  double df_seconds = 0;  // plenum only: the similar-proposal document frequencies
  uint64_t index_bytes = 0;
};

// Proposals as a store would keep them: the searchable text in docs_text (the FTS table's
// external content) and the columns filters use in a narrow table, docs. Joining a filter to
// each match then reads a small, cached table rather than the rows holding the text.
void create_docs_tables(Sql& db, const Corpus& c) {
  db.exec("CREATE TABLE docs(id INTEGER PRIMARY KEY, area INT, state INT, unit INT, session INT, filed INT)");
  db.exec("CREATE TABLE docs_text(id INTEGER PRIMARY KEY, title TEXT, body TEXT)");
  db.exec("BEGIN");
  sqlite3_stmt* ins = db.prepare("INSERT INTO docs VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  sqlite3_stmt* text = db.prepare("INSERT INTO docs_text VALUES(?1, ?2, ?3)");
  for (size_t i = 0; i < c.docs.size(); ++i) {
    const Doc& d = c.docs[i];
    sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i + 1));
    sqlite3_bind_int(ins, 2, d.area);
    sqlite3_bind_int(ins, 3, d.state);
    sqlite3_bind_int(ins, 4, d.unit);
    sqlite3_bind_int(ins, 5, d.session);
    sqlite3_bind_int(ins, 6, d.filed);
    if (sqlite3_step(ins) != SQLITE_DONE) die(std::string("insert docs: ") + sqlite3_errmsg(db.raw()));
    sqlite3_reset(ins);
    sqlite3_bind_int64(text, 1, static_cast<int64_t>(i + 1));
    bind_text(text, 2, c.title(i));
    bind_text(text, 3, c.body(i));
    if (sqlite3_step(text) != SQLITE_DONE) die(std::string("insert docs_text: ") + sqlite3_errmsg(db.raw()));
    sqlite3_reset(text);
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(text);
  db.exec("COMMIT");
  db.exec("CREATE INDEX docs_area_filed ON docs(area, filed)");
}

// The FTS5 index over docs_text (external content), built in transactions of kBatch documents
// as proposals arrive; only the FTS inserts are timed.
Build build_fts(Sql& db, const Corpus& c, const std::string& tokenizer, bool similarity) {
  Build b;
  create_docs_tables(db, c);
  db.exec("CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs_text', content_rowid='id', tokenize='" +
          tokenizer + "')");
  sqlite3_stmt* ins = db.prepare("INSERT INTO docs_fts(rowid, title, body) VALUES(?1, ?2, ?3)");
  std::vector<std::string> titles, bodies;
  for (size_t from = 0; from < c.docs.size(); from += kBatch) {
    size_t to = std::min(c.docs.size(), from + kBatch);
    titles.clear();
    bodies.clear();
    for (size_t i = from; i < to; ++i) {
      titles.push_back(c.title(i));
      bodies.push_back(c.body(i));
    }
    auto t0 = Clock::now();
    db.exec("BEGIN");
    for (size_t i = from; i < to; ++i) {
      sqlite3_bind_int64(ins, 1, static_cast<int64_t>(i + 1));
      bind_text(ins, 2, titles[i - from]);
      bind_text(ins, 3, bodies[i - from]);
      if (sqlite3_step(ins) != SQLITE_DONE) die(std::string("insert fts: ") + sqlite3_errmsg(db.raw()));
      sqlite3_reset(ins);
    }
    db.exec("COMMIT");
    b.seconds += ms_between(t0, Clock::now()) / 1000;
    if (similarity) {
      // The document frequencies as the store keeps them: one add per proposal.
      auto t1 = Clock::now();
      db.exec("BEGIN");
      if (from == 0) plenum::store::sqlite::create_similarity_index(db.raw(), "docs_fts");
      for (size_t i = from; i < to; ++i)
        plenum::store::sqlite::add_to_similarity_index(db.raw(), "docs_fts",
                                                       titles[i - from] + "\n" + bodies[i - from]);
      db.exec("COMMIT");
      b.df_seconds += ms_between(t1, Clock::now()) / 1000;
    }
    if ((to / kBatch) % 10 == 0 || to == c.docs.size())
      std::cerr << "  " << tokenizer << ": " << to << " documents, " << b.seconds << " s (+ " << b.df_seconds
                << " s frequencies)\n";
  }
  sqlite3_finalize(ins);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  b.index_bytes = table_bytes(db, "docs_fts");
  return b;
}

Build build_xapian(const std::string& path, const Corpus& c) {
  Build b;
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator tg;
  tg.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
  std::string title, body;
  for (size_t i = 0; i < c.docs.size(); ++i) {
    title = c.title(i);
    body = c.body(i);
    auto t0 = Clock::now();
    Xapian::Document doc;
    tg.set_document(doc);
    // Without positions: Xapian's QueryParser turns CJK text into an AND of its n-grams, never a
    // phrase, so positions would only slow the build (about 2x here) and grow the index.
    tg.index_text_without_positions(title);
    tg.index_text_without_positions(body);
    doc.add_boolean_term("XA" + std::to_string(c.docs[i].area));
    doc.add_value(0, Xapian::sortable_serialise(c.docs[i].filed));
    db.replace_document(static_cast<Xapian::docid>(i + 1), doc);
    if ((i + 1) % kBatch == 0 || i + 1 == c.docs.size()) db.commit();  // as the FTS5 transactions
    b.seconds += ms_between(t0, Clock::now()) / 1000;
    if ((i + 1) % (10 * kBatch) == 0) std::cerr << "  xapian: " << i + 1 << " documents, " << b.seconds << " s\n";
  }
  db.close();
  b.index_bytes = directory_bytes(path);
  return b;
}

// ---------------------------------------------------------------------------------------------
// Queries

struct Query {
  std::vector<std::string> words;  // simplified, as a user would type them
  std::string text() const {
    std::string t;
    for (const auto& w : words) t += (t.empty() ? "" : " ") + w;
    return t;
  }
  int area = 0;
  int from_day = 0, to_day = 0;
};

// Topic words of random proposals: what someone who read one would search for.
std::vector<Query> make_queries(const Corpus& c, Rng& rng, int count, size_t words_per_query, size_t min_chars) {
  std::vector<Query> out;
  int guard = 0;
  while (static_cast<int>(out.size()) < count && ++guard < count * 100) {
    size_t i = rng.below(c.docs.size());
    std::vector<std::string> pool;
    for (auto& t : plenum::search::topic_words(c.simplified_text(i)))
      if (utf8_length(t.word) >= min_chars && plenum::search::words(t.word).size() == 1) pool.push_back(t.word);
    if (pool.size() < words_per_query) continue;
    Query q;
    for (size_t k = 0; k < words_per_query; ++k) {
      size_t j = k + rng.below(pool.size() - k);
      std::swap(pool[k], pool[j]);
      q.words.push_back(pool[k]);
    }
    q.area = c.docs[i].area;
    q.from_day = static_cast<int>(rng.below(kDays - 365));
    q.to_day = q.from_day + 365;
    out.push_back(std::move(q));
  }
  return out;
}

struct Latency {
  std::vector<double> ms;
  std::vector<double> hits;
};

enum class Ranking { kBm25, kFiltered, kRankColumn, kNewest, kTermCount, kNewestWindow };

// Diagnostic only: ranks by the number of matched instances, without bm25's document lengths
// (one B-tree lookup per matching row) and idf (one pass over each phrase's matches). Shows
// what those cost; not a ranking plenum offers.
void instance_count(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int, sqlite3_value**) {
  int n = 0;
  api->xInstCount(fts, &n);
  sqlite3_result_int(ctx, n);
}

void register_diagnostics(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr) != SQLITE_OK) die("fts5 api");
  sqlite3_bind_pointer(s, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  sqlite3_step(s);
  sqlite3_finalize(s);
  if (!api || api->xCreateFunction(api, "bench_instance_count", nullptr, instance_count, nullptr) != SQLITE_OK)
    die("cannot register bench_instance_count");
}

class FtsEngine {
 public:
  // `plenum_syntax`: queries built by search::fts5_match_expression (with the end marks only
  // plenum_chinese understands); otherwise each word as a plain FTS5 string, ANDed.
  FtsEngine(Sql& db, bool plenum_syntax) : db_(db), plenum_syntax_(plenum_syntax) {
    // bm25() rather than the rank column: ORDER BY rank makes FTS5 sort every match before the
    // LIMIT applies (the kRankColumn row measures it).
    top_ = db.prepare("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 ORDER BY bm25(docs_fts) LIMIT 20");
    by_rank_ = db.prepare("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 ORDER BY rank LIMIT 20");
    newest_ = db.prepare("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 ORDER BY rowid DESC LIMIT 20");
    window_ = db.prepare(
        "SELECT rowid FROM (SELECT rowid, bm25(docs_fts) AS score FROM docs_fts WHERE docs_fts MATCH ?1"
        " ORDER BY rowid DESC LIMIT 2000) ORDER BY score LIMIT 20");
    register_diagnostics(db.raw());
    counted_ = db.prepare(
        "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1 ORDER BY bench_instance_count(docs_fts) DESC LIMIT 20");
    filtered_ = db.prepare(
        // CROSS JOIN keeps the FTS table the outer loop: otherwise SQLite starts from the (area,
        // filed) index and evaluates the MATCH once per candidate row, which is far slower.
        "SELECT f.rowid FROM docs_fts f CROSS JOIN docs d ON d.id = f.rowid WHERE docs_fts MATCH ?1 AND d.area = ?2"
        " AND d.filed BETWEEN ?3 AND ?4 ORDER BY bm25(docs_fts) LIMIT 20");
    all_ = db.prepare("SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?1");
  }
  ~FtsEngine() {
    sqlite3_finalize(top_);
    sqlite3_finalize(by_rank_);
    sqlite3_finalize(newest_);
    sqlite3_finalize(window_);
    sqlite3_finalize(counted_);
    sqlite3_finalize(filtered_);
    sqlite3_finalize(all_);
  }
  size_t top(const Query& q, Ranking how) {
    std::string m = expression(q.text());
    if (m.empty()) return 0;
    sqlite3_stmt* s = how == Ranking::kFiltered       ? filtered_
                      : how == Ranking::kRankColumn   ? by_rank_
                      : how == Ranking::kNewest       ? newest_
                      : how == Ranking::kTermCount    ? counted_
                      : how == Ranking::kNewestWindow ? window_
                                                      : top_;
    bind_text(s, 1, m);
    if (how == Ranking::kFiltered) {
      sqlite3_bind_int(s, 2, q.area);
      sqlite3_bind_int(s, 3, q.from_day);
      sqlite3_bind_int(s, 4, q.to_day);
    }
    return rowids(db_.raw(), s).size();
  }
  std::vector<int64_t> all(const std::string& word) {
    bind_text(all_, 1, expression(word));
    return rowids(db_.raw(), all_);
  }
  std::string plan(bool filter) {
    std::string out;
    sqlite3_stmt* s = db_.prepare(std::string("EXPLAIN QUERY PLAN ") + sqlite3_sql(filter ? filtered_ : top_));
    while (sqlite3_step(s) == SQLITE_ROW)
      out += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 3))) + "; ";
    sqlite3_finalize(s);
    return out;
  }

 private:
  std::string expression(const std::string& text) {
    if (plenum_syntax_) return plenum::search::fts5_match_expression(text);
    std::string out;
    std::istringstream words(text);
    for (std::string w; words >> w;) out += (out.empty() ? "" : " AND ") + plenum::search::fts5_phrase(w);
    return out;
  }
  Sql& db_;
  bool plenum_syntax_;
  sqlite3_stmt* top_;
  sqlite3_stmt* by_rank_;
  sqlite3_stmt* newest_;
  sqlite3_stmt* window_;
  sqlite3_stmt* counted_;
  sqlite3_stmt* filtered_;
  sqlite3_stmt* all_;
};

class XapianEngine {
 public:
  explicit XapianEngine(const std::string& path) : db_(path), enquire_(db_) {
    parser_.set_database(db_);
    parser_.set_default_op(Xapian::Query::OP_AND);  // as the FTS5 expressions: every word required
  }
  Xapian::Query parse(const std::string& text) {
    return parser_.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_CJK_NGRAM);
  }
  size_t top(const Query& q, bool filter) {
    Xapian::Query query = parse(q.text());
    if (filter) {
      Xapian::Query where(Xapian::Query::OP_AND, Xapian::Query("XA" + std::to_string(q.area)),
                          Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, Xapian::sortable_serialise(q.from_day),
                                        Xapian::sortable_serialise(q.to_day)));
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, where);
    }
    enquire_.set_query(query);
    return enquire_.get_mset(0, 20).size();
  }
  std::vector<int64_t> all(const std::string& word) {
    enquire_.set_query(parse(word));
    Xapian::MSet m = enquire_.get_mset(0, db_.get_doccount());
    std::vector<int64_t> out;
    for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
    return out;
  }
  std::string describe(const std::string& text) { return parse(text).get_description(); }

 private:
  Xapian::Database db_;
  Xapian::Enquire enquire_;
  Xapian::QueryParser parser_;
};

struct Engines {
  std::unique_ptr<Sql> plenum_db, trigram_db;
  std::unique_ptr<FtsEngine> plenum, trigram;
  std::unique_ptr<XapianEngine> xapian;
};

struct Row {
  std::string label;
  std::map<std::string, Latency> by_engine;
};

// Runs every query on every engine, interleaved (query i on each engine in turn), after a
// warm-up pass over the first 20. With `diagnostics`, the plenum index is also queried through
// FTS5's rank column, newest first, ranked by instance count, and by bm25 among the newest
// 2,000 matches only (see FtsEngine).
Row run_queries(Engines& e, const std::string& label, const std::vector<Query>& qs, bool filter, bool diagnostics) {
  Row row{label, {}};
  const std::map<std::string, Ranking> kDiagnostics = {
      {"plenum, ORDER BY rank", Ranking::kRankColumn},
      {"plenum, newest first (diagnostic)", Ranking::kNewest},
      {"plenum, by instance count (diagnostic)", Ranking::kTermCount},
      {"plenum, bm25 of the newest 2,000 matches (diagnostic)", Ranking::kNewestWindow}};
  auto one = [&](const std::string& name, const Query& q, bool timed) {
    auto t0 = Clock::now();
    size_t n = 0;
    Ranking how = filter ? Ranking::kFiltered : Ranking::kBm25;
    if (name == "plenum")
      n = e.plenum->top(q, how);
    else if (kDiagnostics.count(name))
      n = e.plenum->top(q, kDiagnostics.at(name));
    else if (name == "trigram")
      n = e.trigram->top(q, how);
    else
      n = e.xapian->top(q, filter);
    double ms = ms_between(t0, Clock::now());
    if (timed) {
      row.by_engine[name].ms.push_back(ms);
      row.by_engine[name].hits.push_back(static_cast<double>(n));
    }
  };
  std::vector<std::string> names;
  if (e.plenum) names.push_back("plenum");
  if (e.plenum && diagnostics && !filter)
    for (const auto& [name, how] : kDiagnostics) names.push_back(name);
  if (e.trigram) names.push_back("trigram");
  if (e.xapian) names.push_back("xapian");
  for (size_t i = 0; i < qs.size() && i < 20; ++i)
    for (const auto& n : names) one(n, qs[i], false);
  for (const auto& q : qs)
    for (const auto& n : names) one(n, q, true);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Ground truth for two-character words

struct Truth {
  std::vector<char> relevant;  // by doc index
  size_t count = 0;
};

// Relevant = the text, converted by OpenCC t2s (whole-text conversion with its phrase tables,
// not plenum's per-character folding), contains the word.
class GroundTruth {
 public:
  explicit GroundTruth(const Corpus& c) : c_(c) {
    opencc::SimpleConverter t2s("t2s.json");
    for (int v = 0; v < 2; ++v) {
      for (const auto& s : c.sentences[v]) sentences_[v].push_back(t2s.Convert(s));
      for (const auto& s : c.titles[v]) titles_[v].push_back(t2s.Convert(s));
    }
  }
  Truth of(const std::string& word) const {
    std::vector<char> in_sentence[2], in_title[2];
    for (int v = 0; v < 2; ++v) {
      for (const auto& s : sentences_[v]) in_sentence[v].push_back(s.find(word) != std::string::npos);
      for (const auto& s : titles_[v]) in_title[v].push_back(s.find(word) != std::string::npos);
    }
    Truth t;
    t.relevant.resize(c_.docs.size());
    for (size_t i = 0; i < c_.docs.size(); ++i) {
      const Doc& d = c_.docs[i];
      bool r = in_title[d.traditional][d.title];
      for (uint32_t k = 0; !r && k < d.n; ++k) r = in_sentence[d.traditional][c_.body_ids[d.first + k]];
      t.relevant[i] = r;
      t.count += r;
    }
    return t;
  }

 private:
  const Corpus& c_;
  std::vector<std::string> sentences_[2], titles_[2];
};

struct Recall {
  size_t found = 0;     // relevant documents returned
  size_t returned = 0;  // all documents returned
};

Recall score(const Truth& t, const std::vector<int64_t>& hits) {
  Recall r;
  r.returned = hits.size();
  for (int64_t id : hits)
    if (id >= 1 && static_cast<size_t>(id) <= t.relevant.size() && t.relevant[static_cast<size_t>(id - 1)]) ++r.found;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Output

std::string fmt(double v, int decimals = 1) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}

std::string thousands(double v) {
  std::string s = std::to_string(static_cast<int64_t>(v + 0.5));
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

void print_row(const Row& row) {
  for (const auto& [name, l] : row.by_engine) {
    double p50 = percentile(l.ms, 50), p99 = percentile(l.ms, 99);
    std::cout << "| " << row.label << " | " << name << " | " << l.ms.size() << " | " << fmt(p50, 2) << " | "
              << fmt(p99, 2) << " | " << fmt(percentile(l.ms, 100), 1) << " | " << fmt(percentile(l.hits, 50), 0)
              << " |";
    auto base = row.by_engine.find("xapian");
    if (base != row.by_engine.end() && name != "xapian")
      std::cout << " " << fmt(p50 / percentile(base->second.ms, 50), 2) << " / "
                << fmt(p99 / percentile(base->second.ms, 99), 2) << " |";
    else
      std::cout << " |";
    std::cout << "\n";
  }
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die(a + " needs a value");
      return argv[++i];
    };
    if (a == "--docs")
      o.docs = std::stoll(value());
    else if (a == "--queries")
      o.queries = std::stoi(value());
    else if (a == "--recall-words")
      o.recall_words = std::stoi(value());
    else if (a == "--like-words")
      o.like_words = std::stoi(value());
    else if (a == "--similar")
      o.similar = std::stoi(value());
    else if (a == "--seed")
      o.seed = std::stoull(value());
    else if (a == "--only")
      o.only = value();
    else if (a == "--sources")
      o.sources = value();
    else if (a == "--dir")
      o.dir = value();
    else if (a == "--keep")
      o.keep = true;
    else if (a == "--reuse")
      o.reuse = value();
    else
      die("unknown argument " + a + " (see the comment at the top of bench/search_bench.cpp)");
  }
  if (o.docs < 100) die("--docs must be at least 100");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  if (auto s = plenum::search::load_folding_tables(); !s.is_ok()) die(s.error().message_en);
  std::string root = plenum::bench::pick_root(o.dir);
  plenum::bench::TempDir dir(root, o.keep, "plenum-search-bench");
  std::cout << "# plenum_search_bench: " << thousands(static_cast<double>(o.docs)) << " documents, scratch " << dir.path
            << " (" << plenum::bench::filesystem_type(dir.path) << ")\n\n";

  auto t0 = Clock::now();
  Corpus corpus = make_corpus(o);
  double text_bytes = 0;
  for (size_t i = 0; i < corpus.docs.size(); i += 97)
    text_bytes += static_cast<double>(corpus.title(i).size() + corpus.body(i).size());
  text_bytes *= 97;
  std::cout << "Corpus: " << corpus.sentences[0].size() << " sentences and " << corpus.titles[0].size()
            << " titles from " << o.sources << "; about " << fmt(text_bytes / 1e6, 0) << " MB of text ("
            << fmt(text_bytes / static_cast<double>(corpus.docs.size()), 0) << " bytes per proposal), generated in "
            << fmt(ms_between(t0, Clock::now()) / 1000, 1) << " s\n\n";

  // Build (or reopen).
  Engines e;
  std::map<std::string, Build> builds;
  std::string where = o.reuse.empty() ? dir.path : o.reuse;
  auto reopened = [&](Sql& db) {
    sqlite3_stmt* s = db.prepare("SELECT count(*) FROM docs");
    int64_t rows = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    if (rows != o.docs)
      die("--reuse: " + where + " holds " + std::to_string(rows) + " documents, not " + std::to_string(o.docs));
  };
  if (o.wants("plenum")) {
    std::cerr << "building plenum_chinese\n";
    e.plenum_db = std::make_unique<Sql>(where + "/plenum.db");
    if (o.reuse.empty())
      builds["plenum"] = build_fts(*e.plenum_db, corpus, "plenum_chinese", true);
    else
      reopened(*e.plenum_db);
    e.plenum = std::make_unique<FtsEngine>(*e.plenum_db, true);
  }
  if (o.wants("trigram")) {
    std::cerr << "building trigram\n";
    e.trigram_db = std::make_unique<Sql>(where + "/trigram.db");
    if (o.reuse.empty())
      builds["trigram"] = build_fts(*e.trigram_db, corpus, "trigram", false);
    else
      reopened(*e.trigram_db);
    e.trigram = std::make_unique<FtsEngine>(*e.trigram_db, false);
  }
  if (o.wants("xapian")) {
    std::cerr << "building xapian\n";
    if (o.reuse.empty()) builds["xapian"] = build_xapian(where + "/xapian", corpus);
    e.xapian = std::make_unique<XapianEngine>(where + "/xapian");
  }
  std::vector<std::string> engines;
  if (e.plenum) engines.push_back("plenum");
  if (e.trigram) engines.push_back("trigram");
  if (e.xapian) engines.push_back("xapian");
  double n = static_cast<double>(corpus.docs.size());
  std::cout
      << "## Build\n\n| index | seconds | documents/s | index size MB | rate / xapian |\n|---|---:|---:|---:|---:|\n";
  for (const auto& [name, b] : builds) {
    std::cout << "| " << name << " | " << fmt(b.seconds) << " | " << thousands(n / b.seconds) << " | "
              << fmt(static_cast<double>(b.index_bytes) / 1048576.0, 0) << " | ";
    if (builds.count("xapian")) std::cout << fmt((n / b.seconds) / (n / builds["xapian"].seconds), 2);
    std::cout << " |\n";
    if (b.df_seconds > 0)
      std::cout << "| plenum similarity frequencies (add_to_similarity_index) | " << fmt(b.df_seconds) << " | "
                << thousands(n / b.df_seconds) << " | "
                << fmt(static_cast<double>(table_bytes(*e.plenum_db, "docs_fts_words")) / 1048576.0, 0) << " | |\n";
  }
  std::cout << "\n";
  if (e.plenum)
    std::cout << "plenum plan: " << e.plenum->plan(false) << "\nplenum filtered plan: " << e.plenum->plan(true) << "\n";

  // Queries.
  Rng rng(o.seed * 7919 + 17);
  std::vector<std::pair<std::string, std::vector<Query>>> sets;
  sets.push_back({"1 word", make_queries(corpus, rng, o.queries, 1, 2)});
  sets.push_back({"2 words", make_queries(corpus, rng, o.queries, 2, 2)});
  sets.push_back({"4 words", make_queries(corpus, rng, o.queries, 4, 2)});
  sets.push_back({"1 word of ≥ 3 characters", make_queries(corpus, rng, o.queries, 1, 3)});
  std::cout << "\nQuery examples:";
  for (const auto& [label, qs] : sets) std::cout << " [" << label << "] " << (qs.empty() ? "" : qs[0].text()) << ";";
  if (e.xapian && !sets[1].second.empty())
    std::cout << "\nXapian parses \"" << sets[1].second[0].text() << "\" as "
              << e.xapian->describe(sets[1].second[0].text());
  std::cout << "\n\n## Query latency (ms), top 20 by relevance\n\n"
            << "| queries | engine | n | p50 | p99 | max | median hits | p50 / p99 vs xapian |\n"
            << "|---|---|---:|---:|---:|---:|---:|---:|\n";
  std::vector<Row> rows;
  for (size_t k = 0; k < sets.size(); ++k) {
    rows.push_back(run_queries(e, sets[k].first, sets[k].second, false, k < 2));
    print_row(rows.back());
  }
  for (size_t k = 0; k < 2; ++k) {
    rows.push_back(run_queries(e, sets[k].first + ", area + 1-year filing range", sets[k].second, true, false));
    print_row(rows.back());
  }
  std::cout.flush();

  // Recall for two-character words, spread over the range of document frequencies.
  std::cout << "\n## Two-character words: relevant documents found\n\n";
  GroundTruth truth(corpus);
  std::map<std::string, size_t> df;
  for (size_t i = 0; i < corpus.docs.size(); i += std::max<size_t>(1, corpus.docs.size() / 20000))
    for (const auto& t : plenum::search::distinct_topic_words(corpus.simplified_text(i)))
      if (utf8_length(t) == 2 && plenum::search::words(t).size() == 1) ++df[t];
  std::vector<std::pair<size_t, std::string>> by_df;
  for (const auto& [w, k] : df) by_df.push_back({k, w});
  std::sort(by_df.begin(), by_df.end());
  std::vector<std::string> recall_words;
  for (int k = 0; k < o.recall_words && !by_df.empty(); ++k)
    recall_words.push_back(by_df[by_df.size() * static_cast<size_t>(k) / static_cast<size_t>(o.recall_words)].second);
  std::sort(recall_words.begin(), recall_words.end());
  recall_words.erase(std::unique(recall_words.begin(), recall_words.end()), recall_words.end());
  std::cout << "| word | relevant | of them in traditional text |";
  for (const auto& name : engines) std::cout << " " << name << " found (returned) |";
  std::cout << "\n|---|---:|---:|";
  for (size_t k = 0; k < engines.size(); ++k) std::cout << "---:|";
  std::cout << "\n";
  std::map<std::string, Recall> totals;
  size_t total_relevant = 0;
  for (const auto& w : recall_words) {
    Truth t = truth.of(w);
    size_t traditional = 0;
    for (size_t i = 0; i < corpus.docs.size(); ++i) traditional += t.relevant[i] && corpus.docs[i].traditional;
    total_relevant += t.count;
    std::cout << "| " << w << " | " << thousands(static_cast<double>(t.count)) << " | "
              << thousands(static_cast<double>(traditional)) << " |";
    for (const auto& name : engines) {
      std::vector<int64_t> hits = name == "plenum"    ? e.plenum->all(w)
                                  : name == "trigram" ? e.trigram->all(w)
                                                      : e.xapian->all(w);
      Recall r = score(t, hits);
      totals[name].found += r.found;
      totals[name].returned += r.returned;
      std::cout << " " << thousands(static_cast<double>(r.found)) << " (" << thousands(static_cast<double>(r.returned))
                << ") |";
    }
    std::cout << "\n";
  }
  std::cout << "| **all " << recall_words.size() << " words** | " << thousands(static_cast<double>(total_relevant))
            << " | |";
  for (const auto& [name, r] : totals)
    std::cout << " **"
              << fmt(100.0 * static_cast<double>(r.found) / static_cast<double>(std::max<size_t>(1, total_relevant)), 2)
              << " %** (" << thousands(static_cast<double>(r.returned)) << ") |";
  std::cout << "\n";

  // The trigram index answers a two-character MATCH with nothing; its fallback is LIKE, which
  // the trigram index cannot serve below three characters either: a scan of every row.
  if (e.trigram && o.like_words > 0) {
    std::cout << "\nTrigram fallback, `title LIKE '%w%' OR body LIKE '%w%'` on the FTS5 table (full scan):\n\n"
              << "| word | ms | relevant | found (returned) |\n|---|---:|---:|---:|\n";
    sqlite3_stmt* like = e.trigram_db->prepare("SELECT rowid FROM docs_fts WHERE title LIKE ?1 OR body LIKE ?1");
    for (int k = 0; k < o.like_words && k < static_cast<int>(recall_words.size()); ++k) {
      const std::string& w =
          recall_words[recall_words.size() * static_cast<size_t>(k) / static_cast<size_t>(o.like_words)];
      Truth t = truth.of(w);
      bind_text(like, 1, "%" + w + "%");
      auto t1 = Clock::now();
      std::vector<int64_t> hits = rowids(e.trigram_db->raw(), like);
      double ms = ms_between(t1, Clock::now());
      Recall r = score(t, hits);
      std::cout << "| " << w << " | " << fmt(ms, 0) << " | " << thousands(static_cast<double>(t.count)) << " | "
                << thousands(static_cast<double>(r.found)) << " (" << thousands(static_cast<double>(r.returned))
                << ") |\n";
    }
    sqlite3_finalize(like);
  }
  std::cout.flush();

  // Similar-proposal lookup: a stored proposal's text with one body sentence left out, as a
  // resubmission would differ; the original should come first.
  if (e.plenum && o.similar > 0) {
    std::vector<double> ms;
    int first = 0, top5 = 0;
    Rng srng(o.seed * 31 + 5);
    for (int k = 0; k < o.similar + 10; ++k) {
      size_t i = srng.below(corpus.docs.size());
      const Doc& d = corpus.docs[i];
      size_t drop = srng.below(d.n);
      std::string text = corpus.titles[d.traditional][d.title] + "\n";
      for (uint32_t s = 0; s < d.n; ++s)
        if (s != drop) text += corpus.sentences[d.traditional][corpus.body_ids[d.first + s]];
      auto t1 = Clock::now();
      auto hits = plenum::store::sqlite::similar_documents(e.plenum_db->raw(), "docs_fts", text, 5, 0);
      double elapsed = ms_between(t1, Clock::now());
      if (k < 10) continue;  // warm-up
      ms.push_back(elapsed);
      for (size_t h = 0; h < hits.size(); ++h)
        if (hits[h].rowid == static_cast<int64_t>(i + 1)) {
          first += h == 0;
          ++top5;
        }
    }
    std::cout << "\n## Similar-proposal lookup (similar_documents, 5 results)\n\n"
              << "| lookups | p50 ms | p99 ms | max ms | original first | original in top 5 "
                 "|\n|---:|---:|---:|---:|---:|---:|\n"
              << "| " << ms.size() << " | " << fmt(percentile(ms, 50), 2) << " | " << fmt(percentile(ms, 99), 2)
              << " | " << fmt(percentile(ms, 100), 1) << " | " << first << " | " << top5 << " |\n";
  }
  std::cout << "\nTotal " << fmt(ms_between(t0, Clock::now()) / 1000, 0) << " s\n";
  return 0;
}
