#include "attendance/tables.h"

#include "store/sql.h"

namespace plenum::attendance::tables {

namespace {

constexpr const char* kLeaveCols =
    "id, sitting_id, member_id, reason, state, requested_by, requested_at, decided_by, "
    "decided_at, note";

LeaveRecord leave_row(const store::Query& q) {
  return LeaveRecord{q.i(0), q.i(1), q.i(2), q.s(3), store::name_column<LeaveState>(q, 4),
                     q.s(5), q.i(6), q.s(7), q.i(8), q.s(9)};
}

CheckInRecord check_in_row(const store::Query& q) { return CheckInRecord{q.i(0), q.i(1), q.s(2), q.i(3), q.s(4)}; }

const store::Rows<LeaveRecord> kLeaveRows{"leaves", kLeaveCols, leave_row};

const store::Rows<CheckInRecord> kCheckInRows{"check_ins", "sitting_id, member_id, method, at, by_user", check_in_row};

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
  return kCheckInRows.one(r.sql(), "WHERE sitting_id = ? AND member_id = ?", sitting_id, member_id);
}

std::vector<CheckInRecord> check_ins(store::Reader& r, int64_t sitting_id) {
  return kCheckInRows.all(r.sql(), "WHERE sitting_id = ? ORDER BY member_id", sitting_id);
}

std::vector<CheckInRecord> check_ins_of_member(store::Reader& r, int64_t member_id) {
  return kCheckInRows.all(r.sql(), "WHERE member_id = ? ORDER BY sitting_id", member_id);
}

int64_t count_check_ins(store::Reader& r, int64_t sitting_id) {
  store::Query q(r.sql(), "SELECT COUNT(*) FROM check_ins WHERE sitting_id = ?");
  q.bind(sitting_id);
  q.step();
  return q.i(0);
}

std::optional<LeaveRecord> leave(store::Reader& r, int64_t id) { return kLeaveRows.one(r.sql(), "WHERE id = ?", id); }

std::vector<LeaveRecord> leaves(store::Reader& r, int64_t sitting_id) {
  return kLeaveRows.all(r.sql(), "WHERE sitting_id = ? ORDER BY id", sitting_id);
}

std::vector<LeaveRecord> leaves_of_member(store::Reader& r, int64_t member_id) {
  return kLeaveRows.all(r.sql(), "WHERE member_id = ? ORDER BY id", member_id);
}

void put_check_in(store::TableWriter& w, const CheckInRecord& c) {
  store::exec(w.own_tables(), "INSERT INTO check_ins(sitting_id, member_id, method, at, by_user) VALUES(?,?,?,?,?)",
              c.sitting_id, c.member_id, c.method, c.at, c.by);
}

void put_leave(store::TableWriter& w, const LeaveRecord& l) {
  store::put_row(w.own_tables(), "leaves", kLeaveCols, l.id, l.sitting_id, l.member_id, l.reason, l.state,
                 l.requested_by, l.requested_at, l.decided_by, l.decided_at, l.note);
}

}  // namespace plenum::attendance::tables
