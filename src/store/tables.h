// A feature's slice of storage: the tables it owns, how each enters the state hash, and their
// schema. Each feature declares one (its tables.cpp) and registers it with its projectors
// (ledger::Registry::add_room); the store creates the schema and hashes the tables in the order
// the slices were registered.
//
// Contract:
// - Only the owning feature's projectors write its tables; a table marked handler_writes may
//   also be written by one of its actions outside the record (the named exceptions: see
//   ledger::ActionContext::unrecorded_writes). The connection refuses every other write.
// - Every table is either hashed (hash_query reads all its rows in a fixed order) or says why
//   not (outside_reason): LedgerTest.EveryTableIsHashedOrListedWithItsReason holds it to that.
#pragma once

#include <string>
#include <vector>

namespace plenum::store {

struct Table {
  std::string name;
  std::string hash_query;       // "SELECT ... ORDER BY ...": its rows in the state hash; empty: outside
  std::string outside_reason;   // why replay does not hash it (when hash_query is empty)
  bool handler_writes = false;  // an action writes it directly (never through an event)
  // An FTS table the store keeps a similarity index beside (store/sqlite/similar_search.h):
  // "<name>_words", outside the state hash with it.
  bool similarity_index = false;
};

struct TableSet {
  std::string feature;
  std::string schema;         // CREATE TABLE / INDEX IF NOT EXISTS, one text for every backend
  std::string sqlite_schema;  // what only SQLite spells this way (FTS5), run after `schema`
  std::vector<Table> tables;

  const Table* table(const std::string& name) const {
    for (const auto& t : tables)
      if (t.name == name) return &t;
    return nullptr;
  }
};

}  // namespace plenum::store
