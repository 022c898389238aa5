// The screen feature's slice of storage (store/tables.h): what the secretariat puts on each
// body's big screen, one row per body while something is projected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/store.h"
#include "store/tables.h"

namespace plenum::screen {

// What the big screen shows over the sitting it follows, until cleared. `kind` names which of
// the ids and texts apply (the others are 0 or ""):
//   attendance  sitting_id   the sitting's attendance and quorum, with the announcement
//   sign_in     sitting_id   check-ins by delegation (sector, unit)
//   poll        poll_id      a vote: its live count while open, its result once closed
//   election    election_id  an election's latest round: fingerprint and count, then who is elected
//   message     text_zh/en   a notice in large type
//   countdown   ends_at      the time left (e.g. before a sitting resumes), text_zh/en its label
struct ProjectionRecord {
  std::string body;
  std::string kind;
  int64_t sitting_id = 0;
  int64_t poll_id = 0;
  int64_t election_id = 0;
  std::string text_zh;
  std::string text_en;
  int64_t ends_at = 0;  // micros, countdown only
  int64_t projected_at = 0;
  std::string by;
};

}  // namespace plenum::screen

namespace plenum::screen::tables {

const store::TableSet& slice();

std::optional<ProjectionRecord> projection(store::Reader& r, const std::string& body);
void put_projection(store::TableWriter& w, const ProjectionRecord& projection);  // replaces the body's
void clear_projection(store::TableWriter& w, const std::string& body);

}  // namespace plenum::screen::tables
