#include "elections/tables.h"

#include "store/sql.h"

namespace plenum::elections::tables {

namespace {

constexpr const char* kElectionCols =
    "id, body, session_id, title_zh, title_en, seats, ballot_kind, mode, state, round, candidates, "
    "scrutineers, elected, electronic, margin";

ElectionRecord election_row(const store::Query& q) {
  return ElectionRecord{
      q.i(0), q.s(1),  q.i(2),  q.s(3),  q.s(4),  q.i(5), q.s(6), q.s(7), store::name_column<ElectionState>(q, 8),
      q.i(9), q.s(10), q.s(11), q.s(12), q.s(13), q.s(14)};
}

constexpr const char* kRoundCols =
    "election_id, number, sitting_id, kind, seats, candidate_ids, members, members_hash, boxes, "
    "entry, state, result, signed_by, manifest";

ElectionRoundRecord round_row(const store::Query& q) {
  return ElectionRoundRecord{q.i(0),
                             q.i(1),
                             q.i(2),
                             q.s(3),
                             q.i(4),
                             q.s(5),
                             q.i(6),
                             q.s(7),
                             q.s(8),
                             q.s(9),
                             store::name_column<RoundState>(q, 10),
                             q.s(11),
                             q.s(12),
                             q.s(13)};
}

ElectionBoardRecord board_row(const store::Query& q) {
  return ElectionBoardRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4), q.s(5)};
}

ElectionCredentialRecord credential_row(const store::Query& q) {
  return ElectionCredentialRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4)};
}

const store::Rows<ElectionRecord> kElectionRows{"elections", kElectionCols, election_row};
const store::Rows<ElectionRoundRecord> kElectionRoundRows{"election_rounds", kRoundCols, round_row};

const store::Rows<ElectionBoardRecord> kElectionBoardRows{"election_board",
                                                          "election_id, idx, kind, round, payload, hash", board_row};
const store::Rows<ElectionCredentialRecord> kElectionCredentialRows{
    "election_credentials", "election_id, credential, member_id, last_round, receipts", credential_row};

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
  return kElectionRows.one(r.sql(), "WHERE id = ?", id);
}

int64_t ballot_motion(const ElectionRecord& e) {
  Json candidates = Json::parse(e.candidates);
  if (candidates.size() != 1 || !candidates[0].contains("motion_id")) return 0;
  return candidates[0]["motion_id"];
}

std::vector<ElectionRecord> elections(store::Reader& r, int64_t session_id) {
  return kElectionRows.all(r.sql(), "WHERE session_id = ? ORDER BY id", session_id);
}

std::vector<ElectionRoundRecord> election_rounds(store::Reader& r, int64_t election_id) {
  return kElectionRoundRows.all(r.sql(), "WHERE election_id = ? ORDER BY number", election_id);
}

std::vector<ElectionRoundRecord> unfinished_rounds(store::Reader& r) {
  return kElectionRoundRows.all(r.sql(), "WHERE state != ? ORDER BY election_id, number", RoundState::kCounted);
}

std::vector<ElectionBoardRecord> election_board(store::Reader& r, int64_t election_id, const std::string& kind) {
  return kElectionBoardRows.all(r.sql(), "WHERE election_id = ? AND (? = '' OR kind = ?) ORDER BY idx", election_id,
                                kind, kind);
}

std::optional<ElectionBoardRecord> election_board_last(store::Reader& r, int64_t election_id) {
  return kElectionBoardRows.one(r.sql(), "WHERE election_id = ? ORDER BY idx DESC LIMIT 1", election_id);
}

std::optional<ElectionCredentialRecord> election_credential(store::Reader& r, int64_t election_id,
                                                            const std::string& credential) {
  return kElectionCredentialRows.one(r.sql(), "WHERE election_id = ? AND credential = ?", election_id, credential);
}

std::optional<ElectionCredentialRecord> election_credential_of(store::Reader& r, int64_t election_id,
                                                               int64_t member_id) {
  return kElectionCredentialRows.one(r.sql(), "WHERE election_id = ? AND member_id = ?", election_id, member_id);
}

std::vector<ElectionCredentialRecord> election_credentials(store::Reader& r, int64_t election_id) {
  return kElectionCredentialRows.all(r.sql(), "WHERE election_id = ? ORDER BY credential", election_id);
}

int64_t count_election_voters(store::Reader& r, int64_t election_id, int64_t round) {
  store::Query q(r.sql(), "SELECT COUNT(*) FROM election_credentials WHERE election_id = ? AND last_round = ?");
  q.bind(election_id).bind(round);
  q.step();
  return q.i(0);
}

void put_election(store::TableWriter& w, const ElectionRecord& e) {
  store::put_row(w.own_tables(), "elections", kElectionCols, e.id, e.body, e.session_id, e.title_zh, e.title_en,
                 e.seats, e.ballot_kind, e.mode, e.state, e.round, e.candidates, e.scrutineers, e.elected, e.electronic,
                 e.margin);
}

void put_election_round(store::TableWriter& w, const ElectionRoundRecord& r) {
  store::put_row(w.own_tables(), "election_rounds", kRoundCols, r.election_id, r.number, r.sitting_id, r.kind, r.seats,
                 r.candidate_ids, r.members, r.members_hash, r.boxes, r.entry, r.state, r.result, r.signed_by,
                 r.manifest);
}

void append_election_board(store::TableWriter& w, const ElectionBoardRecord& b) {
  store::exec(w.own_tables(),
              "INSERT INTO election_board(election_id, idx, kind, round, payload, hash) VALUES(?,?,?,?,?,?)",
              b.election_id, b.index, b.kind, b.round, b.payload, b.hash);
}

void put_election_credential(store::TableWriter& w, const ElectionCredentialRecord& c) {
  store::put_row(w.own_tables(), "election_credentials", "election_id, credential, member_id, last_round, receipts",
                 c.election_id, c.credential, c.member_id, c.last_round, c.receipts);
}

}  // namespace plenum::elections::tables
