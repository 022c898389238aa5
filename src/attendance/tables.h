// The attendance feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include <utility>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/names.h"
#include "store/store.h"
#include "store/tables.h"

namespace plenum::attendance {

struct CheckInRecord {
  int64_t sitting_id = 0;
  int64_t member_id = 0;
  std::string method;  // device | desk | staff | bulk
  int64_t at = 0;
  std::string by;  // username of whoever recorded it
};

// A leave request: pending → approved | denied.
enum class LeaveState { kPending, kApproved, kDenied };
PLENUM_NAMES(LeaveState,
             {{LeaveState::kPending, "pending"}, {LeaveState::kApproved, "approved"}, {LeaveState::kDenied, "denied"}})

struct LeaveRecord {
  int64_t id = 0;
  int64_t sitting_id = 0;
  int64_t member_id = 0;
  std::string reason;
  LeaveState state = LeaveState::kPending;
  std::string requested_by;
  int64_t requested_at = 0;
  std::string decided_by;
  int64_t decided_at = 0;
  std::string note;
};

}  // namespace plenum::attendance

namespace plenum::attendance::tables {

const store::TableSet& slice();

std::optional<CheckInRecord> check_in(store::Reader& r, int64_t sitting_id, int64_t member_id);
std::vector<CheckInRecord> check_ins(store::Reader& r, int64_t sitting_id);
std::vector<CheckInRecord> check_ins_of_member(store::Reader& r, int64_t member_id);
int64_t count_check_ins(store::Reader& r, int64_t sitting_id);
std::optional<LeaveRecord> leave(store::Reader& r, int64_t id);
std::vector<LeaveRecord> leaves(store::Reader& r, int64_t sitting_id);
std::vector<LeaveRecord> leaves_of_member(store::Reader& r, int64_t member_id);
void put_check_in(store::TableWriter& w, const CheckInRecord& check_in);  // fails if already present
void put_leave(store::TableWriter& w, const LeaveRecord& leave);          // insert or replace

}  // namespace plenum::attendance::tables
