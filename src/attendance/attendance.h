// Attendance: check-ins per sitting (by the member's device, at a desk by seat or card number,
// or by staff, singly or in bulk), leave requests, the quorum by the body's rulebook on the
// sitting's day, the announcement in the official phrasing, and unexcused absences.
//
// Its actions, with their arguments, are declared in register_feature (attendance/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
// A check-in to a closed sitting, of a member not expected at it, or twice, is refused.
#pragma once

#include <cstdint>
#include <string>

#include "assembly/tables.h"
#include "base/json.h"
#include "ledger/ledger.h"
#include "rules/rulebook.h"
#include "store/store.h"

namespace plenum::attendance {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

struct Summary {
  int64_t expected = 0;        // 应出席: members sitting on the day and expected at this sitting
  int64_t present = 0;         // 出席 / 实到
  int64_t absent = 0;          // 缺席 = expected - present
  int64_t on_leave = 0;        // absent with approved leave
  int64_t quorum_minimum = 0;  // the smallest number present that meets the quorum
  bool quorum_met = false;
};

Summary summarize(store::Reader& reader, const rules::Rulebook& book, const assembly::SittingRecord& sitting);

// Votes and election rounds begin only while the sitting has its quorum, where the rulebook
// says so (voting.requires_quorum; 全国人民代表大会议事规则第四条: two thirds of all deputies
// present). A kRuleViolation citing the quorum's article that names those present and the
// minimum, at `field`; `what_zh`/`what_en` is what cannot begin ("表决" / "the vote").
Status require_quorum(store::Reader& reader, const rules::Rulebook& book, const assembly::SittingRecord& sitting,
                      const std::string& what_zh, const std::string& what_en, const std::string& field);

// "十四届全国人大二次会议应出席代表2956人，出席2872人，缺席84人，出席人数符合法定人数。" (NPC style);
// "全国政协十四届二次会议应出席委员2162人，实到2093人，符合规定人数。" (CPPCC style).
std::string announcement_zh(const rules::Rulebook& book, const assembly::SessionRecord& session,
                            const Summary& summary);
std::string announcement_en(const rules::Rulebook& book, const Summary& summary);

// GET /sittings/{id}: the sitting with its attendance, quorum and announcement.
Result<Json> sitting_report(store::Reader& reader, const rules::RulebookSet& books, int64_t sitting_id);
// The check-in list of a sitting.
Result<Json> sitting_check_ins(store::Reader& reader, int64_t sitting_id);
// The leave requests of a sitting, pending and decided.
Result<Json> sitting_leaves(store::Reader& reader, int64_t sitting_id);
// The check-in of a sitting by delegation (sector, unit), in the roster's order of units: each
// unit's expected, present, absent and on-leave counts and who is absent, with their leave
// (approved or pending). The leave's reason only `with_reasons` (the secretariat and presiding).
Result<Json> sitting_units(store::Reader& reader, int64_t sitting_id, bool with_reasons);
// Every sitting a member was expected at: present, on leave, or absent (excused or not).
Result<Json> member_history(store::Reader& reader, int64_t member_id);
// Per member, the session's unexcused absences; and across the term, the sessions missed
// without approved leave, flagged at the rulebook's limit (代表法 62: two).
Result<Json> session_absences(store::Reader& reader, const rules::RulebookSet& books, int64_t session_id);

}  // namespace plenum::attendance
