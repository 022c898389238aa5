#include "voting/tables.h"

namespace plenum::voting::tables {

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "voting",
      R"sql(
CREATE TABLE IF NOT EXISTS polls(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, sitting_id INTEGER NOT NULL,
  motion_id INTEGER NOT NULL, mode TEXT NOT NULL, state TEXT NOT NULL, method TEXT NOT NULL,
  opened_by TEXT NOT NULL, opened_at INTEGER NOT NULL, closed_by TEXT NOT NULL,
  closed_at INTEGER NOT NULL, yes INTEGER NOT NULL, no INTEGER NOT NULL,
  abstain INTEGER NOT NULL, not_voted INTEGER NOT NULL, present INTEGER NOT NULL,
  base_size INTEGER NOT NULL, adopted INTEGER NOT NULL, rule TEXT NOT NULL, manual TEXT NOT NULL,
  announcement_zh TEXT NOT NULL, announcement_en TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS polls_sitting ON polls(sitting_id);
CREATE INDEX IF NOT EXISTS polls_motion ON polls(motion_id);
-- Keyed by the ballot, never by insertion order: an anonymous ballot's row says nothing about
-- when it was cast relative to the voters below. member_id is 0 in an anonymous poll.
CREATE TABLE IF NOT EXISTS poll_ballots(
  poll_id INTEGER NOT NULL, ballot TEXT NOT NULL, member_id INTEGER NOT NULL,
  choice TEXT NOT NULL, weight INTEGER NOT NULL, PRIMARY KEY(poll_id, ballot)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS poll_voters(
  poll_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
  PRIMARY KEY(poll_id, member_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS member_weights(
  body TEXT NOT NULL, member_id INTEGER NOT NULL, weight INTEGER NOT NULL,
  PRIMARY KEY(body, member_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS proxies(
  sitting_id INTEGER NOT NULL, grantor_id INTEGER NOT NULL, holder_id INTEGER NOT NULL,
  PRIMARY KEY(sitting_id, grantor_id)) WITHOUT ROWID;
)sql",
      "",
      {
          {"polls", "SELECT * FROM polls ORDER BY id", "", false},
          // An open anonymous poll's ballot box is sealed into the chain only when it closes;
          // until then its ballots are written by voting.cast itself, with no event.
          {"poll_ballots", "SELECT b.* FROM poll_ballots b JOIN polls p ON p.id = b.poll_id "
                           "WHERE p.state = 'closed' OR p.mode = 'named' ORDER BY b.poll_id, b.ballot",
           "", true},
          {"poll_voters", "",
           "who voted in an anonymous poll is not in the record, so replay cannot rebuild it (docs/LEDGER.md)",
           true},
          {"member_weights", "SELECT * FROM member_weights ORDER BY body, member_id", "", false},
          {"proxies", "SELECT * FROM proxies ORDER BY sitting_id, grantor_id", "", false},
      }};
  return kSlice;
}

}  // namespace plenum::voting::tables
