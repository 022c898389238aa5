// The SQLite backend's connection, internal to store/sqlite: what the write transaction and a
// pooled reader share (sqlite_store.cpp). A Connection reads everything; it writes only through
// own_tables(), and only the tables of the room the ledger has entered (CheckedSql), or the
// record's own tables through append_event and put_request_outcome.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "store/sqlite/db.h"
#include "store/sqlite/similar_search.h"
#include "store/store.h"

namespace plenum::store::sqlite {

inline constexpr const char* kEventCols = "position, body, seq, type, actor, at, request_id, payload, prev_hash, hash";
inline EventRecord event_row(const Query& q) {
  return EventRecord{q.i(0), q.s(1), q.i(2), q.s(3), q.s(4), q.i(5), q.s(6), q.s(7), q.s(8), q.s(9)};
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
  Connection(Db& db, const std::vector<TableSet>& slices) : db_(db), slices_(slices), reads_(db), room_writes_(db) {}

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
    Query q(db_, std::string("SELECT ") + kEventCols + " FROM events WHERE body = ? ORDER BY seq DESC LIMIT 1");
    q.bind(body);
    return one<EventRecord>(q, event_row);
  }
  std::vector<EventRecord> events_since(const std::string& body, int64_t after_seq, int64_t limit) override {
    Query q(db_, std::string("SELECT ") + kEventCols + " FROM events WHERE body = ? AND seq > ? ORDER BY seq LIMIT ?");
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
    return one<RequestOutcome>(q, [](const Query& r) { return RequestOutcome{r.s(0), r.s(1), r.s(2), r.s(3)}; });
  }

  // ---- sign-in sessions (written by SqliteStore, the SessionKeeper)
  std::optional<LoginSession> login_session(const std::string& token_hash) override {
    Query q(db_,
            "SELECT token_hash, username, csrf_token, created_at, expires_at "
            "FROM login_sessions WHERE token_hash = ?");
    q.bind(token_hash);
    return one<LoginSession>(q, [](const Query& r) { return LoginSession{r.s(0), r.s(1), r.s(2), r.i(3), r.i(4)}; });
  }

  std::vector<UpgradeRecord> upgrades() override {
    Query q(db_,
            "SELECT position, at, build, from_version, to_version, source, events, state_hash "
            "FROM upgrades ORDER BY position");
    return all<UpgradeRecord>(q, [](const Query& r) {
      return UpgradeRecord{r.i(0), r.i(1), r.s(2), r.i(3), r.i(4), r.s(5), r.i(6), r.s(7)};
    });
  }

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

  // ---- writes
  void append_event(const EventRecord& e) override {
    Query q(db_,
            "INSERT INTO events(body, seq, type, actor, at, request_id, payload, prev_hash, "
            "hash) VALUES(?,?,?,?,?,?,?,?,?)");
    q.bind(e.body)
        .bind(e.seq)
        .bind(e.type)
        .bind(e.actor)
        .bind(e.at)
        .bind(e.request_id)
        .bind(e.payload)
        .bind(e.prev_hash)
        .bind(e.hash);
    q.run();
  }
  void put_request_outcome(const std::string& request_id, const RequestOutcome& o) override {
    Query q(db_,
            "INSERT INTO requests(request_id, actor, action, args_hash, response) "
            "VALUES(?,?,?,?,?)");
    q.bind(request_id).bind(o.actor).bind(o.action).bind(o.args_hash).bind(o.response);
    q.run();
  }

  void put_upgrade(const UpgradeRecord& u) override {
    store::exec(db_,
                "INSERT INTO upgrades(at, build, from_version, to_version, source, events, state_hash) "
                "VALUES(?,?,?,?,?,?,?)",
                u.at, u.build, u.from_version, u.to_version, u.source, u.events, u.state_hash);
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

}  // namespace plenum::store::sqlite
