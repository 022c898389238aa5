// Backend-neutral SQL: what a feature's slice of storage (its tables.cpp) writes its queries
// with. One SQL text serves SQLite and PostgreSQL where they agree (positional `?` parameters,
// TEXT and INTEGER columns); a backend rewrites placeholders as it needs.
//
// Contract:
// - Sql::prepare returns a statement cached for the connection's lifetime; a Query binds it
//   positionally in call order, steps it and resets it when it goes out of scope. One Query per
//   statement text at a time (the cache holds one statement per text).
// - Who may write what is decided by the connection, not by the caller: a reader's statements
//   may not write at all, and a projector's only its own feature's tables (store/tables.h).
//   A refused or failed statement throws StoreFailure.
#pragma once

#include <utility>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "base/names.h"

namespace plenum::store {

// Backend failures (I/O, corruption, a statement the connection refuses, constraint violations
// that validation should have prevented): they abort the transaction; they are not rule
// violations.
class StoreFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The backend could not write because its disk is full (SQLite's SQLITE_FULL, or a write that
// failed with ENOSPC). The transaction is rolled back like any StoreFailure; callers that
// answer requests tell it apart so the client learns to retry later (base/status.h
// storage_full), not that the server is broken.
class StorageFull : public StoreFailure {
 public:
  using StoreFailure::StoreFailure;
};

// One prepared statement of a connection.
class Statement {
 public:
  virtual void bind(int index, int64_t v) = 0;  // index from 1
  virtual void bind(int index, std::string_view v) = 0;
  virtual bool step() = 0;   // true while a row is available
  virtual void reset() = 0;  // and clears the bindings
  virtual int64_t i(int col) const = 0;
  virtual double d(int col) const = 0;
  virtual std::string s(int col) const = 0;
  virtual bool is_null(int col) const = 0;
  virtual int columns() const = 0;

 protected:
  ~Statement() = default;
};

class Sql {
 public:
  virtual Statement& prepare(const std::string& sql) = 0;

 protected:
  ~Sql() = default;
};

class Query {
 public:
  Query(Sql& sql, const std::string& text) : st_(sql.prepare(text)) {}
  ~Query() { st_.reset(); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int64_t v) {
    st_.bind(next_++, v);
    return *this;
  }
  Query& bind(std::string_view v) {
    st_.bind(next_++, v);
    return *this;
  }
  Query& bind(const std::string& v) { return bind(std::string_view(v)); }
  Query& bind(const char* v) { return bind(std::string_view(v)); }
  // A state or kind is stored as its name (base/names.h).
  template <typename E>
  requires std::is_enum_v<E> Query& bind(E v) { return bind(name_of(v)); }
  // A flag is stored as 0 or 1 (a template so that an int literal never picks it).
  template <typename B>
  requires std::same_as<B, bool> Query& bind(B v) { return bind(int64_t{v ? 1 : 0}); }
  template <typename... V>
  Query& bind_all(const V&... values) {
    (bind(values), ...);
    return *this;
  }
  bool step() { return st_.step(); }
  void run() {
    while (st_.step()) {
    }
  }
  int64_t i(int col) const { return st_.i(col); }
  double d(int col) const { return st_.d(col); }
  std::string s(int col) const { return st_.s(col); }
  bool is_null(int col) const { return st_.is_null(col); }
  int columns() const { return st_.columns(); }

 private:
  Statement& st_;
  int next_ = 1;
};

// Runs a statement that returns no rows (an INSERT, UPDATE or DELETE) with `values` bound in
// order.
template <typename... V>
void exec(Sql& sql, const std::string& text, const V&... values) {
  Query q(sql, text);
  q.bind_all(values...);
  q.run();
}

// The statement that writes one row of `table` over any row with the same key, one placeholder
// for each of `columns` (a comma-separated list). Throws StoreFailure when the number of columns
// is not `values`: a row written with its fields shifted would be a silent corruption.
std::string put_row_sql(std::string_view table, std::string_view columns, size_t values);

// Writes one row: `values` in the order of `columns`.
template <typename... V>
void put_row(Sql& sql, std::string_view table, std::string_view columns, const V&... values) {
  exec(sql, put_row_sql(table, columns, sizeof...(V)), values...);
}

// A column holding an enum's name; any other text is a StoreFailure (a row no code wrote).
template <typename E>
E name_column(const Query& q, int col) {
  std::string text = q.s(col);
  if (auto v = parse_name<E>(text)) return *v;
  throw StoreFailure("unknown name in a stored row: " + text);
}

// The first row as a record, or nullopt.
template <typename T, typename Row>
std::optional<T> one(Query& q, Row row) {
  if (q.step()) return row(q);
  return std::nullopt;
}

// Every row as records.
template <typename T, typename Row>
std::vector<T> all(Query& q, Row row) {
  std::vector<T> out;
  while (q.step()) out.push_back(row(q));
  return out;
}

// The rows of one table as records: the SELECT list a row function reads by position, written
// once per record instead of in every query. `tail` follows the FROM clause (WHERE, ORDER BY,
// LIMIT) and `keys` bind its placeholders in order.
template <typename T>
class Rows {
 public:
  using RowFn = T (*)(const Query&);
  Rows(std::string from, std::string columns, RowFn row)
      : from_(std::move(from)), columns_(std::move(columns)), row_(row) {}

  std::string select(std::string_view tail) const {
    return "SELECT " + columns_ + " FROM " + from_ + (tail.empty() ? "" : " ") + std::string(tail);
  }
  template <typename... K>
  std::optional<T> one(Sql& sql, std::string_view tail, const K&... keys) const {
    Query q(sql, select(tail));
    q.bind_all(keys...);
    return store::one<T>(q, row_);
  }
  template <typename... K>
  std::vector<T> all(Sql& sql, std::string_view tail, const K&... keys) const {
    Query q(sql, select(tail));
    q.bind_all(keys...);
    return store::all<T>(q, row_);
  }

 private:
  std::string from_;
  std::string columns_;
  RowFn row_;
};

// The single integer a COUNT(*) or similar query returns.
int64_t single_int(Query& q);

// max(id) + 1 of `table` (an identifier of the caller's own slice; anything else is refused).
int64_t next_id(Sql& sql, std::string_view table);

// Id and word lists are stored as "1,2,3" and "a,b".
std::string join_ids(const std::vector<int64_t>& ids);
std::vector<int64_t> split_ids(const std::string& s);
std::string join_words(const std::vector<std::string>& words);
std::vector<std::string> split_words(const std::string& s);

}  // namespace plenum::store
