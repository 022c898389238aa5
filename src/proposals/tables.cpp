#include "proposals/tables.h"

namespace plenum::proposals::tables {

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "proposals",
      R"sql(
-- Proposals and suggestions (src/proposals).
CREATE TABLE IF NOT EXISTS proposals(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, session_id INTEGER NOT NULL,
  number INTEGER NOT NULL, title TEXT NOT NULL, parts TEXT NOT NULL, area TEXT NOT NULL,
  proposer_kind TEXT NOT NULL, proposer_name TEXT NOT NULL, first_proposer_id INTEGER NOT NULL,
  co_proposers TEXT NOT NULL, stage TEXT NOT NULL, channel TEXT NOT NULL,
  submitted_on TEXT NOT NULL, submitted_by TEXT NOT NULL, state TEXT NOT NULL,
  outcome TEXT NOT NULL, reason TEXT NOT NULL, reviewed_on TEXT NOT NULL,
  merged_into INTEGER NOT NULL, handling TEXT NOT NULL, round INTEGER NOT NULL,
  key INTEGER NOT NULL, replied_on TEXT NOT NULL, rating TEXT NOT NULL, closed_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS proposals_session ON proposals(body, session_id);
CREATE INDEX IF NOT EXISTS proposals_submitted ON proposals(body, submitted_on);
CREATE INDEX IF NOT EXISTS proposals_merged ON proposals(merged_into) WHERE merged_into != 0;
-- Who may see a proposal as its proposer ("member:<id>", "account:<username>"); derived from
-- proposals, so not hashed.
CREATE TABLE IF NOT EXISTS proposal_parties(
  party TEXT NOT NULL, proposal_id INTEGER NOT NULL,
  PRIMARY KEY(party, proposal_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS handling_units(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
  UNIQUE(body, name_zh));
CREATE TABLE IF NOT EXISTS handling_unit_accounts(
  username TEXT NOT NULL, unit_id INTEGER NOT NULL,
  PRIMARY KEY(username, unit_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS proposal_assignments(
  proposal_id INTEGER NOT NULL, round INTEGER NOT NULL, unit_id INTEGER NOT NULL,
  role TEXT NOT NULL, assigned_on TEXT NOT NULL, due_on TEXT NOT NULL, state TEXT NOT NULL,
  reply_class TEXT NOT NULL, reply_text TEXT NOT NULL, replied_on TEXT NOT NULL,
  returned_reason TEXT NOT NULL, by_user TEXT NOT NULL,
  PRIMARY KEY(proposal_id, round, unit_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS proposal_assignments_unit ON proposal_assignments(unit_id, state);
CREATE TABLE IF NOT EXISTS proposal_feedback(
  proposal_id INTEGER NOT NULL, round INTEGER NOT NULL, rater TEXT NOT NULL,
  rating TEXT NOT NULL, note TEXT NOT NULL, on_date TEXT NOT NULL,
  PRIMARY KEY(proposal_id, round, rater)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS proposal_supervision(
  id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, kind TEXT NOT NULL, note TEXT NOT NULL,
  on_date TEXT NOT NULL, by_user TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS proposal_extensions(
  id INTEGER PRIMARY KEY, proposal_id INTEGER NOT NULL, round INTEGER NOT NULL, months INTEGER NOT NULL,
  due_on TEXT NOT NULL, on_date TEXT NOT NULL, by_user TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS proposal_extensions_proposal ON proposal_extensions(proposal_id, id);
CREATE TABLE IF NOT EXISTS notifications(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, recipient TEXT NOT NULL,
  proposal_id INTEGER NOT NULL, kind TEXT NOT NULL, text_zh TEXT NOT NULL, text_en TEXT NOT NULL,
  at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS notifications_recipient ON notifications(recipient, id);
)sql",
      R"sql(
-- Full text of each proposal (title; facts, analysis and suggestions), segmented for Chinese by
-- the plenum_chinese tokenizer (src/store/sqlite/chinese_tokenizer.h). Derived, so not hashed.
CREATE VIRTUAL TABLE IF NOT EXISTS proposals_fts USING fts5(title, text, tokenize='plenum_chinese');
)sql",
      {
          {"proposals", "SELECT * FROM proposals ORDER BY id", "", false},
          {"proposal_parties", "", "derived from proposals in the same write (who may see a proposal as a proposer)", false},
          {"handling_units", "SELECT * FROM handling_units ORDER BY id", "", false},
          {"handling_unit_accounts", "SELECT * FROM handling_unit_accounts ORDER BY username, unit_id", "", false},
          {"proposal_assignments", "SELECT * FROM proposal_assignments ORDER BY proposal_id, round, unit_id", "", false},
          {"proposal_feedback", "SELECT * FROM proposal_feedback ORDER BY proposal_id, round, rater", "", false},
          {"proposal_supervision", "SELECT * FROM proposal_supervision ORDER BY id", "", false},
          {"proposal_extensions", "SELECT * FROM proposal_extensions ORDER BY id", "", false},
          {"notifications", "SELECT * FROM notifications ORDER BY id", "", false},
          {"proposals_fts", "", "the full-text index, derived from proposals; with its FTS5 shadow tables", false, true},
      }};
  return kSlice;
}

}  // namespace plenum::proposals::tables
