#include "promulgation/tables.h"

namespace plenum::promulgation::tables {

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

}  // namespace plenum::promulgation::tables
