#include "assembly/tables.h"

#include <sstream>

#include "store/sql.h"

namespace plenum::assembly::tables {

namespace {

BodyRecord body_row(const store::Query& q) { return BodyRecord{q.s(0), q.s(1), q.s(2), q.s(3), q.s(4), q.s(5)}; }

constexpr const char* kSessionCols =
    "id, body, term, number, name_zh, name_en, short_name_zh, opens_on, closes_on, "
    "proposal_cutoff_at";

SessionRecord session_row(const store::Query& q) {
  return SessionRecord{q.i(0), q.s(1), q.i(2), q.i(3), q.s(4), q.s(5), q.s(6), q.s(7), q.s(8), q.i(9)};
}

constexpr const char* kSittingCols =
    "id, session_id, body, kind, number, title_zh, title_en, starts_at, state, unit_ids, "
    "group_name, opened_at, closed_at";

SittingRecord sitting_row(const store::Query& q) {
  return SittingRecord{q.i(0),
                       q.i(1),
                       q.s(2),
                       q.s(3),
                       q.i(4),
                       q.s(5),
                       q.s(6),
                       q.s(7),
                       store::name_column<SittingState>(q, 8),
                       store::split_ids(q.s(9)),
                       q.s(10),
                       q.i(11),
                       q.i(12)};
}

constexpr const char* kMemberCols =
    "id, body, seat, card, name, gender, unit_id, group_name, joined_on, vacated_on, "
    "vacancy_reason, roles, photo";

// A photo in its column: "<sha256> <size> <content type>" (none of them holds a space), or "".
std::optional<store::BlobRef> photo_column(const std::string& text) {
  std::istringstream in(text);
  store::BlobRef ref;
  if (!(in >> ref.sha256 >> ref.size >> ref.content_type)) return std::nullopt;
  return ref;
}

std::string photo_text(const std::optional<store::BlobRef>& photo) {
  return photo ? photo->sha256 + " " + std::to_string(photo->size) + " " + photo->content_type : "";
}

MemberRecord member_row(const store::Query& q) {
  return MemberRecord{q.i(0),
                      q.s(1),
                      q.s(2),
                      q.s(3),
                      q.s(4),
                      q.s(5),
                      q.i(6),
                      q.s(7),
                      q.s(8),
                      q.s(9),
                      q.s(10),
                      store::split_words(q.s(11)),
                      photo_column(q.s(12))};
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

void bind_filter(store::Query& q, const MemberFilter& f) {
  q.bind(f.body);
  if (!f.sitting_on.empty()) q.bind(f.sitting_on).bind(f.sitting_on);
  for (auto id : f.unit_ids) q.bind(id);
  if (!f.group_name.empty()) q.bind(f.group_name);
  if (!f.role.empty()) q.bind("%," + f.role + ",%");
}

const store::Rows<SessionRecord> kSessionRows{"sessions", kSessionCols, session_row};
const store::Rows<SittingRecord> kSittingRows{"sittings", kSittingCols, sitting_row};
const store::Rows<MemberRecord> kMemberRows{"members", kMemberCols, member_row};

const store::Rows<BodyRecord> kBodyRows{"bodies", "id, name_zh, name_en, rulebook, quorum_override, level", body_row};

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
  roles TEXT NOT NULL, photo TEXT NOT NULL, UNIQUE(body, seat), UNIQUE(body, card));
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
  return kBodyRows.one(r.sql(), "WHERE id = ?", id);
}

std::vector<BodyRecord> bodies(store::Reader& r) { return kBodyRows.all(r.sql(), "ORDER BY id"); }

std::optional<TermRecord> term(store::Reader& r, const std::string& body, int64_t number) {
  store::Query q(r.sql(), "SELECT body, number, name_zh, starts_on FROM terms WHERE body = ? AND number = ?");
  q.bind(body).bind(number);
  return store::one<TermRecord>(q, [](const store::Query& r) { return TermRecord{r.s(0), r.i(1), r.s(2), r.s(3)}; });
}

std::vector<TermRecord> terms(store::Reader& r, const std::string& body) {
  store::Query q(r.sql(), "SELECT body, number, name_zh, starts_on FROM terms WHERE body = ? ORDER BY number");
  q.bind(body);
  return store::all<TermRecord>(q, [](const store::Query& r) { return TermRecord{r.s(0), r.i(1), r.s(2), r.s(3)}; });
}

std::optional<SessionRecord> session(store::Reader& r, int64_t id) {
  return kSessionRows.one(r.sql(), "WHERE id = ?", id);
}

std::vector<SessionRecord> sessions(store::Reader& r, const std::string& body) {
  return kSessionRows.all(r.sql(), "WHERE body = ? ORDER BY term, number", body);
}

std::optional<SittingRecord> sitting(store::Reader& r, int64_t id) {
  return kSittingRows.one(r.sql(), "WHERE id = ?", id);
}

std::vector<SittingRecord> sittings(store::Reader& r, int64_t session_id) {
  return kSittingRows.all(r.sql(), "WHERE session_id = ? ORDER BY starts_at, id", session_id);
}

std::optional<UnitRecord> unit(store::Reader& r, int64_t id) {
  store::Query q(r.sql(), "SELECT id, body, kind, name FROM units WHERE id = ?");
  q.bind(id);
  return store::one<UnitRecord>(q, [](const store::Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
}

std::optional<UnitRecord> unit_by_name(store::Reader& r, const std::string& body, const std::string& name) {
  store::Query q(r.sql(), "SELECT id, body, kind, name FROM units WHERE body = ? AND name = ?");
  q.bind(body).bind(name);
  return store::one<UnitRecord>(q, [](const store::Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
}

std::vector<UnitRecord> units(store::Reader& r, const std::string& body) {
  store::Query q(r.sql(), "SELECT id, body, kind, name FROM units WHERE body = ? ORDER BY id");
  q.bind(body);
  return store::all<UnitRecord>(q, [](const store::Query& r) { return UnitRecord{r.i(0), r.s(1), r.s(2), r.s(3)}; });
}

std::optional<MemberRecord> member(store::Reader& r, int64_t id) {
  return kMemberRows.one(r.sql(), "WHERE id = ?", id);
}

std::optional<MemberRecord> member_by_seat(store::Reader& r, const std::string& body, const std::string& seat) {
  return kMemberRows.one(r.sql(), "WHERE body = ? AND seat = ?", body, seat);
}

std::optional<MemberRecord> member_by_card(store::Reader& r, const std::string& body, const std::string& card) {
  return kMemberRows.one(r.sql(), "WHERE body = ? AND card = ?", body, card);
}

std::vector<MemberRecord> members(store::Reader& r, const MemberFilter& filter) {
  store::Query q(r.sql(), std::string("SELECT ") + kMemberCols + " FROM members" + filter_sql(filter) + " ORDER BY id");
  bind_filter(q, filter);
  return store::all<MemberRecord>(q, member_row);
}

int64_t count_members(store::Reader& r, const MemberFilter& filter) {
  store::Query q(r.sql(), "SELECT COUNT(*) FROM members" + filter_sql(filter));
  bind_filter(q, filter);
  q.step();
  return q.i(0);
}

void put_body(store::TableWriter& w, const BodyRecord& b) {
  store::put_row(w.own_tables(), "bodies", "id, name_zh, name_en, rulebook, quorum_override, level", b.id, b.name_zh,
                 b.name_en, b.rulebook, b.quorum_override, b.level);
}

void put_term(store::TableWriter& w, const TermRecord& t) {
  store::put_row(w.own_tables(), "terms", "body, number, name_zh, starts_on", t.body, t.number, t.name_zh, t.starts_on);
}

void put_session(store::TableWriter& w, const SessionRecord& s) {
  store::put_row(w.own_tables(), "sessions", kSessionCols, s.id, s.body, s.term, s.number, s.name_zh, s.name_en,
                 s.short_name_zh, s.opens_on, s.closes_on, s.proposal_cutoff_at);
}

void put_sitting(store::TableWriter& w, const SittingRecord& s) {
  store::put_row(w.own_tables(), "sittings", kSittingCols, s.id, s.session_id, s.body, s.kind, s.number, s.title_zh,
                 s.title_en, s.starts_at, s.state, store::join_ids(s.unit_ids), s.group_name, s.opened_at, s.closed_at);
}

void put_unit(store::TableWriter& w, const UnitRecord& u) {
  store::put_row(w.own_tables(), "units", "id, body, kind, name", u.id, u.body, u.kind, u.name);
}

void put_member(store::TableWriter& w, const MemberRecord& m) {
  store::put_row(w.own_tables(), "members", kMemberCols, m.id, m.body, m.seat, m.card, m.name, m.gender, m.unit_id,
                 m.group_name, m.joined_on, m.vacated_on, m.vacancy_reason, store::join_words(m.roles),
                 photo_text(m.photo));
}

}  // namespace plenum::assembly::tables
