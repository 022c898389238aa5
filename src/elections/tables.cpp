#include "elections/tables.h"

namespace plenum::elections::tables {

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

}  // namespace plenum::elections::tables
