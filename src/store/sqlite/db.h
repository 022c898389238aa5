// A thin RAII layer over one sqlite3 connection: a prepared-statement cache and a Query that
// binds, steps and resets. Internal to the SQLite backend. Not thread-safe: one thread per Db.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace plenum::store::sqlite {

// Id lists are stored as "1,2,3".
std::string join_ids(const std::vector<int64_t>& ids);
std::vector<int64_t> split_ids(const std::string& s);

class Db {
 public:
  Db(const std::string& path, bool read_only);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const char* sql);
  sqlite3_stmt* prepare(const std::string& sql);  // cached for the connection's lifetime
  sqlite3* raw() { return db_; }
  [[noreturn]] void fail(const char* what);

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// One execution of a cached statement; binds positionally in call order; resets on destruction.
class Query {
 public:
  Query(Db& db, const std::string& sql);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int64_t v);
  Query& bind(std::string_view v);
  Query& bind(const std::string& v) { return bind(std::string_view(v)); }
  Query& bind(const char* v) { return bind(std::string_view(v)); }
  bool step();  // true while a row is available
  void run();   // steps to completion
  int64_t i(int col) const;
  double d(int col) const;
  std::string s(int col) const;
  bool is_null(int col) const;
  int columns() const;

 private:
  Db& db_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
};

}  // namespace plenum::store::sqlite
