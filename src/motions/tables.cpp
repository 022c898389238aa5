#include "motions/tables.h"

#include "store/sql.h"

namespace plenum::motions::tables {

namespace {

constexpr const char* kMotionCols =
    "id, body, session_id, sitting_id, kind, title_zh, title_en, submitter_kind, submitter, "
    "signers, sections, items, state, parent_id, clause, referred_to, decided_how, decided_at, "
    "submitted_by, submitted_at";

MotionRecord motion_row(const store::Query& q) {
  return MotionRecord{q.i(0),
                      q.s(1),
                      q.i(2),
                      q.i(3),
                      q.s(4),
                      q.s(5),
                      q.s(6),
                      q.s(7),
                      q.s(8),
                      store::split_ids(q.s(9)),
                      q.s(10),
                      q.s(11),
                      store::name_column<MotionState>(q, 12),
                      q.i(13),
                      q.s(14),
                      q.s(15),
                      q.s(16),
                      q.i(17),
                      q.s(18),
                      q.i(19)};
}

CosignatureRecord cosignature_row(const store::Query& q) {
  return CosignatureRecord{q.s(0), q.i(1), q.i(2), store::name_column<CosignatureState>(q, 3),
                           q.s(4), q.s(5), q.s(6), q.i(7)};
}

const store::Rows<MotionRecord> kMotionRows{"motions", kMotionCols, motion_row};

const store::Rows<CosignatureRecord> kCosignatureRows{
    "cosignatures", "subject, subject_id, member_id, state, via, form_ref, by_user, at", cosignature_row};

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "motions",
      R"sql(
CREATE TABLE IF NOT EXISTS motions(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, session_id INTEGER NOT NULL,
  sitting_id INTEGER NOT NULL, kind TEXT NOT NULL, title_zh TEXT NOT NULL, title_en TEXT NOT NULL,
  submitter_kind TEXT NOT NULL, submitter TEXT NOT NULL, signers TEXT NOT NULL,
  sections TEXT NOT NULL, items TEXT NOT NULL, state TEXT NOT NULL, parent_id INTEGER NOT NULL,
  clause TEXT NOT NULL, referred_to TEXT NOT NULL, decided_how TEXT NOT NULL,
  decided_at INTEGER NOT NULL, submitted_by TEXT NOT NULL, submitted_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS motions_session ON motions(session_id);
CREATE INDEX IF NOT EXISTS motions_parent ON motions(parent_id);
CREATE TABLE IF NOT EXISTS motion_versions(
  motion_id INTEGER NOT NULL, number INTEGER NOT NULL, stage TEXT NOT NULL, text TEXT NOT NULL,
  note TEXT NOT NULL, by_user TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY(motion_id, number)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cosignatures(
  subject TEXT NOT NULL, subject_id INTEGER NOT NULL, member_id INTEGER NOT NULL, state TEXT NOT NULL,
  via TEXT NOT NULL, form_ref TEXT NOT NULL, by_user TEXT NOT NULL, at INTEGER NOT NULL,
  PRIMARY KEY(subject, subject_id, member_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS cosignatures_member ON cosignatures(member_id, state);
)sql",
      "",
      {
          {"motions", "SELECT * FROM motions ORDER BY id", "", false},
          {"motion_versions", "SELECT * FROM motion_versions ORDER BY motion_id, number", "", false},
          {"cosignatures", "SELECT * FROM cosignatures ORDER BY subject, subject_id, member_id", "", false},
      }};
  return kSlice;
}

std::optional<MotionRecord> motion(store::Reader& r, int64_t id) {
  return kMotionRows.one(r.sql(), "WHERE id = ?", id);
}

std::vector<MotionRecord> motions(store::Reader& r, int64_t session_id) {
  return kMotionRows.all(r.sql(), "WHERE session_id = ? ORDER BY id", session_id);
}

std::vector<MotionRecord> clauses(store::Reader& r, int64_t parent_id) {
  return kMotionRows.all(r.sql(), "WHERE parent_id = ? ORDER BY id", parent_id);
}

std::vector<MotionVersionRecord> motion_versions(store::Reader& r, int64_t motion_id) {
  store::Query q(r.sql(),
                 "SELECT motion_id, number, stage, text, note, by_user, at FROM motion_versions "
                 "WHERE motion_id = ? ORDER BY number");
  q.bind(motion_id);
  return store::all<MotionVersionRecord>(q, [](const store::Query& r) {
    return MotionVersionRecord{r.i(0), r.i(1), r.s(2), r.s(3), r.s(4), r.s(5), r.i(6)};
  });
}

std::vector<CosignatureRecord> cosignatures(store::Reader& r, const std::string& subject, int64_t subject_id) {
  return kCosignatureRows.all(r.sql(), "WHERE subject = ? AND subject_id = ? ORDER BY member_id", subject, subject_id);
}

std::vector<CosignatureRecord> requested_cosignatures(store::Reader& r, int64_t member_id) {
  return kCosignatureRows.all(r.sql(), "WHERE member_id = ? AND state = 'requested' ORDER BY at, subject, subject_id",
                              member_id);
}

void put_motion(store::TableWriter& w, const MotionRecord& m) {
  store::put_row(w.own_tables(), "motions", kMotionCols, m.id, m.body, m.session_id, m.sitting_id, m.kind, m.title_zh,
                 m.title_en, m.submitter_kind, m.submitter, store::join_ids(m.signers), m.sections, m.items, m.state,
                 m.parent_id, m.clause, m.referred_to, m.decided_how, m.decided_at, m.submitted_by, m.submitted_at);
}

void put_motion_version(store::TableWriter& w, const MotionVersionRecord& v) {
  store::exec(w.own_tables(),
              "INSERT INTO motion_versions(motion_id, number, stage, text, note, by_user, at) "
              "VALUES(?,?,?,?,?,?,?)",
              v.motion_id, v.number, v.stage, v.text, v.note, v.by, v.at);
}

void put_cosignature(store::TableWriter& w, const CosignatureRecord& c) {
  store::put_row(w.own_tables(), "cosignatures", "subject, subject_id, member_id, state, via, form_ref, by_user, at",
                 c.subject, c.subject_id, c.member_id, c.state, c.via, c.form_ref, c.by, c.at);
}

}  // namespace plenum::motions::tables
