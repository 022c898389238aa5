// A plenum database file of any schema version, opened read only: what an upgrade reads. It reads
// no projection through this build's queries, so its schema may be older (or newer) than this
// build's; what it reads directly, the events, has kept one shape since schema 6
// (docs/LEDGER.md). Table by table it can also carry rows into, and compare itself with, another
// database file of this build's schema.
//
// Contract:
// - Nothing here writes the archive's file (it is opened read only, and attached read only).
// - for_each_event reads one snapshot: a server still writing the file adds nothing half-way.
// - carry_into and compare_with name tables of this build's slices; the target is a closed
//   database file (no Store open on it) of this build's schema.
// - Failures of the file (missing, not a database, no events table) are errors, never throws.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace plenum::store {

class Archive : public EventLog {
 public:
  // PRAGMA user_version: the schema version of the build that wrote the file.
  virtual int schema_version() const = 0;
  virtual int64_t event_count() = 0;

  // A consistent copy of the whole file into `path` (which must not exist) through SQLite's
  // online backup API: one snapshot, taken while a server may go on writing, so every batch
  // committed before it is in the copy and none committed after it is, not even in part.
  virtual Status copy_to(const std::string& path) = 0;

  // Copies into `target`, in one transaction, each row of each of `tables` that the archive
  // holds, by the columns both have (a column only the target has takes its default); a row
  // whose key the target already holds stays as it is. A table the archive lacks copies
  // nothing. Returns the rows copied, table by table, in the order given.
  virtual Result<std::vector<std::pair<std::string, int64_t>>> carry_into(const std::string& target,
                                                                          const std::vector<std::string>& tables) = 0;

  struct TableComparison {
    std::string table;
    bool in_archive = false, in_target = false;
    bool same_columns = false;  // the same column names in the same order
    int64_t archive_rows = 0, target_rows = 0;
    int64_t only_in_archive = 0, only_in_target = 0;  // rows (all columns) the other lacks
    bool same() const {
      return in_archive && in_target && same_columns && only_in_archive == 0 && only_in_target == 0 &&
             archive_rows == target_rows;
    }
  };
  // Compares each of `tables` row by row with `target` (every column; a table whose columns
  // differ only by row count).
  virtual Result<std::vector<TableComparison>> compare_with(const std::string& target,
                                                            const std::vector<std::string>& tables) = 0;
};

// A database file together with its -wal, -shm and -journal companions: whether any is there,
// and removing them all (what a failed copy or upgrade wrote).
bool database_exists(const std::string& path);
void remove_database(const std::string& path);

// The schema version this build writes, and the oldest one whose log it reads.
int schema_version();
int oldest_upgradable_schema_version();

// Opens the SQLite database at `path` read only (kNotFound if there is no such file, kMalformed
// if it is not a plenum database).
Result<std::unique_ptr<Archive>> open_sqlite_archive(const std::string& path);

}  // namespace plenum::store
