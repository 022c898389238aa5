// The motions feature's slice of storage (store/tables.h): its tables with their schema and
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

namespace plenum::motions {

// A motion's states (below).
enum class MotionState {
  kSubmitted,
  kAwaitingSignatures,
  kOnAgenda,
  kReferred,
  kDeliberation,
  kVoting,
  kAdopted,
  kNotAdopted,
  kWithdrawn
};
PLENUM_NAMES(MotionState, {{MotionState::kSubmitted, "submitted"},
                           {MotionState::kAwaitingSignatures, "awaiting_signatures"},
                           {MotionState::kOnAgenda, "on_agenda"},
                           {MotionState::kReferred, "referred"},
                           {MotionState::kDeliberation, "deliberation"},
                           {MotionState::kVoting, "voting"},
                           {MotionState::kAdopted, "adopted"},
                           {MotionState::kNotAdopted, "not_adopted"},
                           {MotionState::kWithdrawn, "withdrawn"}})

// A motion of one of the kinds in DOMAIN.md section 4 (议案, 法律草案, 决议草案, 工作报告,
// 宪法修正案, 质询案, 罢免案, 议程). A contested clause put to a separate vote is a motion of its
// own whose parent_id is the whole; an agenda is a motion of kind "agenda" listing its items.
// States: submitted → on_agenda | referred → deliberation → voting → adopted | not_adopted;
// withdrawn from any state before voting.
struct MotionRecord {
  int64_t id = 0;
  std::string body;
  int64_t session_id = 0;
  int64_t sitting_id = 0;  // agenda: the sitting whose order of business it is (0: the session's)
  std::string kind;
  std::string title_zh;
  std::string title_en;
  std::string submitter_kind;    // organ | delegations | members
  std::string submitter;         // organ id, or delegation names joined by ','
  std::vector<int64_t> signers;  // co-signers, or the delegations' agreeing members
  std::string sections;          // canonical JSON {subject, grounds, solution} (案由, 案据, 方案) or ""
  std::string items;             // agenda: canonical JSON array of items, else ""
  MotionState state = MotionState::kSubmitted;
  int64_t parent_id = 0;
  std::string clause;  // the clause a separate vote is on ("第五条")
  std::string referred_to;
  std::string decided_how;  // vote | applause | secret_ballot (a ballot on the motion, elections)
  int64_t decided_at = 0;
  std::string submitted_by;
  int64_t submitted_at = 0;
};

// A co-signature: requested → confirmed | declined.
enum class CosignatureState { kRequested, kConfirmed, kDeclined };
PLENUM_NAMES(CosignatureState, {{CosignatureState::kRequested, "requested"},
                                {CosignatureState::kConfirmed, "confirmed"},
                                {CosignatureState::kDeclined, "declined"}})

// A member's signature on a joint motion or proposal (联名). Asked for when the submission lists
// the member; it counts only once given from the member's own account or recorded by the
// secretariat from the signed paper form, whose reference it keeps.
struct CosignatureRecord {
  std::string subject;  // "motion" | "proposal"
  int64_t subject_id = 0;
  int64_t member_id = 0;
  CosignatureState state = CosignatureState::kRequested;
  std::string via;       // submitter | account | paper ("" while requested)
  std::string form_ref;  // the paper form's reference (via paper)
  std::string by;        // the account that gave or recorded it
  int64_t at = 0;
};

// One text version of a motion: draft (草案) → revised draft (修改稿) → voting draft (表决稿).
struct MotionVersionRecord {
  int64_t motion_id = 0;
  int64_t number = 0;  // 1, 2, ...
  std::string stage;   // draft | revised | voting
  std::string text;
  std::string note;  // what changed, and why
  std::string by;
  int64_t at = 0;
};

}  // namespace plenum::motions

namespace plenum::motions::tables {

const store::TableSet& slice();

std::optional<MotionRecord> motion(store::Reader& r, int64_t id);
std::vector<MotionRecord> motions(store::Reader& r, int64_t session_id);  // by id
std::vector<MotionRecord> clauses(store::Reader& r, int64_t parent_id);   // separate clause votes
std::vector<MotionVersionRecord> motion_versions(store::Reader& r, int64_t motion_id);
// Signatures of one motion or proposal, by member id; a member's open requests, oldest first.
std::vector<CosignatureRecord> cosignatures(store::Reader& r, const std::string& subject, int64_t subject_id);
std::vector<CosignatureRecord> requested_cosignatures(store::Reader& r, int64_t member_id);
void put_motion(store::TableWriter& w, const MotionRecord& motion);  // insert or replace
void put_motion_version(store::TableWriter& w, const MotionVersionRecord& version);
void put_cosignature(store::TableWriter& w, const CosignatureRecord& signature);  // insert or replace

}  // namespace plenum::motions::tables
