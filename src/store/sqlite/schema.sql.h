// The SQLite schema. Projection tables are rebuilt by replay; `events` is the record itself.
#pragma once

namespace plenum::store::sqlite {

inline constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS events(
  position INTEGER PRIMARY KEY,
  body TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,
  at INTEGER NOT NULL, request_id TEXT NOT NULL, payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
  UNIQUE(body, seq));
CREATE TRIGGER IF NOT EXISTS events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TABLE IF NOT EXISTS requests(
  request_id TEXT PRIMARY KEY, actor TEXT NOT NULL, action TEXT NOT NULL,
  args_hash TEXT NOT NULL, response TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS bodies(
  id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL, rulebook TEXT NOT NULL,
  quorum_override TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terms(
  body TEXT NOT NULL, number INTEGER NOT NULL, name_zh TEXT NOT NULL, starts_on TEXT NOT NULL,
  PRIMARY KEY(body, number));
CREATE TABLE IF NOT EXISTS sessions(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, term INTEGER NOT NULL, number INTEGER NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, short_name_zh TEXT NOT NULL,
  opens_on TEXT NOT NULL, closes_on TEXT NOT NULL, UNIQUE(body, term, number));
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

CREATE TABLE IF NOT EXISTS accounts(
  username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, display_name TEXT NOT NULL,
  member_id INTEGER NOT NULL, disabled INTEGER NOT NULL, credentials_changed_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS accounts_member ON accounts(member_id);
CREATE TABLE IF NOT EXISTS account_roles(
  username TEXT NOT NULL, body TEXT NOT NULL, role TEXT NOT NULL,
  PRIMARY KEY(username, body, role)) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS check_ins(
  sitting_id INTEGER NOT NULL, member_id INTEGER NOT NULL, method TEXT NOT NULL,
  at INTEGER NOT NULL, by_user TEXT NOT NULL,
  PRIMARY KEY(sitting_id, member_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS check_ins_member ON check_ins(member_id);
CREATE TABLE IF NOT EXISTS leaves(
  id INTEGER PRIMARY KEY, sitting_id INTEGER NOT NULL, member_id INTEGER NOT NULL,
  reason TEXT NOT NULL, state TEXT NOT NULL, requested_by TEXT NOT NULL,
  requested_at INTEGER NOT NULL, decided_by TEXT NOT NULL, decided_at INTEGER NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS leaves_sitting ON leaves(sitting_id);
CREATE INDEX IF NOT EXISTS leaves_member ON leaves(member_id);

CREATE TABLE IF NOT EXISTS login_sessions(
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
)sql";

// Projection tables in the order state_hash() reads them, each with its ordering key.
inline constexpr const char* kProjectionTables[][2] = {
    {"bodies", "id"},
    {"terms", "body, number"},
    {"sessions", "id"},
    {"sittings", "id"},
    {"units", "id"},
    {"members", "id"},
    {"accounts", "username"},
    {"account_roles", "username, body, role"},
    {"check_ins", "sitting_id, member_id"},
    {"leaves", "id"},
};

}  // namespace plenum::store::sqlite
