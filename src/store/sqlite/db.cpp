#include "store/sqlite/db.h"

#include "store/sqlite/chinese_tokenizer.h"
#include "store/store.h"

#include <sstream>

namespace plenum::store::sqlite {

std::string join_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out;
}

std::vector<int64_t> split_ids(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) if (!part.empty()) out.push_back(std::stoll(part));
  return out;
}


Db::Db(const std::string& path, bool read_only) {
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreFailure("cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  // Every connection, readers included, must know the tokenizer proposals_fts was built with.
  register_chinese_tokenizer(db_);
  // Readers and the login-session writer wait for the writer's lock instead of failing.
  sqlite3_busy_timeout(db_, 10000);
}

Db::~Db() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void Db::fail(const char* what) {
  throw StoreFailure(std::string(what) + ": " + sqlite3_errmsg(db_));
}

void Db::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw StoreFailure(std::string("sqlite: ") + msg + " in: " + std::string(sql).substr(0, 80));
  }
}

sqlite3_stmt* Db::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK)
    fail(("prepare " + sql.substr(0, 60)).c_str());
  cache_.emplace(sql, stmt);
  return stmt;
}

Query::Query(Db& db, const std::string& sql) : db_(db), stmt_(db.prepare(sql)) {}

Query::~Query() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Query& Query::bind(int64_t v) {
  if (sqlite3_bind_int64(stmt_, next_++, v) != SQLITE_OK) db_.fail("bind");
  return *this;
}

Query& Query::bind(std::string_view v) {
  if (sqlite3_bind_text(stmt_, next_++, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) !=
      SQLITE_OK)
    db_.fail("bind");
  return *this;
}

bool Query::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail("step");
}

void Query::run() {
  while (step()) {
  }
}

double Query::d(int col) const { return sqlite3_column_double(stmt_, col); }

int64_t Query::i(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Query::s(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
}

bool Query::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

int Query::columns() const { return sqlite3_column_count(stmt_); }

}  // namespace plenum::store::sqlite
