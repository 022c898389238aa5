// The assembly feature's slice of storage (store/tables.h): its tables with their schema and
// their place in the state hash, and the reads and writes of its records.
#pragma once

#include <utility>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/names.h"
#include "store/blobs.h"
#include "store/store.h"
#include "store/tables.h"

namespace plenum::assembly {

struct BodyRecord {
  std::string id;  // short name: "npc", "cppcc"
  std::string name_zh;
  std::string name_en;
  std::string rulebook;         // rulebook id
  std::string quorum_override;  // "" or e.g. "more_than 2/3" for a configurable rulebook
  std::string level;            // "" | national | province | city | county | township (local rules differ)
};

struct TermRecord {
  std::string body;
  int64_t number = 0;  // 届: 14
  std::string name_zh;
  std::string starts_on;  // YYYY-MM-DD
};

struct SessionRecord {
  int64_t id = 0;
  std::string body;
  int64_t term = 0;
  int64_t number = 0;   // 次会议: 2
  std::string name_zh;  // 第十四届全国人民代表大会第二次会议
  std::string name_en;
  std::string short_name_zh;  // 十四届全国人大二次会议 (used in announcements)
  std::string opens_on;
  std::string closes_on;
  int64_t proposal_cutoff_at = 0;  // after this, proposals are intersession ones (0: the closing day's end)
};

// Kinds: preparatory, plenary, presidium, delegation_plenary, group, joint_group.
// A sitting: scheduled → open → closed.
enum class SittingState { kScheduled, kOpen, kClosed };
PLENUM_NAMES(SittingState, {{SittingState::kScheduled, "scheduled"},
                            {SittingState::kOpen, "open"},
                            {SittingState::kClosed, "closed"}})

// States: scheduled → open → closed.
struct SittingRecord {
  int64_t id = 0;
  int64_t session_id = 0;
  std::string body;
  std::string kind;
  int64_t number = 0;
  std::string title_zh;
  std::string title_en;
  std::string starts_at;  // ISO time, UTC
  SittingState state = SittingState::kScheduled;
  std::vector<int64_t> unit_ids;  // delegation plenary / group / joint group: the units taking part
  std::string group_name;         // group sitting: the member group
  int64_t opened_at = 0;
  int64_t closed_at = 0;
};

// A delegation (NPC), sector (CPPCC) or other unit members belong to.
struct UnitRecord {
  int64_t id = 0;
  std::string body;
  std::string kind;  // delegation | sector | unit
  std::string name;
};

struct MemberRecord {
  int64_t id = 0;
  std::string body;
  std::string seat;
  std::string card;
  std::string name;
  std::string gender;
  int64_t unit_id = 0;
  std::string group_name;
  std::string joined_on;       // YYYY-MM-DD
  std::string vacated_on;      // "" while sitting
  std::string vacancy_reason;  // death | resignation | recall | other
  std::vector<std::string> roles;
  std::optional<store::BlobRef> photo;  // in the file store (store/blobs.h); none until set
};

// Which members a count or list covers. Empty fields do not filter.
struct MemberFilter {
  std::string body;
  std::string sitting_on;         // YYYY-MM-DD: only members sitting that day
  std::vector<int64_t> unit_ids;  // any of these units
  std::string group_name;
  std::string role;
};

}  // namespace plenum::assembly

namespace plenum::assembly::tables {

const store::TableSet& slice();

std::optional<BodyRecord> body(store::Reader& r, const std::string& id);
std::vector<BodyRecord> bodies(store::Reader& r);
std::optional<TermRecord> term(store::Reader& r, const std::string& body, int64_t number);
std::vector<TermRecord> terms(store::Reader& r, const std::string& body);
std::optional<SessionRecord> session(store::Reader& r, int64_t id);
std::vector<SessionRecord> sessions(store::Reader& r, const std::string& body);
std::optional<SittingRecord> sitting(store::Reader& r, int64_t id);
std::vector<SittingRecord> sittings(store::Reader& r, int64_t session_id);
std::optional<UnitRecord> unit(store::Reader& r, int64_t id);
std::optional<UnitRecord> unit_by_name(store::Reader& r, const std::string& body, const std::string& name);
std::vector<UnitRecord> units(store::Reader& r, const std::string& body);
std::optional<MemberRecord> member(store::Reader& r, int64_t id);
std::optional<MemberRecord> member_by_seat(store::Reader& r, const std::string& body, const std::string& seat);
std::optional<MemberRecord> member_by_card(store::Reader& r, const std::string& body, const std::string& card);
std::vector<MemberRecord> members(store::Reader& r, const MemberFilter& filter);  // by seat
int64_t count_members(store::Reader& r, const MemberFilter& filter);
void put_body(store::TableWriter& w, const BodyRecord& body);
void put_term(store::TableWriter& w, const TermRecord& term);
void put_session(store::TableWriter& w, const SessionRecord& session);
void put_sitting(store::TableWriter& w, const SittingRecord& sitting);  // insert or replace
void put_unit(store::TableWriter& w, const UnitRecord& unit);
void put_member(store::TableWriter& w, const MemberRecord& member);  // insert or replace

}  // namespace plenum::assembly::tables
