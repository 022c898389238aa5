#include "promulgation/tables.h"

#include "store/sql.h"

namespace plenum::promulgation::tables {

namespace {

constexpr const char* kPromulgationCols =
    "id, body, term, series, number, motion_id, title_zh, enacted_by_zh, adopted_on, "
    "effective_on, promulgated_on, text_zh, by_user";

PromulgationRecord promulgation_row(const store::Query& q) {
  return PromulgationRecord{q.i(0), q.s(1), q.i(2), q.s(3),  q.i(4),  q.i(5), q.s(6),
                            q.s(7), q.s(8), q.s(9), q.s(10), q.s(11), q.s(12)};
}

const store::Rows<PromulgationRecord> kPromulgationRows{"promulgations", kPromulgationCols, promulgation_row};

}  // namespace

const store::TableSet& slice() {
  static const store::TableSet kSlice{
      "promulgation",
      R"sql(
CREATE TABLE IF NOT EXISTS promulgations(
  id INTEGER PRIMARY KEY, body TEXT NOT NULL, term INTEGER NOT NULL, series TEXT NOT NULL,
  number INTEGER NOT NULL, motion_id INTEGER NOT NULL, title_zh TEXT NOT NULL,
  enacted_by_zh TEXT NOT NULL, adopted_on TEXT NOT NULL, effective_on TEXT NOT NULL,
  promulgated_on TEXT NOT NULL, text_zh TEXT NOT NULL, by_user TEXT NOT NULL,
  UNIQUE(body, term, series, number));
CREATE TABLE IF NOT EXISTS numbering(
  body TEXT NOT NULL, term INTEGER NOT NULL, series TEXT NOT NULL, next INTEGER NOT NULL,
  PRIMARY KEY(body, term, series)) WITHOUT ROWID;
)sql",
      "",
      {
          {"promulgations", "SELECT * FROM promulgations ORDER BY id", "", false},
          {"numbering", "SELECT * FROM numbering ORDER BY body, term, series", "", false},
      }};
  return kSlice;
}

std::optional<PromulgationRecord> promulgation(store::Reader& r, int64_t id) {
  return kPromulgationRows.one(r.sql(), "WHERE id = ?", id);
}

std::optional<PromulgationRecord> promulgation_of_motion(store::Reader& r, int64_t motion_id) {
  return kPromulgationRows.one(r.sql(), "WHERE motion_id = ? ORDER BY id LIMIT 1", motion_id);
}

std::vector<PromulgationRecord> promulgations(store::Reader& r, const std::string& body) {
  return kPromulgationRows.all(r.sql(), "WHERE body = ? ORDER BY term, series, number", body);
}

int64_t next_number(store::Reader& r, const std::string& body, int64_t term, const std::string& series) {
  store::Query q(r.sql(),
                 "SELECT MAX(COALESCE((SELECT next FROM numbering WHERE body = ?1 AND term = ?2 "
                 "AND series = ?3), 1), COALESCE((SELECT MAX(number) + 1 FROM promulgations "
                 "WHERE body = ?1 AND term = ?2 AND series = ?3), 1))");
  q.bind(body).bind(term).bind(series);
  q.step();
  return q.i(0);
}

void put_promulgation(store::TableWriter& w, const PromulgationRecord& p) {
  store::exec(w.own_tables(),
              std::string("INSERT INTO promulgations(") + kPromulgationCols + ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
              p.id, p.body, p.term, p.series, p.number, p.motion_id, p.title_zh, p.enacted_by_zh, p.adopted_on,
              p.effective_on, p.promulgated_on, p.text_zh, p.by);
}

void set_next_number(store::TableWriter& w, const std::string& body, int64_t term, const std::string& series,
                     int64_t next) {
  store::put_row(w.own_tables(), "numbering", "body, term, series, next", body, term, series, next);
}

}  // namespace plenum::promulgation::tables
