// The SQLite store's own slice: the record itself, the answers kept under request ids, the
// sign-in sessions and what upgrades did to the file. The features' tables are in their own folders
// (<feature>/tables.cpp).
#pragma once

#include "store/tables.h"

namespace plenum::store::sqlite {

inline const TableSet& own_slice() {
  static const TableSet kSlice{
      "store",
      R"sql(
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
CREATE TABLE IF NOT EXISTS login_sessions(
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS upgrades(
  position INTEGER PRIMARY KEY, at INTEGER NOT NULL, build TEXT NOT NULL,
  from_version INTEGER NOT NULL, to_version INTEGER NOT NULL, source TEXT NOT NULL,
  events INTEGER NOT NULL, state_hash TEXT NOT NULL);
)sql",
      "",
      {
          {"events", "", "the record itself: each event is hash-chained, checked by plenum verify and read by replay"},
          {"requests", "", "the answer kept under each request id, for idempotency; not a projection"},
          {"login_sessions", "", "sign-in sessions live beside the record, outside the ledger"},
          {"upgrades", "",
           "what plenum upgrade did to this file (src/upgrade/upgrade.h): a fact about the file, not the record"},
      }};
  return kSlice;
}

// Bumped whenever a table changes shape (8: the upgrades table; 9: proposal_reports; 10: projections;
// 11: password_resets; 12: members' photos). A database of another version is refused with the command that upgrades it
// (plenum upgrade, src/upgrade/upgrade.h); each version leaves a fixture in tests/upgrade/
// (tests/upgrade/make-fixture.sh).
inline constexpr int kSchemaVersion = 12;
// The oldest version whose log plenum upgrade reads (the events table has this shape since).
inline constexpr int kOldestUpgradable = 6;

}  // namespace plenum::store::sqlite
