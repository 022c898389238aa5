// plenum backup and plenum restore (docs/OPERATIONS.md). A backup is a consistent copy of the
// database taken while the server runs, with the files (store/blobs.h) its events name; a
// restore puts a backup in place of a missing database. Both verify before they report success.
//
// backup(db, to): `to` must not exist.
// 1. the database is copied through SQLite's online backup API (store::Archive::copy_to): one
//    snapshot, so a batch committed before it is in whole and one committed after it is not in
//    at all (the ledger acknowledges a request only after its batch committed);
// 2. the copy's chains verify, link by link;
// 3. every file an event of the copy names is copied into <to>.blobs, checked against its hash.
//
// restore(from, db): `db` must not exist (a database is never overwritten: move it away first).
// 1. the backup's chains verify and its schema version is this build's (an older backup is
//    restored by plenum upgrade --from BACKUP --to DB instead, which says so);
// 2. it is copied to `db`, and every projection is rebuilt from its log into a scratch file
//    and compared by state hash (ledger::replay): the restored tables are what the log says;
// 3. its files are copied into <db>.blobs, checked against their hashes.
// Any failure removes what it wrote and leaves the source as it was.
#pragma once

#include <string>

#include "base/status.h"
#include "ledger/ledger.h"

namespace plenum::backup {

struct Report {
  int64_t events = 0;
  int64_t bodies = 0;
  int64_t files = 0;       // blobs copied (or already there)
  std::string state_hash;  // restore: the rebuilt projections' (equal to the restored file's)
};

Result<Report> backup(const std::string& db, const std::string& to);
Result<Report> restore(const ledger::Registry& registry, const std::string& from, const std::string& db);

}  // namespace plenum::backup
