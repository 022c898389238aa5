// A thin RAII layer over one sqlite3 connection: store::Sql over a prepared-statement cache.
// Internal to the SQLite backend. Not thread-safe: one thread per Db.
//
// A write connection learns, when it prepares a statement, which tables that statement writes
// (SQLite's authorizer reports each INSERT, UPDATE and DELETE target, triggers included); the
// connection's checked views (sqlite_store.cpp) refuse a statement by that set.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/sql.h"

namespace plenum::store::sqlite {

class Db;

class CachedStatement final : public Statement {
 public:
  CachedStatement(Db& db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  void bind(int index, int64_t v) override;
  void bind(int index, std::string_view v) override;
  bool step() override;
  void reset() override;
  int64_t i(int col) const override;
  double d(int col) const override;
  std::string s(int col) const override;
  bool is_null(int col) const override;
  int columns() const override;

  // The tables this statement writes (empty for a read).
  const std::vector<std::string>& writes() const { return writes_; }

 private:
  friend class Db;
  Db& db_;
  sqlite3_stmt* stmt_;
  std::vector<std::string> writes_;
};

class Db final : public Sql {
 public:
  Db(const std::string& path, bool read_only);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const char* sql);
  // Cached for the connection's lifetime; not checked (the store's own statements).
  CachedStatement& prepare(const std::string& sql) override;
  sqlite3* raw() { return db_; }
  // Throws StorageFull when the connection's last error was a full disk, else StoreFailure.
  [[noreturn]] void fail(const char* what);
  [[noreturn]] void throw_failure(const std::string& message);

 private:
  static int authorize(void* self, int action, const char* a, const char* b, const char* db, const char* trigger);
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>> cache_;
  std::vector<std::string>* collecting_ = nullptr;  // set while preparing
};

}  // namespace plenum::store::sqlite
