#include "screen/tables.h"

#include "store/sql.h"

namespace plenum::screen::tables {

namespace {

constexpr const char* kProjectionCols =
    "body, kind, sitting_id, poll_id, election_id, text_zh, text_en, ends_at, projected_at, by_user";

ProjectionRecord projection_row(const store::Query& q) {
  return ProjectionRecord{q.s(0), q.s(1), q.i(2), q.i(3), q.i(4), q.s(5), q.s(6), q.i(7), q.i(8), q.s(9)};
}

const store::Rows<ProjectionRecord> kProjectionRows{"projections", kProjectionCols, projection_row};

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{"screen",
                                      R"sql(
CREATE TABLE IF NOT EXISTS projections(
  body TEXT PRIMARY KEY, kind TEXT NOT NULL, sitting_id INTEGER NOT NULL, poll_id INTEGER NOT NULL,
  election_id INTEGER NOT NULL, text_zh TEXT NOT NULL, text_en TEXT NOT NULL, ends_at INTEGER NOT NULL,
  projected_at INTEGER NOT NULL, by_user TEXT NOT NULL) WITHOUT ROWID;
)sql",
                                      "",
                                      {
                                          {"projections", "SELECT * FROM projections ORDER BY body", "", false},
                                      }};
  return kSlice;
}

std::optional<ProjectionRecord> projection(store::Reader& r, const std::string& body) {
  return kProjectionRows.one(r.sql(), "WHERE body = ?", body);
}

void put_projection(store::TableWriter& w, const ProjectionRecord& p) {
  store::put_row(w.own_tables(), "projections", kProjectionCols, p.body, p.kind, p.sitting_id, p.poll_id, p.election_id,
                 p.text_zh, p.text_en, p.ends_at, p.projected_at, p.by);
}

void clear_projection(store::TableWriter& w, const std::string& body) {
  store::exec(w.own_tables(), "DELETE FROM projections WHERE body = ?", body);
}

}  // namespace plenum::screen::tables
