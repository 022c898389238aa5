#include "assembly/tables.h"

namespace plenum::assembly::tables {

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "assembly",
      R"sql(
CREATE TABLE IF NOT EXISTS bodies(
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, rulebook TEXT NOT NULL,
  quorum_override TEXT NOT NULL, level TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terms(
  body TEXT NOT NULL, number INTEGER NOT NULL, name_zh TEXT NOT NULL, starts_on TEXT NOT NULL,
  PRIMARY KEY(body, number));
CREATE TABLE IF NOT EXISTS sessions(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, term INTEGER NOT NULL, number INTEGER NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, short_name_zh TEXT NOT NULL,
  opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, proposal_cutoff_at INTEGER NOT NULL,
  UNIQUE(body, term, number));
CREATE TABLE IF NOT EXISTS sittings(
  id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, body TEXT NOT NULL, kind TEXT NOT NULL,
  number INTEGER NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  starts_at TEXT NOT NULL, state TEXT NOT NULL, unit_ids TEXT NOT NULL, group_name TEXT NOT NULL,
  opened_at INTEGER NOT NULL, closed_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS sittings_session ON sittings(session_id);
CREATE TABLE IF NOT EXISTS units(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
  UNIQUE(body, name));
CREATE TABLE IF NOT EXISTS members(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, seat TEXT NOT NULL, card TEXT NOT NULL,
  name TEXT NOT NULL, gender TEXT NOT NULL, unit_id INTEGER NOT NULL, group_name TEXT NOT NULL,
  joined_on TEXT NOT NULL, vacated_on TEXT NOT NULL, vacancy_reason TEXT NOT NULL,
  roles TEXT NOT NULL, UNIQUE(body, seat), UNIQUE(body, card));
CREATE INDEX IF NOT EXISTS members_unit ON members(unit_id);
)sql",
      "",
      {
          {"bodies", "SELECT * FROM bodies ORDER BY id", "", false},
          {"terms", "SELECT * FROM terms ORDER BY body, number", "", false},
          {"sessions", "SELECT * FROM sessions ORDER BY id", "", false},
          {"sittings", "SELECT * FROM sittings ORDER BY id", "", false},
          {"units", "SELECT * FROM units ORDER BY id", "", false},
          {"members", "SELECT * FROM members ORDER BY id", "", false},
      }};
  return kSlice;
}

}  // namespace plenum::assembly::tables
