// The SQLite backend: one write connection owned by whoever holds the Writer, a pool of
// read-only connections, and a separate connection for login sessions.
#include <mutex>
#include <sstream>
#include <sys/stat.h>

#include "base/text.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/db.h"
#include "store/sqlite/schema.sql.h"
#include "store/sqlite/similar_search.h"
#include "store/store.h"

namespace plenum::store {
namespace sqlite {
namespace {

class SqliteStore;

// Holds the write connection's mutex for the transaction's lifetime.
class WriteTx : public Connection {
 public:
  WriteTx(Db& db, const std::vector<TableSet>& slices, std::unique_lock<std::mutex> lock)
      : Connection(db, slices), lock_(std::move(lock)) {
    db_.exec("BEGIN IMMEDIATE");
  }
  ~WriteTx() override {
    if (sqlite3_get_autocommit(db_.raw()) == 0) {
      try {
        db_.exec("ROLLBACK");
      } catch (...) {
      }
    }
  }

 private:
  std::unique_lock<std::mutex> lock_;
};

class SqliteStore : public Store, public SessionKeeper {
 public:
  SqliteStore(const std::string& path, std::vector<TableSet> feature_slices)
      : path_(path), writer_(path, false), session_db_(path, false) {
    slices_.push_back(own_slice());
    for (auto& slice : feature_slices) slices_.push_back(std::move(slice));
    writer_.exec("PRAGMA journal_mode=WAL");
    writer_.exec("PRAGMA synchronous=FULL");
    writer_.exec("PRAGMA foreign_keys=ON");
    check_schema_version();
    for (const auto& slice : slices_) {
      writer_.exec(slice.schema.c_str());
      writer_.exec(slice.sqlite_schema.c_str());
      for (const auto& t : slice.tables)
        if (t.similarity_index) create_similarity_index(writer_.raw(), t.name);
    }
    writer_.exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
    session_db_.exec("PRAGMA synchronous=FULL");
  }

  // A database written by another schema version is refused rather than half-read.
  void check_schema_version() {
    Query tables(writer_, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'events'");
    tables.step();
    if (tables.i(0) == 0) return;  // a new database
    Query version(writer_, "PRAGMA user_version");
    version.step();
    int64_t found = version.i(0);
    if (found > kSchemaVersion)
      throw StoreFailure("database schema version " + std::to_string(found) + " is newer than this build's (" +
                         std::to_string(kSchemaVersion) + "): run the plenum that wrote it");
    if (found != kSchemaVersion)
      throw StoreFailure("database schema version " + std::to_string(found) + ", this build needs version " +
                         std::to_string(kSchemaVersion) + "; stop the server and upgrade it with: plenum --db " +
                         path_ + " upgrade");
  }

  std::unique_ptr<Writer> begin_write() override {
    std::unique_lock<std::mutex> lock(write_mu_);
    return std::make_unique<WriteTx>(writer_, slices_, std::move(lock));
  }
  const std::vector<TableSet>& slices() const override { return slices_; }
  int64_t size_bytes() override {
    int64_t total = 0;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      struct stat st {};
      if (::stat((path_ + suffix).c_str(), &st) == 0) total += static_cast<int64_t>(st.st_size);
    }
    return total;
  }

  std::unique_ptr<Reader> read() override;

  SessionKeeper& sessions() override { return *this; }

  void put_login_session(const LoginSession& s) override {
    std::lock_guard<std::mutex> lock(session_mu_);
    // Sessions that expired before this one began are no one's any more: each sign-in clears
    // them, so the table holds at most the sessions of the last expiry period. One commit.
    session_db_.exec("BEGIN IMMEDIATE");
    try {
      Query purge(session_db_, "DELETE FROM login_sessions WHERE expires_at < ?");
      purge.bind(s.created_at);
      purge.run();
      Query q(session_db_,
              "INSERT OR REPLACE INTO login_sessions(token_hash, username, csrf_token, "
              "created_at, expires_at) VALUES(?,?,?,?,?)");
      q.bind(s.token_hash).bind(s.username).bind(s.csrf_token).bind(s.created_at).bind(s.expires_at);
      q.run();
      session_db_.exec("COMMIT");
    } catch (...) {
      try {
        session_db_.exec("ROLLBACK");
      } catch (...) {
        // The connection is broken; the first failure is the one to report.
      }
      throw;
    }
  }
  void delete_login_session(const std::string& token_hash) override {
    std::lock_guard<std::mutex> lock(session_mu_);
    Query q(session_db_, "DELETE FROM login_sessions WHERE token_hash = ?");
    q.bind(token_hash);
    q.run();
  }

  std::unique_ptr<Db> take_reader() {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (pool_.empty()) return std::make_unique<Db>(path_, true);
    auto db = std::move(pool_.back());
    pool_.pop_back();
    return db;
  }
  void give_back(std::unique_ptr<Db> db) {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (pool_.size() < 16) pool_.push_back(std::move(db));
  }

 private:
  std::string path_;
  std::vector<TableSet> slices_;
  Db writer_;
  std::mutex write_mu_;
  Db session_db_;
  std::mutex session_mu_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Db>> pool_;
};

// A pooled read connection holding one snapshot (a read transaction) for its lifetime.
class ReadTx : public Connection {
 public:
  ReadTx(SqliteStore& store, std::unique_ptr<Db> db)
      : Connection(*db, store.slices()), store_(store), owned_(std::move(db)) {
    db_.exec("BEGIN");
  }
  ~ReadTx() override {
    try {
      db_.exec("COMMIT");
      store_.give_back(std::move(owned_));
    } catch (...) {
    }
  }

 private:
  SqliteStore& store_;
  std::unique_ptr<Db> owned_;
};

std::unique_ptr<Reader> SqliteStore::read() { return std::make_unique<ReadTx>(*this, take_reader()); }

}  // namespace
}  // namespace sqlite

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, std::vector<TableSet> slices) {
  try {
    return std::unique_ptr<Store>(std::make_unique<sqlite::SqliteStore>(path, std::move(slices)));
  } catch (const StoreFailure& e) {
    return make_error(ErrorCode::kInternal, std::string("无法打开数据库：") + e.what(),
                      std::string("cannot open the database: ") + e.what(), "db");
  }
}

}  // namespace plenum::store
