#include "attendance/tables.h"

namespace plenum::attendance::tables {

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "attendance",
      R"sql(
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
)sql",
      "",
      {
          {"check_ins", "SELECT * FROM check_ins ORDER BY sitting_id, member_id", "", false},
          {"leaves", "SELECT * FROM leaves ORDER BY id", "", false},
      }};
  return kSlice;
}

}  // namespace plenum::attendance::tables
