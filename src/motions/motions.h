// Motions: bills, draft laws, draft resolutions, reports, constitutional amendments, inquiries,
// removals and agendas (DOMAIN.md section 4), from submission to the vote or applause.
//
// Who may submit is the rulebook's [submission.<kind>]: a listed organ, delegations each with
// more than half of ALL their sitting members agreeing, N members jointly, or a fraction of all
// members; otherwise the submission is refused citing the article. A members' or delegation's
// bill states 案由/案据/方案 (sections.subject/grounds/solution) where the rulebook says so.
//
// Its actions, with their arguments, are declared in register_feature (motions/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
// States: submitted → on_agenda | referred → deliberation → voting → adopted | not_adopted;
// withdrawn. The vote itself is voting/ (voting.open moves a motion to "voting").
#pragma once

#include <string>

#include "base/json.h"
#include "ledger/ledger.h"
#include "motions/tables.h"
#include "store/store.h"

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
// Who co-signed a motion or a proposal (subject "motion" | "proposal"), how and when, and whose
// signature is still awaited; `with_recorder` adds the account that recorded each signature.
Json cosignatures_json(store::Reader& reader, const std::string& subject, int64_t subject_id, bool with_recorder);

// Queries. Errors: kNotFound for unknown ids.
Result<Json> list_motions(store::Reader& reader, int64_t session_id);
// The motion with its text versions, clauses, polls and promulgation.
Result<Json> get_motion(store::Reader& reader, int64_t motion_id);
// The session's agendas (and sittings' orders of business), adopted or pending, with items.
Result<Json> session_agenda(store::Reader& reader, int64_t session_id);

}  // namespace plenum::motions
