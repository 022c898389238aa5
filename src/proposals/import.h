// Historical proposals in bulk: a CSV file (UTF-8, optional BOM, RFC 4180 quoting, a header
// row) becomes the rows of one proposals.import action, which validates every row before it
// writes any (all or nothing) and records each proposal with its whole history as it stands.
//
// Columns (English names; order free; * required):
//   title*  area*  (economy|politics|culture|society|ecology)  proposer_kind* (member|party|...)
//   proposer_name*  stage (plenary|intersession, default plenary)  channel (online|paper,
//   default online)  submitted_on* (YYYY-MM-DD)  outcome ("" pending | register | merge |
//   convert | withdraw | reject)  number (registration number, required with register)
//   merged_into (the number of a registered proposal in the same file, with merge)
//   reason  reviewed_on  units ("name:lead;name:co" or "name:split;name:split")  assigned_on
//   replied_on  reply_class  rating (satisfied|basically_satisfied|dissatisfied)  key (0|1)
//   facts  analysis  suggestions
// Handling units named in `units` that the body does not have yet are created.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string_view>

#include "base/json.h"
#include "base/status.h"

namespace plenum::proposals {

// Parses the CSV into the JSON rows proposals.import takes. `progress(done, total)` is called
// every 1,000 records and at the end. Errors: kMalformed with a detail per bad record (record
// number = line of a file without quoted line breaks), at most 100.
Result<Json> parse_import_csv(std::string_view csv, const std::function<void(size_t, size_t)>& progress = {});

}  // namespace plenum::proposals
