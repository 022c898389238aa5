// The Store: the connections plenum reads and writes through. The store keeps the record (the
// events, request outcomes, sign-in sessions); each feature keeps its own tables through sql()
// (its slice, store/tables.h). Each backend (sqlite/, later postgres/) implements these
// interfaces in its own files.
//
// Contract:
// - A Reader is one connection's consistent view; use it from one thread at a time.
// - A Writer is the single write transaction of the ledger's writer thread. Writes become
//   durable only at commit(); savepoints let one action fail without undoing its batch.
// - The events table is append-only in the database itself (updates and deletes are refused).
// - Backend failures (I/O, corruption, constraint violations that validation should have
//   prevented) throw StoreFailure: they abort the transaction, they are not rule violations.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/records.h"
#include "store/sql.h"
#include "store/tables.h"

namespace plenum::store {

// The record as a sequence: what verifying a chain and rebuilding projections read, from a live
// store or from a database of another schema version (store/archive.h).
class EventLog {
 public:
  virtual ~EventLog() = default;
  // Every event of every body in insertion order; stops when fn returns false.
  virtual void for_each_event(const std::function<bool(const EventRecord&)>& fn) = 0;
};

class Reader : public EventLog {
 public:
  // The features' queries run here (store/sql.h). A statement that would write is refused.
  virtual Sql& sql() = 0;

  // The record.
  virtual std::optional<EventRecord> last_event(const std::string& body) = 0;
  virtual std::vector<EventRecord> events_since(const std::string& body, int64_t after_seq, int64_t limit) = 0;
  virtual std::vector<std::string> event_bodies() = 0;
  // The stored outcome of an earlier request with this id: {actor, action, args_hash, response}.
  struct RequestOutcome {
    std::string actor, action, args_hash, response;
  };
  virtual std::optional<RequestOutcome> request_outcome(const std::string& request_id) = 0;

  // The sign-in session with this token hash (SessionKeeper writes them).
  virtual std::optional<LoginSession> login_session(const std::string& token_hash) = 0;

  // What upgrades did to this file, oldest first.
  virtual std::vector<UpgradeRecord> upgrades() = 0;

  // The documents of the FTS table `index` (a table with similarity_index) most like `text`,
  // best first, leaving out `exclude_rowid` (store/sqlite/similar_search.h).
  struct TextMatch {
    int64_t rowid = 0;
    double score = 0;  // cosine similarity in (0, 1]
  };
  virtual std::vector<TextMatch> similar_texts(const std::string& index, const std::string& text, int limit,
                                               int64_t exclude_rowid) = 0;

  // SHA-256 over every hashed table of every slice, in the slices' order: equal state, equal hash.
  virtual std::string state_hash() = 0;
};

// What a projector gets: every read, and writes to the tables of the feature whose projector is
// running (the ledger sets the room); a statement writing any other table is refused.
class TableWriter : public virtual Reader {
 public:
  virtual Sql& own_tables() = 0;
  // Counts a document just inserted into the room's FTS table `index` in its similarity index.
  virtual void add_to_text_index(const std::string& index, const std::string& text) = 0;
};

// The ledger's write transaction.
class Writer : public TableWriter {
 public:
  // Whose tables own_tables() may write from now on: a room's (all of them, or only those it
  // marks handler_writes), or none (nullptr: while an action's handler runs).
  virtual void enter_room(const TableSet* room, bool handler_writes_only = false) = 0;

  // The record.
  virtual void append_event(const EventRecord& event) = 0;
  virtual void put_request_outcome(const std::string& request_id, const RequestOutcome& outcome) = 0;
  virtual void put_upgrade(const UpgradeRecord& upgrade) = 0;  // its position is the next one

  // Savepoints nest inside the open transaction.
  virtual void savepoint() = 0;
  virtual void release() = 0;
  virtual void rollback_to() = 0;  // and release
  virtual void commit() = 0;       // durable when it returns (synchronous=FULL)
  virtual void rollback() = 0;
};

// Login sessions are kept beside the record, outside the ledger.
class SessionKeeper {
 public:
  virtual ~SessionKeeper() = default;
  virtual void put_login_session(const LoginSession& session) = 0;
  virtual void delete_login_session(const std::string& token_hash) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Begins the write transaction (exclusive among writers; waits for the lock).
  virtual std::unique_ptr<Writer> begin_write() = 0;
  // A pooled read-only connection with an open snapshot; returned to the pool on destruction.
  virtual std::unique_ptr<Reader> read() = 0;
  virtual SessionKeeper& sessions() = 0;
  // The store's own slice (the record, request outcomes, sign-in sessions) and then the
  // features' slices, in the order the state hash reads them.
  virtual const std::vector<TableSet>& slices() const = 0;
  // The bytes the database occupies on disk now, its logs included (for monitoring).
  virtual int64_t size_bytes() = 0;
};

// Opens (creating if needed) the SQLite store at `path` with the features' slices
// (ledger::Registry::slices()); ":memory:" is not supported: the ledger writes and reads through
// separate connections. WAL, synchronous=FULL.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, std::vector<TableSet> slices);

}  // namespace plenum::store
