#include "assembly/tables.h"

#include "store/sql.h"

namespace plenum::assembly::tables {

using store::all;
using store::join_ids;
using store::join_words;
using store::one;
using store::Query;
using store::split_ids;
using store::split_words;

namespace {

BodyRecord body_row(const Query& q) { return BodyRecord{q.s(0), q.s(1), q.s(2), q.s(3), q.s(4), q.s(5)}; }

constexpr const char* kSessionCols =
    "id, body, term, number, name_zh, name_en, short_name_zh, opens_on, closes_on, "
    "proposal_cutoff_at";

SessionRecord session_row(const Query& q) {
  return SessionRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4), q.s(5), q.s(6), q.s(7), q.s(8), q.i(9)};
}

constexpr const char* kSittingCols =
    "id, session_id, body, kind, number, title_zh, title_en, starts_at, state, unit_ids, "
    "group_name, opened_at, closed_at";

SittingRecord sitting_row(const Query& q) {
  return SittingRecord{q.i(0),  q.i(1),  q.s(2), q.s(3), q.i(4), q.s(5), q.s(6), q.s(7), q.s(8), split_ids(q.s(9)),
                       q.s(10), q.i(11), q.i(12)};
}

constexpr const char* kMemberCols =
    "id, body, seat, card, name, gender, unit_id, group_name, joined_on, vacated_on, "
    "vacancy_reason, roles";

MemberRecord member_row(const Query& q) {
  return MemberRecord{q.i(0), q.s(1), q.s(2), q.s(3), q.s(4),  q.s(5),
                      q.i(6), q.s(7), q.s(8), q.s(9), q.s(10), split_words(q.s(11))};
}

