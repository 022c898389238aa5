#include "attendance/tables.h"

#include "store/sql.h"

namespace plenum::attendance::tables {

using store::all;
using store::one;
using store::Query;

namespace {

constexpr const char* kLeaveCols =
    "id, sitting_id, member_id, reason, state, requested_by, requested_at, decided_by, "
    "decided_at, note";

LeaveRecord leave_row(const Query& q) {
  return LeaveRecord{q.i(0), q.i(1), q.i(2), q.s(3), q.s(4), q.s(5), q.i(6), q.s(7), q.i(8), q.s(9)};
}

CheckInRecord check_in_row(const Query& q) { return CheckInRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4)}; }

}  // namespace

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

std::optional<CheckInRecord> check_in(store::Reader& r, int64_t sitting_id, int64_t member_id) {
  Query q(r.sql(),
          "SELECT sitting_id, member_id, method, at, by_user FROM check_ins "
          "WHERE sitting_id = ? AND member_id = ?");
  q.bind(sitting_id).bind(member_id);
  return one<CheckInRecord>(q, check_in_row);
}

std::vector<CheckInRecord> check_ins(store::Reader& r, int64_t sitting_id) {
  return store::all_by<CheckInRecord>(r.sql(),
                                      "SELECT sitting_id, member_id, method, at, by_user FROM check_ins "
                                      "WHERE sitting_id = ? ORDER BY member_id",
                                      sitting_id, check_in_row);
}

std::vector<CheckInRecord> check_ins_of_member(store::Reader& r, int64_t member_id) {
  return store::all_by<CheckInRecord>(r.sql(),
                                      "SELECT sitting_id, member_id, method, at, by_user FROM check_ins "
                                      "WHERE member_id = ? ORDER BY sitting_id",
                                      member_id, check_in_row);
}

int64_t count_check_ins(store::Reader& r, int64_t sitting_id) {
  Query q(r.sql(), "SELECT COUNT(*) FROM check_ins WHERE sitting_id = ?");
  q.bind(sitting_id);
  q.step();
  return q.i(0);
}

std::optional<LeaveRecord> leave(store::Reader& r, int64_t id) {
  return store::one_by<LeaveRecord>(r.sql(), std::string("SELECT ") + kLeaveCols + " FROM leaves WHERE id = ?", id,
                                    leave_row);
}

std::vector<LeaveRecord> leaves(store::Reader& r, int64_t sitting_id) {
  return store::all_by<LeaveRecord>(
      r.sql(), std::string("SELECT ") + kLeaveCols + " FROM leaves WHERE sitting_id = ? ORDER BY id", sitting_id,
      leave_row);
}

std::vector<LeaveRecord> leaves_of_member(store::Reader& r, int64_t member_id) {
  return store::all_by<LeaveRecord>(
      r.sql(), std::string("SELECT ") + kLeaveCols + " FROM leaves WHERE member_id = ? ORDER BY id", member_id,
      leave_row);
}

void put_check_in(store::TableWriter& w, const CheckInRecord& c) {
  Query q(w.own_tables(), "INSERT INTO check_ins(sitting_id, member_id, method, at, by_user) VALUES(?,?,?,?,?)");
  q.bind(c.sitting_id).bind(c.member_id).bind(c.method).bind(c.at).bind(c.by);
  q.run();
}

void put_leave(store::TableWriter& w, const LeaveRecord& l) {
  Query q(w.own_tables(), std::string("INSERT OR REPLACE INTO leaves(") + kLeaveCols + ") VALUES(?,?,?,?,?,?,?,?,?,?)");
  q.bind(l.id)
      .bind(l.sitting_id)
      .bind(l.member_id)
      .bind(l.reason)
      .bind(l.state)
      .bind(l.requested_by)
      .bind(l.requested_at)
      .bind(l.decided_by)
      .bind(l.decided_at)
      .bind(l.note);
  q.run();
}

}  // namespace plenum::attendance::tables
