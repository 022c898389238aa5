#include "elections/tables.h"

#include "store/sql.h"

namespace plenum::elections::tables {

using store::all;
using store::join_ids;
using store::join_words;
using store::one;
using store::Query;
using store::split_ids;
using store::split_words;

namespace {

constexpr const char* kElectionCols =
    "id, body, session_id, title_zh, title_en, seats, ballot_kind, mode, state, round, candidates, "
    "scrutineers, elected, electronic, margin";

ElectionRecord election_row(const Query& q) {
  return ElectionRecord{q.i(0), q.s(1), q.i(2),  q.s(3),  q.s(4),  q.i(5),  q.s(6), q.s(7),
                        q.s(8), q.i(9), q.s(10), q.s(11), q.s(12), q.s(13), q.s(14)};
}

constexpr const char* kRoundCols =
    "election_id, number, sitting_id, kind, seats, candidate_ids, members, members_hash, boxes, "
    "entry, state, result, signed_by, manifest";

ElectionRoundRecord round_row(const Query& q) {
  return ElectionRoundRecord{q.i(0), q.i(1), q.i(2), q.s(3),  q.i(4),  q.s(5),  q.i(6),
                             q.s(7), q.s(8), q.s(9), q.s(10), q.s(11), q.s(12), q.s(13)};
}

ElectionBoardRecord board_row(const Query& q) {
  return ElectionBoardRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4), q.s(5)};
}

ElectionCredentialRecord credential_row(const Query& q) {
  return ElectionCredentialRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4)};
}

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "elections",
      R"sql(
-- Elections by secret ballot (src/elections).
CREATE TABLE IF NOT EXISTS elections(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, session_id INTEGER NOT NULL, title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL, seats INTEGER NOT NULL, ballot_kind TEXT NOT NULL, mode TEXT NOT NULL,
  state TEXT NOT NULL, round INTEGER NOT NULL, candidates TEXT NOT NULL, scrutineers TEXT NOT NULL,
  elected TEXT NOT NULL, electronic TEXT NOT NULL, margin TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS elections_session ON elections(session_id);
CREATE TABLE IF NOT EXISTS election_rounds(
  election_id INTEGER NOT NULL, number INTEGER NOT NULL, sitting_id INTEGER NOT NULL,
  kind TEXT NOT NULL, seats INTEGER NOT NULL, candidate_ids TEXT NOT NULL, members INTEGER NOT NULL,
  members_hash TEXT NOT NULL, boxes TEXT NOT NULL, entry TEXT NOT NULL, state TEXT NOT NULL,
  result TEXT NOT NULL, signed_by TEXT NOT NULL, manifest TEXT NOT NULL,
  PRIMARY KEY(election_id, number)) WITHOUT ROWID;
-- The public bulletin board of an electronic election (docs/ELECTION-PROTOCOL.md section 9).
CREATE TABLE IF NOT EXISTS election_board(
  election_id INTEGER NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, round INTEGER NOT NULL,
  payload TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY(election_id, idx)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS election_board_kind ON election_board(election_id, kind, idx);
CREATE TRIGGER IF NOT EXISTS election_board_append_only_update BEFORE UPDATE ON election_board
  BEGIN SELECT RAISE(ABORT, 'the election board is append-only'); END;
CREATE TRIGGER IF NOT EXISTS election_board_append_only_delete BEFORE DELETE ON election_board
  BEGIN SELECT RAISE(ABORT, 'the election board is append-only'); END;
CREATE TABLE IF NOT EXISTS election_credentials(
  election_id INTEGER NOT NULL, credential TEXT NOT NULL, member_id INTEGER NOT NULL,
  last_round INTEGER NOT NULL, receipts TEXT NOT NULL, PRIMARY KEY(election_id, credential)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS election_credentials_member ON election_credentials(election_id, member_id);
)sql",
      "",
      {
          {"elections", "SELECT * FROM elections ORDER BY id", "", false},
          {"election_rounds", "SELECT * FROM election_rounds ORDER BY election_id, number", "", false},
          {"election_board", "SELECT * FROM election_board ORDER BY election_id, idx", "", false},
          {"election_credentials", "SELECT * FROM election_credentials ORDER BY election_id, credential", "", false},
      }};
  return kSlice;
}

std::optional<ElectionRecord> election(store::Reader& r, int64_t id) {
  return store::one_by<ElectionRecord>(r.sql(), std::string("SELECT ") + kElectionCols + " FROM elections WHERE id = ?",
                                       id, election_row);
}

std::vector<ElectionRecord> elections(store::Reader& r, int64_t session_id) {
  return store::all_by<ElectionRecord>(
      r.sql(), std::string("SELECT ") + kElectionCols + " FROM elections WHERE session_id = ? ORDER BY id", session_id,
      election_row);
}

