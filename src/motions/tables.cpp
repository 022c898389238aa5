#include "motions/tables.h"

namespace plenum::motions::tables {

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "motions",
      R"sql(
CREATE TABLE IF NOT EXISTS motions(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, session_id INTEGER NOT NULL,
  sitting_id INTEGER NOT NULL, kind TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  submitter_kind TEXT NOT NULL, submitter TEXT NOT NULL, signers TEXT NOT NULL,
  sections TEXT NOT NULL, items TEXT NOT NULL, state TEXT NOT NULL, parent_id INTEGER NOT NULL,
  clause TEXT NOT NULL, referred_to TEXT NOT NULL, decided_how TEXT NOT NULL,
  decided_at INTEGER NOT NULL, submitted_by TEXT NOT NULL, submitted_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS motions_session ON motions(session_id);
CREATE INDEX IF NOT EXISTS motions_parent ON motions(parent_id);
CREATE TABLE IF NOT EXISTS motion_versions(
  motion_id INTEGER NOT NULL, number INTEGER NOT NULL, stage TEXT NOT NULL, text TEXT NOT NULL,
  note TEXT NOT NULL, by_user TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY(motion_id, number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cosignatures(
  subject TEXT NOT NULL, subject_id INTEGER NOT NULL, member_id INTEGER NOT NULL, state TEXT NOT NULL,
  via TEXT NOT NULL, form_ref TEXT NOT NULL, by_user TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY(subject, subject_id, member_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cosignatures_member ON cosignatures(member_id, state);
)sql",
      "",
      {
          {"motions", "SELECT * FROM motions ORDER BY id", "", false},
          {"motion_versions", "SELECT * FROM motion_versions ORDER BY motion_id, number", "", false},
          {"cosignatures", "SELECT * FROM cosignatures ORDER BY subject, subject_id, member_id", "", false},
      }};
  return kSlice;
}

}  // namespace plenum::motions::tables
