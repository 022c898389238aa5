// The Store: every read and write plenum makes, shaped by the domain. Feature code never sees
// SQL; each backend (sqlite/, later postgres/) implements these interfaces in its own files.
//
// Contract:
// - A Reader is one connection's consistent view; use it from one thread at a time.
// - A Writer is the single write transaction of the ledger's writer thread. Writes become
//   durable only at commit(); savepoints let one action fail without undoing its batch.
// - The events table is append-only in the database itself (updates and deletes are refused).
// - Backend failures (I/O, corruption, constraint violations that validation should have
//   prevented) throw StoreFailure: they abort the transaction, they are not rule violations.
#pragma once

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

class Reader {
 public:
  virtual ~Reader() = default;

  // The features' queries run here (store/sql.h). A statement that would write is refused.
  virtual Sql& sql() = 0;

  // Ledger.
  virtual std::optional<EventRecord> last_event(const std::string& body) = 0;
  virtual std::vector<EventRecord> events_since(const std::string& body, int64_t after_seq,
                                                int64_t limit) = 0;
  // Every event of every body in insertion order; stops when fn returns false.
  virtual void for_each_event(const std::function<bool(const EventRecord&)>& fn) = 0;
  virtual std::vector<std::string> event_bodies() = 0;
  // The stored outcome of an earlier request with this id: {actor, action, args_hash, response}.
  struct RequestOutcome {
    std::string actor, action, args_hash, response;
  };
  virtual std::optional<RequestOutcome> request_outcome(const std::string& request_id) = 0;

  // Assembly.

  // Accounts.
  virtual std::optional<LoginSession> login_session(const std::string& token_hash) = 0;

  // Attendance.

  // Motions, polls and promulgation.
  // The ballots of an anonymous poll, sorted by ballot.

  // Proposals and suggestions.
  virtual std::optional<ProposalRecord> proposal(int64_t id) = 0;
  // Matching proposals, newest first, or by relevance (bm25) when the filter has a query.
  virtual std::vector<ProposalHit> find_proposals(const ProposalFilter& filter) = 0;
  virtual int64_t count_proposals(const ProposalFilter& filter) = 0;
  // Proposals merged into this one (并案: each of their proposers gets its replies).
  virtual std::vector<ProposalRecord> merged_proposals(int64_t into_id) = 0;
  // The report's figures for the filtered proposals; `as_of` (YYYY-MM-DD) bounds "answered".
  virtual ProposalStats proposal_stats(const ProposalFilter& filter, const std::string& as_of) = 0;
  // Up to `limit` proposals of `body` most like `text` (by the Chinese-aware similarity of
  // search/), most similar first, leaving out `exclude_id`: (proposal, score in [0, 1]).
  virtual std::vector<std::pair<ProposalRecord, double>> similar_proposals(
      const std::string& body, const std::string& text, int limit, int64_t exclude_id) = 0;
  virtual std::optional<HandlingUnitRecord> handling_unit(int64_t id) = 0;
  virtual std::vector<HandlingUnitRecord> handling_units(const std::string& body) = 0;
  // The handling units an account acts for.
  virtual std::vector<int64_t> units_of_account(const std::string& username) = 0;
  virtual std::vector<AssignmentRecord> assignments(int64_t proposal_id) = 0;  // by round, role, unit
  // Assignments of `body` in their proposal's current round, not in by `as_of`'s eve.
  virtual std::vector<OverdueItem> overdue(const std::string& body, const std::string& as_of) = 0;
  virtual std::vector<FeedbackRecord> feedback(int64_t proposal_id) = 0;
  virtual std::vector<SupervisionRecord> supervision(int64_t proposal_id) = 0;
  virtual std::vector<ExtensionRecord> extensions(int64_t proposal_id) = 0;
  virtual std::vector<NotificationRecord> notifications(const std::vector<std::string>& recipients,
                                                        int64_t limit) = 0;

  // Elections.
  virtual std::optional<ElectionRecord> election(int64_t id) = 0;
  virtual std::vector<ElectionRecord> elections(int64_t session_id) = 0;
  virtual std::vector<ElectionRoundRecord> election_rounds(int64_t election_id) = 0;
  // The board in index order; only the entries of `kind` if it is not empty (a board holds
  // thousands of ballots, several KB each: a manifest or tally lookup must not read them all).
  virtual std::vector<ElectionBoardRecord> election_board(int64_t election_id, const std::string& kind = "") = 0;
  virtual std::optional<ElectionBoardRecord> election_board_last(int64_t election_id) = 0;
  virtual std::optional<ElectionCredentialRecord> election_credential(int64_t election_id,
                                                                      const std::string& credential) = 0;
  virtual std::optional<ElectionCredentialRecord> election_credential_of(int64_t election_id, int64_t member_id) = 0;
  virtual std::vector<ElectionCredentialRecord> election_credentials(int64_t election_id) = 0;  // by credential
  // Credentials that cast a ballot in `round`.
  virtual int64_t count_election_voters(int64_t election_id, int64_t round) = 0;

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

  // Ledger.
  virtual void append_event(const EventRecord& event) = 0;
  virtual void put_request_outcome(const std::string& request_id,
                                   const RequestOutcome& outcome) = 0;

  // Assembly.

  // Accounts.

  // Attendance.

  // Motions, polls and promulgation.

  // Proposals and suggestions.
  virtual void put_proposal(const ProposalRecord& proposal) = 0;  // insert or replace; indexes the text once
  virtual void put_handling_unit(const HandlingUnitRecord& unit) = 0;
  virtual void put_unit_account(int64_t unit_id, const std::string& username) = 0;
  virtual void put_assignment(const AssignmentRecord& assignment) = 0;  // by (proposal, unit, round)
  virtual void put_feedback(const FeedbackRecord& feedback) = 0;        // by (proposal, round, rater)
  virtual void put_supervision(const SupervisionRecord& record) = 0;
  virtual void put_extension(const ExtensionRecord& record) = 0;
  virtual void put_notification(const NotificationRecord& notification) = 0;

  // Elections.
  virtual void put_election(const ElectionRecord& election) = 0;            // insert or replace
  virtual void put_election_round(const ElectionRoundRecord& round) = 0;    // insert or replace
  virtual void append_election_board(const ElectionBoardRecord& entry) = 0;  // append only
  virtual void put_election_credential(const ElectionCredentialRecord& credential) = 0;  // insert or replace

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
};

// Opens (creating if needed) the SQLite store at `path` with the features' slices
// (ledger::Registry::slices()); ":memory:" is not supported: the ledger writes and reads through
// separate connections. WAL, synchronous=FULL.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, std::vector<TableSet> slices);

}  // namespace plenum::store