// Builds the WHERE clause of a member filter; binds in the same order via bind_filter.
std::string filter_sql(const MemberFilter& f) {
  std::string sql = " WHERE body = ?";
  if (!f.sitting_on.empty()) sql += " AND joined_on <= ? AND (vacated_on = '' OR vacated_on > ?)";
  if (!f.unit_ids.empty()) {
    sql += " AND unit_id IN (";
    for (size_t i = 0; i < f.unit_ids.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
  }
  if (!f.group_name.empty()) sql += " AND group_name = ?";
  if (!f.role.empty()) sql += " AND (',' || roles || ',') LIKE ?";
  return sql;
}

void bind_filter(Query& q, const MemberFilter& f) {
  q.bind(f.body);
  if (!f.sitting_on.empty()) q.bind(f.sitting_on).bind(f.sitting_on);
  for (auto id : f.unit_ids) q.bind(id);
  if (!f.group_name.empty()) q.bind(f.group_name);
  if (!f.role.empty()) q.bind("%," + f.role + ",%");
}

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{"assembly",
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

std::optional<BodyRecord> body(store::Reader& r, const std::string& id) {
  return store::one_by<BodyRecord>(r.sql(),
                                   "SELECT id, name_zh, name_en, rulebook, quorum_override, level FROM bodies "
                                   "WHERE id = ?",
                                   id, body_row);
}

std::vector<BodyRecord> bodies(store::Reader& r) {
  Query q(r.sql(),
          "SELECT id, name_zh, name_en, rulebook, quorum_override, level FROM bodies "
          "ORDER BY id");
  return all<BodyRecord>(q, body_row);
}

std::optional<TermRecord> term(store::Reader& r, const std::string& body, int64_t number) {
  Query q(r.sql(), "SELECT body, number, name_zh, starts_on FROM terms WHERE body = ? AND number = ?");
  q.bind(body).bind(number);
  return one<TermRecord>(q, [](const Query& r) { return TermRecord{r.s(0), r.i(1), r.s(2), r.s(3)}; });
}

std::vector<TermRecord> terms(store::Reader& r, const std::string& body) {
  Query q(r.sql(), "SELECT body, number, name_zh, starts_on FROM terms WHERE body = ? ORDER BY number");
  q.bind(body);
  return all<TermRecord>(q, [](const Query& r) { return TermRecord{r.s(0), r.i(1), r.s(2), r.s(3)}; });
}

std::optional<SessionRecord> session(store::Reader& r, int64_t id) {
  return store::one_by<SessionRecord>(r.sql(), std::string("SELECT ") + kSessionCols + " FROM sessions WHERE id = ?",
                                      id, session_row);
}

std::vector<SessionRecord> sessions(store::Reader& r, const std::string& body) {
  return store::all_by<SessionRecord>(
      r.sql(), std::string("SELECT ") + kSessionCols + " FROM sessions WHERE body = ? ORDER BY term, number", body,
      session_row);
}

std::optional<SittingRecord> sitting(store::Reader& r, int64_t id) {
  return store::one_by<SittingRecord>(r.sql(), std::string("SELECT ") + kSittingCols + " FROM sittings WHERE id = ?",
                                      id, sitting_row);
}

std::vector<SittingRecord> sittings(store::Reader& r, int64_t session_id) {
  return store::all_by<SittingRecord>(
      r.sql(), std::string("SELECT ") + kSittingCols + " FROM sittings WHERE session_id = ? ORDER BY starts_at, id",
      session_id, sitting_row);
}

std::optional<UnitRecord> unit(store::Reader& r, int64_t id) {
  Query q(r.sql(), "SELECT id, body, kind, name FROM units WHERE id = ?");
  q.bind(id);
  return one<UnitRecord>(q, [](const Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
}

std::optional<UnitRecord> unit_by_name(store::Reader& r, const std::string& body, const std::string& name) {
  Query q(r.sql(), "SELECT id, body, kind, name FROM units WHERE body = ? AND name = ?");
  q.bind(body).bind(name);
  return one<UnitRecord>(q, [](const Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
}

std::vector<UnitRecord> units(store::Reader& r, const std::string& body) {
  Query q(r.sql(), "SELECT id, body, kind, name FROM units WHERE body = ? ORDER BY id");
  q.bind(body);
  return all<UnitRecord>(q, [](const Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
}

std::optional<MemberRecord> member(store::Reader& r, int64_t id) {
  return store::one_by<MemberRecord>(r.sql(), std::string("SELECT ") + kMemberCols + " FROM members WHERE id = ?", id,
                                     member_row);
}

std::optional<MemberRecord> member_by_seat(store::Reader& r, const std::string& body, const std::string& seat) {
  Query q(r.sql(), std::string("SELECT ") + kMemberCols + " FROM members WHERE body = ? AND seat = ?");
  q.bind(body).bind(seat);
  return one<MemberRecord>(q, member_row);
}

std::optional<MemberRecord> member_by_card(store::Reader& r, const std::string& body, const std::string& card) {
  Query q(r.sql(), std::string("SELECT ") + kMemberCols + " FROM members WHERE body = ? AND card = ?");
  q.bind(body).bind(card);
  return one<MemberRecord>(q, member_row);
}

std::vector<MemberRecord> members(store::Reader& r, const MemberFilter& filter) {
  Query q(r.sql(), std::string("SELECT ") + kMemberCols + " FROM members" + filter_sql(filter) + " ORDER BY id");
  bind_filter(q, filter);
  return all<MemberRecord>(q, member_row);
}

int64_t count_members(store::Reader& r, const MemberFilter& filter) {
  Query q(r.sql(), "SELECT COUNT(*) FROM members" + filter_sql(filter));
  bind_filter(q, filter);
  q.step();
  return q.i(0);
}

void put_body(store::TableWriter& w, const BodyRecord& b) {
  Query q(w.own_tables(),
          "INSERT OR REPLACE INTO bodies(id, name_zh, name_en, rulebook, quorum_override, "
          "level) VALUES(?,?,?,?,?,?)");
  q.bind(b.id).bind(b.name_zh).bind(b.name_en).bind(b.rulebook).bind(b.quorum_override).bind(b.level);
  q.run();
}

void put_term(store::TableWriter& w, const TermRecord& t) {
  Query q(w.own_tables(), "INSERT OR REPLACE INTO terms(body, number, name_zh, starts_on) VALUES(?,?,?,?)");
  q.bind(t.body).bind(t.number).bind(t.name_zh).bind(t.starts_on);
  q.run();
}

void put_session(store::TableWriter& w, const SessionRecord& s) {
  Query q(w.own_tables(),
          std::string("INSERT OR REPLACE INTO sessions(") + kSessionCols + ") VALUES(?,?,?,?,?,?,?,?,?,?)");
  q.bind(s.id)
      .bind(s.body)
      .bind(s.term)
      .bind(s.number)
      .bind(s.name_zh)
      .bind(s.name_en)
      .bind(s.short_name_zh)
      .bind(s.opens_on)
      .bind(s.closes_on)
      .bind(s.proposal_cutoff_at);
  q.run();
}

void put_sitting(store::TableWriter& w, const SittingRecord& s) {
  Query q(w.own_tables(),
          std::string("INSERT OR REPLACE INTO sittings(") + kSittingCols + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(s.id)
      .bind(s.session_id)
      .bind(s.body)
      .bind(s.kind)
      .bind(s.number)
      .bind(s.title_zh)
      .bind(s.title_en)
      .bind(s.starts_at)
      .bind(s.state)
      .bind(join_ids(s.unit_ids))
      .bind(s.group_name)
      .bind(s.opened_at)
      .bind(s.closed_at);
  q.run();
}

void put_unit(store::TableWriter& w, const UnitRecord& u) {
  Query q(w.own_tables(), "INSERT OR REPLACE INTO units(id, body, kind, name) VALUES(?,?,?,?)");
  q.bind(u.id).bind(u.body).bind(u.kind).bind(u.name);
  q.run();
}

void put_member(store::TableWriter& w, const MemberRecord& m) {
  Query q(w.own_tables(),
          std::string("INSERT OR REPLACE INTO members(") + kMemberCols + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?)");
  q.bind(m.id)
      .bind(m.body)
      .bind(m.seat)
      .bind(m.card)
      .bind(m.name)
      .bind(m.gender)
      .bind(m.unit_id)
      .bind(m.group_name)
      .bind(m.joined_on)
      .bind(m.vacated_on)
      .bind(m.vacancy_reason)
      .bind(join_words(m.roles));
  q.run();
}

}  // namespace plenum::assembly::tables
