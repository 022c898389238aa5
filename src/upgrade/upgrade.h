// plenum upgrade: a database written by an earlier build (any schema version from
// store::oldest_upgradable_schema_version() on) becomes one of this build's, by replay. The log is
// the record and every table a projection of it (docs/LEDGER.md), so the upgrade copies the log
// into a new file and rebuilds every projection with this build's code; what is not in the log
// is carried across explicitly. Stored events never change (their hashes): an event type whose
// payload changed says how its earlier versions are read (ledger::Registry::Room::add_event_version).
//
// The steps; each failure stops the upgrade with an error saying what to do, removes the new
// file and leaves the old one as it was:
// 1. the old file's chains verify, link by link;
// 2. its events are appended to the new file and projected (ledger::rebuild);
// 3. each room's upgrade checks pass on the rebuilt state (no poll open, no election round being
//    voted or counted: their ballots are not all in the log yet);
// 4. carried across: the answers kept under request ids (a retried request is still answered
//    once), every table an action writes outside the record (store::Table::handler_writes: who
//    voted in a closed anonymous poll) and the file's earlier upgrades. Not carried: sign-in
//    sessions (everyone signs in again);
// 5. compared with the old file table by table: a table with the same columns in both must hold
//    the same rows, the events included; a table whose columns changed, or that is new, is
//    reported with its row counts;
// 6. the new file's chains verify, and the upgrade is recorded in its upgrades table.
// Files (store/blobs.h) are immutable and named by content: the new file's blob directory gets
// hard links to (or copies of) the old one's.
//
// The server must not be writing the old file meanwhile (stop it first): the upgrade reads one
// snapshot, and anything written after it would be in the old file only.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ledger/ledger.h"
#include "store/archive.h"

namespace plenum::upgrade {

struct Report {
  int from_version = 0, to_version = 0;
  int64_t events = 0;
  int64_t bodies = 0;
  std::string state_hash;
  std::vector<std::pair<std::string, int64_t>> carried;  // table, rows
  std::vector<store::Archive::TableComparison> tables;
  std::string kept;              // in place: where the old file now is
  bool already_current = false;  // in place: the file was of this build's version; nothing done
};

// Upgrades the database at `from` into the new file `to` (which must not exist); `from` is only read.
Result<Report> upgrade(const ledger::Registry& registry, const std::string& from, const std::string& to);

// Upgrades `db` in place: into <db>.upgrading, then the old file is kept as <db>.schema-<version>
// (with its -wal, if any) and the new one takes its name. A file already of this build's version is left alone.
Result<Report> upgrade_in_place(const ledger::Registry& registry, const std::string& db);

}  // namespace plenum::upgrade
