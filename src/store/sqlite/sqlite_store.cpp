// The SQLite backend: one write connection owned by whoever holds the Writer, a pool of
// read-only connections, and a separate connection for login sessions.
#include <mutex>
#include <sstream>

#include "base/text.h"
#include "store/sqlite/db.h"
#include "store/sqlite/similar_search.h"
#include "store/sqlite/schema.sql.h"
#include "store/store.h"

namespace plenum::store {
namespace sqlite {
namespace {

constexpr const char* kEventCols =
    "position, body, seq, type, actor, at, request_id, payload, prev_hash, hash";
EventRecord event_row(const Query& q) {
  return EventRecord{q.i(0), q.s(1), q.i(2), q.s(3), q.s(4), q.i(5),
                     q.s(6), q.s(7), q.s(8), q.s(9)};
}

// The statements of one connection, refused by the tables they write: none at all for reads,
// the current room's for a projector (or only those it marks handler_writes, for an action's
// documented exception).
class CheckedSql final : public Sql {
 public:
  explicit CheckedSql(Db& db) : db_(db) {}
  void allow(const TableSet* room, bool handler_writes_only) {
    room_ = room;
    handler_writes_only_ = handler_writes_only;
  }
  Statement& prepare(const std::string& text) override {
    CachedStatement& st = db_.prepare(text);
    for (const auto& table : st.writes()) check(table);
    return st;
  }
  void check(const std::string& table) const {
    if (!room_) throw StoreFailure("a read may not write (table " + table + ")");
    const Table* owned = room_->table(table);
    if (!owned) throw StoreFailure(room_->feature + " may not write table " + table + ", which it does not own");
    if (handler_writes_only_ && !owned->handler_writes)
      throw StoreFailure("an action of " + room_->feature + " may not write table " + table +
                         " directly: only through an event");
  }

 private:
  Db& db_;
  const TableSet* room_ = nullptr;
  bool handler_writes_only_ = false;
};

// Both the write transaction and pooled readers are a Connection; readers only read.
class Connection : public Writer {
 public:
  Connection(Db& db, const std::vector<TableSet>& slices)
      : db_(db), slices_(slices), reads_(db), room_writes_(db) {}

  Sql& sql() override { return reads_; }
  Sql& own_tables() override { return room_writes_; }
  void enter_room(const TableSet* room, bool handler_writes_only) override {
    room_writes_.allow(room, handler_writes_only);
  }
  std::vector<TextMatch> similar_texts(const std::string& index, const std::string& text, int limit,
                                       int64_t exclude_rowid) override {
    text_index(index);
    std::vector<TextMatch> out;
    for (const auto& hit : similar_documents(db_.raw(), index, text, limit, exclude_rowid))
      out.push_back({hit.rowid, hit.score});
    return out;
  }
  void add_to_text_index(const std::string& index, const std::string& text) override {
    room_writes_.check(index);
    text_index(index);
    add_to_similarity_index(db_.raw(), index, text);
  }

  // ---- ledger
  std::optional<EventRecord> last_event(const std::string& body) override {
    Query q(db_, std::string("SELECT ") + kEventCols +
                     " FROM events WHERE body = ? ORDER BY seq DESC LIMIT 1");
    q.bind(body);
    return one<EventRecord>(q, event_row);
  }
  std::vector<EventRecord> events_since(const std::string& body, int64_t after_seq,
                                        int64_t limit) override {
    Query q(db_, std::string("SELECT ") + kEventCols +
                     " FROM events WHERE body = ? AND seq > ? ORDER BY seq LIMIT ?");
    q.bind(body).bind(after_seq).bind(limit);
    return all<EventRecord>(q, event_row);
  }
  void for_each_event(const std::function<bool(const EventRecord&)>& fn) override {
    Query q(db_, std::string("SELECT ") + kEventCols + " FROM events ORDER BY position");
    while (q.step())
      if (!fn(event_row(q))) break;
  }
  std::vector<std::string> event_bodies() override {
    Query q(db_, "SELECT DISTINCT body FROM events ORDER BY body");
    return all<std::string>(q, [](const Query& r) { return r.s(0); });
  }
  std::optional<RequestOutcome> request_outcome(const std::string& request_id) override {
    Query q(db_, "SELECT actor, action, args_hash, response FROM requests WHERE request_id = ?");
    q.bind(request_id);
    return one<RequestOutcome>(
        q, [](const Query& r) { return RequestOutcome{r.s(0), r.s(1), r.s(2), r.s(3)}; });
  }