std::vector<ElectionRoundRecord> election_rounds(store::Reader& r, int64_t election_id) {
  return store::all_by<ElectionRoundRecord>(
      r.sql(), std::string("SELECT ") + kRoundCols + " FROM election_rounds WHERE election_id = ? ORDER BY number",
      election_id, round_row);
}

std::vector<ElectionBoardRecord> election_board(store::Reader& r, int64_t election_id, const std::string& kind) {
  Query q(r.sql(),
          "SELECT election_id, idx, kind, round, payload, hash FROM election_board "
          "WHERE election_id = ? AND (? = '' OR kind = ?) ORDER BY idx");
  q.bind(election_id).bind(kind).bind(kind);
  return all<ElectionBoardRecord>(q, board_row);
}

std::optional<ElectionBoardRecord> election_board_last(store::Reader& r, int64_t election_id) {
  return store::one_by<ElectionBoardRecord>(r.sql(),
                                            "SELECT election_id, idx, kind, round, payload, hash FROM election_board "
                                            "WHERE election_id = ? ORDER BY idx DESC LIMIT 1",
                                            election_id, board_row);
}

std::optional<ElectionCredentialRecord> election_credential(store::Reader& r, int64_t election_id,
                                                            const std::string& credential) {
  Query q(r.sql(),
          "SELECT election_id, credential, member_id, last_round, receipts FROM election_credentials "
          "WHERE election_id = ? AND credential = ?");
  q.bind(election_id).bind(credential);
  return one<ElectionCredentialRecord>(q, credential_row);
}

std::optional<ElectionCredentialRecord> election_credential_of(store::Reader& r, int64_t election_id,
                                                               int64_t member_id) {
  Query q(r.sql(),
          "SELECT election_id, credential, member_id, last_round, receipts FROM election_credentials "
          "WHERE election_id = ? AND member_id = ?");
  q.bind(election_id).bind(member_id);
  return one<ElectionCredentialRecord>(q, credential_row);
}

std::vector<ElectionCredentialRecord> election_credentials(store::Reader& r, int64_t election_id) {
  return store::all_by<ElectionCredentialRecord>(
      r.sql(),
      "SELECT election_id, credential, member_id, last_round, receipts FROM election_credentials "
      "WHERE election_id = ? ORDER BY credential",
      election_id, credential_row);
}

int64_t count_election_voters(store::Reader& r, int64_t election_id, int64_t round) {
  Query q(r.sql(), "SELECT COUNT(*) FROM election_credentials WHERE election_id = ? AND last_round = ?");
  q.bind(election_id).bind(round);
  q.step();
  return q.i(0);
}

void put_election(store::TableWriter& w, const ElectionRecord& e) {
  Query q(w.own_tables(),
          std::string("INSERT OR REPLACE INTO elections(") + kElectionCols + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(e.id)
      .bind(e.body)
      .bind(e.session_id)
      .bind(e.title_zh)
      .bind(e.title_en)
      .bind(e.seats)
      .bind(e.ballot_kind)
      .bind(e.mode)
      .bind(e.state)
      .bind(e.round)
      .bind(e.candidates)
      .bind(e.scrutineers)
      .bind(e.elected)
      .bind(e.electronic)
      .bind(e.margin);
  q.run();
}

void put_election_round(store::TableWriter& w, const ElectionRoundRecord& r) {
  Query q(w.own_tables(), std::string("INSERT OR REPLACE INTO election_rounds(") + kRoundCols +
                              ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(r.election_id)
      .bind(r.number)
      .bind(r.sitting_id)
      .bind(r.kind)
      .bind(r.seats)
      .bind(r.candidate_ids)
      .bind(r.members)
      .bind(r.members_hash)
      .bind(r.boxes)
      .bind(r.entry)
      .bind(r.state)
      .bind(r.result)
      .bind(r.signed_by)
      .bind(r.manifest);
  q.run();
}

void append_election_board(store::TableWriter& w, const ElectionBoardRecord& b) {
  Query q(w.own_tables(),
          "INSERT INTO election_board(election_id, idx, kind, round, payload, hash) VALUES(?,?,?,?,?,?)");
  q.bind(b.election_id).bind(b.index).bind(b.kind).bind(b.round).bind(b.payload).bind(b.hash);
  q.run();
}

void put_election_credential(store::TableWriter& w, const ElectionCredentialRecord& c) {
  Query q(w.own_tables(),
          "INSERT OR REPLACE INTO election_credentials(election_id, credential, member_id, last_round, "
          "receipts) VALUES(?,?,?,?,?)");
  q.bind(c.election_id).bind(c.credential).bind(c.member_id).bind(c.last_round).bind(c.receipts);
  q.run();
}

}  // namespace plenum::elections::tables
