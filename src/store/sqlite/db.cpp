#include "store/sqlite/db.h"

#include <algorithm>
#include <cerrno>

#include "store/sqlite/chinese_tokenizer.h"
#include "store/sqlite/timed_vfs.h"

namespace plenum::store::sqlite {

Db::Db(const std::string& path, bool read_only) {
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // URIs: an upgrade attaches the old file as "file:…?mode=ro" (store/sqlite/archive.cpp).
  flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (sqlite3_open_v2(path.c_str(), &db_, flags, timed_vfs()) != SQLITE_OK) {
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
  sqlite3_set_authorizer(db_, &Db::authorize, this);
}

Db::~Db() {
  cache_.clear();  // finalizes every statement before the connection closes
  sqlite3_close(db_);
}

int Db::authorize(void* self, int action, const char* a, const char*, const char*, const char*) {
  auto* db = static_cast<Db*>(self);
  // The schema tables are written only when a virtual table connects (FTS5 declares itself on
  // its first use in a statement): that is no write of the statement's own.
  if (!db->collecting_ || !a || std::string_view(a).rfind("sqlite_", 0) == 0) return SQLITE_OK;
  if (action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) {
    std::string table(a);
    if (std::find(db->collecting_->begin(), db->collecting_->end(), table) == db->collecting_->end())
      db->collecting_->push_back(std::move(table));
  }
  return SQLITE_OK;
}

void Db::fail(const char* what) { throw_failure(std::string(what) + ": " + sqlite3_errmsg(db_)); }

void Db::throw_failure(const std::string& message) {
  // SQLite says SQLITE_FULL when it knows; a write() that met ENOSPC may surface as an I/O
  // error (SQLITE_IOERR_WRITE, _FSYNC, ...) whose system errno tells the cause.
  bool full = (sqlite3_extended_errcode(db_) & 0xff) == SQLITE_FULL || sqlite3_system_errno(db_) == ENOSPC;
  if (full) throw StorageFull(message);
  throw StoreFailure(message);
}

void Db::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw_failure(std::string("sqlite: ") + msg + " in: " + std::string(sql).substr(0, 80));
  }
}

CachedStatement& Db::prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return *it->second;
  std::vector<std::string> writes;
  collecting_ = &writes;
  sqlite3_stmt* stmt = nullptr;
  int rc =
      sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  collecting_ = nullptr;
  if (rc != SQLITE_OK) fail(("prepare " + sql.substr(0, 60)).c_str());
  auto entry = std::make_unique<CachedStatement>(*this, stmt);
  entry->writes_ = std::move(writes);
  return *cache_.emplace(sql, std::move(entry)).first->second;
}

CachedStatement::~CachedStatement() { sqlite3_finalize(stmt_); }

void CachedStatement::bind(int index, int64_t v) {
  if (sqlite3_bind_int64(stmt_, index, v) != SQLITE_OK) db_.fail("bind");
}

void CachedStatement::bind(int index, std::string_view v) {
  if (sqlite3_bind_text(stmt_, index, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    db_.fail("bind");
}

bool CachedStatement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_.fail("step");
}

void CachedStatement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

double CachedStatement::d(int col) const { return sqlite3_column_double(stmt_, col); }
int64_t CachedStatement::i(int col) const { return sqlite3_column_int64(stmt_, col); }
std::string CachedStatement::s(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
}
bool CachedStatement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int CachedStatement::columns() const { return sqlite3_column_count(stmt_); }

}  // namespace plenum::store::sqlite
