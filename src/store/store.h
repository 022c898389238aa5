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
  virtual std::optional<BodyRecord> body(const std::string& id) = 0;
  virtual std::vector<BodyRecord> bodies() = 0;
  virtual std::optional<TermRecord> term(const std::string& body, int64_t number) = 0;
  virtual std::vector<TermRecord> terms(const std::string& body) = 0;
  virtual std::optional<SessionRecord> session(int64_t id) = 0;
  virtual std::vector<SessionRecord> sessions(const std::string& body) = 0;
  virtual std::optional<SittingRecord> sitting(int64_t id) = 0;
  virtual std::vector<SittingRecord> sittings(int64_t session_id) = 0;
  virtual std::optional<UnitRecord> unit(int64_t id) = 0;
  virtual std::optional<UnitRecord> unit_by_name(const std::string& body,
                                                 const std::string& name) = 0;
  virtual std::vector<UnitRecord> units(const std::string& body) = 0;
  virtual std::optional<MemberRecord> member(int64_t id) = 0;
  virtual std::optional<MemberRecord> member_by_seat(const std::string& body,
                                                     const std::string& seat) = 0;
  virtual std::optional<MemberRecord> member_by_card(const std::string& body,
                                                     const std::string& card) = 0;
  virtual std::vector<MemberRecord> members(const MemberFilter& filter) = 0;  // by seat
  virtual int64_t count_members(const MemberFilter& filter) = 0;
  virtual int64_t next_id(const char* table) = 0;  // max(id)+1 of members/units/sessions/...

  // Accounts.
  virtual std::optional<AccountRecord> account(const std::string& username) = 0;
  virtual std::optional<AccountRecord> account_of_member(int64_t member_id) = 0;
  virtual std::vector<AccountRole> roles(const std::string& username) = 0;
  virtual std::vector<AccountRecord> accounts() = 0;
  virtual std::optional<LoginSession> login_session(const std::string& token_hash) = 0;

  // Attendance.
  virtual std::optional<CheckInRecord> check_in(int64_t sitting_id, int64_t member_id) = 0;
  virtual std::vector<CheckInRecord> check_ins(int64_t sitting_id) = 0;
  virtual std::vector<CheckInRecord> check_ins_of_member(int64_t member_id) = 0;
  virtual int64_t count_check_ins(int64_t sitting_id) = 0;
  virtual std::optional<LeaveRecord> leave(int64_t id) = 0;
  virtual std::vector<LeaveRecord> leaves(int64_t sitting_id) = 0;
  virtual std::vector<LeaveRecord> leaves_of_member(int64_t member_id) = 0;

  // Motions, polls and promulgation.
  virtual std::optional<MotionRecord> motion(int64_t id) = 0;
  virtual std::vector<MotionRecord> motions(int64_t session_id) = 0;  // by id
  virtual std::vector<MotionRecord> clauses(int64_t parent_id) = 0;   // separate clause votes
  virtual std::vector<MotionVersionRecord> motion_versions(int64_t motion_id) = 0;
  // Signatures of one motion or proposal, by member id; a member's open requests, oldest first.
  virtual std::vector<CosignatureRecord> cosignatures(const std::string& subject, int64_t subject_id) = 0;
  virtual std::vector<CosignatureRecord> requested_cosignatures(int64_t member_id) = 0;
  virtual std::optional<PollRecord> poll(int64_t id) = 0;
  virtual std::vector<PollRecord> polls_of_sitting(int64_t sitting_id) = 0;
  virtual std::vector<PollRecord> polls_of_motion(int64_t motion_id) = 0;
  // The current choice on a ballot ("member:<id>" in a named poll, an opaque hash in an
  // anonymous one).
  virtual std::optional<std::string> ballot_choice(int64_t poll_id, const std::string& ballot) = 0;
  virtual bool has_voted(int64_t poll_id, int64_t member_id) = 0;
  virtual int64_t count_voters(int64_t poll_id) = 0;
  // Voters who are also checked in at the sitting (the rest of those present did not press).
  virtual int64_t count_voters_present(int64_t poll_id, int64_t sitting_id) = 0;
  struct Tally {
    int64_t yes = 0, no = 0, abstain = 0;
  };
  virtual Tally tally(int64_t poll_id) = 0;  // sums of ballot weights (1 unless weighted)
  virtual std::vector<int64_t> voters(int64_t poll_id) = 0;
  // Vote weights and proxies (only where the rulebook allows them: generic bodies).
  virtual std::map<int64_t, int64_t> member_weights(const std::string& body) = 0;  // absent: 1
  // (grantor, holder) of the proxies given for a sitting.
  virtual std::vector<std::pair<int64_t, int64_t>> proxies(int64_t sitting_id) = 0;
  // The ballots of an anonymous poll, sorted by ballot.
  struct Ballot {
    std::string ballot, choice;
    int64_t weight = 1;
  };
  virtual std::vector<Ballot> anonymous_ballots(int64_t poll_id) = 0;
  // (member id, choice) of a named poll; an anonymous poll's ballots carry no member.
  virtual std::vector<std::pair<int64_t, std::string>> named_votes(int64_t poll_id) = 0;
  virtual std::optional<PromulgationRecord> promulgation(int64_t id) = 0;
  virtual std::optional<PromulgationRecord> promulgation_of_motion(int64_t motion_id) = 0;
  virtual std::vector<PromulgationRecord> promulgations(const std::string& body) = 0;
  // The number the next order or announcement of this series gets (1 unless set or issued).
  virtual int64_t next_number(const std::string& body, int64_t term, const std::string& series) = 0;

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
  virtual void put_body(const BodyRecord& body) = 0;
  virtual void put_term(const TermRecord& term) = 0;
  virtual void put_session(const SessionRecord& session) = 0;
  virtual void put_sitting(const SittingRecord& sitting) = 0;  // insert or replace
  virtual void put_unit(const UnitRecord& unit) = 0;
  virtual void put_member(const MemberRecord& member) = 0;  // insert or replace

  // Accounts.
  virtual void put_account(const AccountRecord& account) = 0;  // insert or replace
  virtual void put_role(const AccountRole& role) = 0;
  virtual void remove_role(const AccountRole& role) = 0;

  // Attendance.
  virtual void put_check_in(const CheckInRecord& check_in) = 0;  // fails if already present
  virtual void put_leave(const LeaveRecord& leave) = 0;          // insert or replace

  // Motions, polls and promulgation.
  virtual void put_motion(const MotionRecord& motion) = 0;  // insert or replace
  virtual void put_motion_version(const MotionVersionRecord& version) = 0;
  virtual void put_cosignature(const CosignatureRecord& signature) = 0;  // insert or replace
  virtual void put_poll(const PollRecord& poll) = 0;  // insert or replace
  virtual void put_ballot(int64_t poll_id, const std::string& ballot, int64_t member_id,
                          const std::string& choice, int64_t weight) = 0;  // insert or replace
  // Puts a sealed ballot unless the row is already there (it is, live; replay rebuilds it).
  virtual void seal_ballot(int64_t poll_id, const std::string& ballot, const std::string& choice,
                           int64_t weight) = 0;
  virtual void put_member_weight(const std::string& body, int64_t member_id, int64_t weight) = 0;
  virtual void put_proxy(int64_t sitting_id, int64_t grantor_id, int64_t holder_id) = 0;
  // Marks that a member has voted (the double-voting guard; not part of the state hash, since
  // an anonymous poll's events deliberately do not say who voted).
  virtual void put_voter(int64_t poll_id, int64_t member_id) = 0;
  virtual void put_promulgation(const PromulgationRecord& promulgation) = 0;
  virtual void set_next_number(const std::string& body, int64_t term, const std::string& series,
                               int64_t next) = 0;

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
