// Motions: bills, draft laws, draft resolutions, reports, constitutional amendments, inquiries,
// removals and agendas (DOMAIN.md section 4), from submission to the vote or applause.
//
// Who may submit is the rulebook's [submission.<kind>]: a listed organ, delegations each with
// more than half of ALL their sitting members agreeing, N members jointly, or a fraction of all
// members; otherwise the submission is refused citing the article. A members' or delegation's
// bill states 案由/案据/方案 (sections.subject/grounds/solution) where the rulebook says so.
//
// Actions:
//   motions.submit            {session_id, kind, title_zh, title_en?, organ? | delegations?:
//                              [names] + agreeing_member_ids: [..] | member_ids?: [..],
//                              sections?: {subject, grounds, solution}, text?,
//                              items?: [{motion_id} | {title_zh, title_en?}] (agenda),
//                              sitting_id? (agenda: that sitting's order of business)}
//                             secretariat or presiding record any submission; a member may
//                             submit with member_ids naming themselves first
//   motions.place_on_agenda   {motion_id}              presiding (the presidium's decision)
//   motions.refer             {motion_id, to}          presiding: to a committee for review
//   motions.begin_deliberation {motion_id}             presiding or secretariat
//   motions.add_version       {motion_id, stage: revised|voting, text, note}
//                             secretariat or presiding; the voting draft (表决稿) is the
//                             presidium's, so only presiding; nothing follows it
//   motions.split_clause      {motion_id, clause, text} presiding: a contested clause voted
//                             separately before the whole (立法法 44)
//   motions.withdraw          {motion_id, reason}      presiding (the presidium consents,
//                             议事规则 29); only before the vote
//   motions.adopt_by_applause {motion_id, sitting_id}  presiding; only kinds the rulebook lists
//                             (CPPCC: agenda, report)
// States: submitted → on_agenda | referred → deliberation → voting → adopted | not_adopted;
// withdrawn. The vote itself is voting/ (voting.open moves a motion to "voting").
#pragma once

#include <string>

#include "base/json.h"
#include "ledger/ledger.h"
#include "store/store.h"
#include "motions/tables.h"

namespace plenum::motions {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// The motion an action's args.motion_id names (kMalformed or kNotFound otherwise).
Result<MotionRecord> motion_arg(ledger::ActionContext& ctx, const Json& args);

// Motion states a vote may be opened in.
bool open_to_vote(const MotionRecord& motion);

Json to_json(const MotionRecord& motion);

// Queries. Errors: kNotFound for unknown ids.
Result<Json> list_motions(store::Reader& reader, int64_t session_id);
// The motion with its text versions, clauses, polls and promulgation.
Result<Json> get_motion(store::Reader& reader, int64_t motion_id);
// The session's agendas (and sittings' orders of business), adopted or pending, with items.
Result<Json> session_agenda(store::Reader& reader, int64_t session_id);

}  // namespace plenum::motions