  // ---- assembly

  // ---- accounts
  std::optional<LoginSession> login_session(const std::string& token_hash) override {
    Query q(db_, "SELECT token_hash, username, csrf_token, created_at, expires_at "
                 "FROM login_sessions WHERE token_hash = ?");
    q.bind(token_hash);
    return one<LoginSession>(q, [](const Query& r) {
      return LoginSession{r.s(0), r.s(1), r.s(2), r.i(3), r.i(4)};
    });
  }

  // ---- attendance

  // ---- motions, polls, promulgation

  std::string state_hash() override {
    FieldHasher h;
    for (const auto& slice : slices_) {
      for (const auto& t : slice.tables) {
        if (t.hash_query.empty()) continue;
        h.field(t.name);
        Query q(reads_, t.hash_query);
        while (q.step()) {
          h.field("row");
          for (int c = 0; c < q.columns(); ++c) h.field(q.is_null(c) ? std::string("\x01null") : q.s(c));
        }
      }
    }
    return h.hex();
  }


  // ---- elections

  // ---- writes
  void append_event(const EventRecord& e) override {
    Query q(db_, "INSERT INTO events(body, seq, type, actor, at, request_id, payload, prev_hash, "
                 "hash) VALUES(?,?,?,?,?,?,?,?,?)");
    q.bind(e.body).bind(e.seq).bind(e.type).bind(e.actor).bind(e.at).bind(e.request_id)
        .bind(e.payload).bind(e.prev_hash).bind(e.hash);
    q.run();
  }
  void put_request_outcome(const std::string& request_id, const RequestOutcome& o) override {
    Query q(db_, "INSERT INTO requests(request_id, actor, action, args_hash, response) "
                 "VALUES(?,?,?,?,?)");
    q.bind(request_id).bind(o.actor).bind(o.action).bind(o.args_hash).bind(o.response);
    q.run();
  }


  // Prepared once per connection: these run for every action of every batch.
  void savepoint() override { Query(db_, "SAVEPOINT action").run(); }
  void release() override { Query(db_, "RELEASE action").run(); }
  void rollback_to() override {
    Query(db_, "ROLLBACK TO action").run();
    Query(db_, "RELEASE action").run();
  }
  void commit() override { db_.exec("COMMIT"); }
  void rollback() override { db_.exec("ROLLBACK"); }

 protected:
  // An FTS table some slice keeps a similarity index for; anything else is refused.
  void text_index(const std::string& index) const {
    for (const auto& slice : slices_)
      if (const Table* t = slice.table(index); t && t->similarity_index) return;
    throw StoreFailure("no similarity index on " + index);
  }

  Db& db_;
  const std::vector<TableSet>& slices_;
  CheckedSql reads_;
  CheckedSql room_writes_;
};

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
      try { db_.exec("ROLLBACK"); } catch (...) {}
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
    if (version.i(0) != kSchemaVersion)
      throw StoreFailure("database schema version " + std::to_string(version.i(0)) +
                         ", this build needs version " + std::to_string(kSchemaVersion) +
                         "; recreate it (plenum demo) or migrate it");
  }

  std::unique_ptr<Writer> begin_write() override {
    std::unique_lock<std::mutex> lock(write_mu_);
    return std::make_unique<WriteTx>(writer_, slices_, std::move(lock));
  }
  const std::vector<TableSet>& slices() const override { return slices_; }

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
      Query q(session_db_, "INSERT OR REPLACE INTO login_sessions(token_hash, username, csrf_token, "
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

std::unique_ptr<Reader> SqliteStore::read() {
  return std::make_unique<ReadTx>(*this, take_reader());
}

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
