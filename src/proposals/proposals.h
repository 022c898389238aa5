// The proposal cycle (DOMAIN.md section 6): CPPCC proposals (提案) and deputies' suggestions
// (建议) from submission through review, assignment to handling units, replies and the
// proposer's rating, to the statistics the annual report publishes. The body's rulebook
// [proposals] says who may propose, which parts are required, the review outcomes and reasons,
// the reply classes and every deadline.
//
// Actions (body: the proposal's body; "staff" = secretariat or admin of the body):
//   proposals.add_handling_unit {body, name_zh, name_en?}          staff
//   proposals.link_account      {unit_id, username}                 staff: the account acts for the unit
//   proposals.set_cutoff        {session_id, cutoff_at}             staff: plenary proposals until then
//   proposals.submit            {session_id, title, area, parts: {facts?, analysis?, suggestions?},
//                                member_ids?: [first, co...] | collective?: {kind, name},
//                                channel?: online|paper}
//                               a member for themselves (first in member_ids); staff for anyone
//   proposals.cosign            {proposal_id}                       a member joins before review
//   proposals.review            {proposal_id, outcome: register|merge|convert|withdraw|reject,
//                                into_id? (merge), reason? (reject: a rulebook reason id),
//                                note?}                             staff
//   proposals.withdraw          {proposal_id, note?}                the proposer, before assignment
//   proposals.assign            {proposal_id, lead_unit_id + co_unit_ids? | split_unit_ids} staff
//   proposals.return_assignment {proposal_id, unit_id, reason}      that unit, within return_days
//   proposals.give_opinion      {proposal_id, unit_id, text}        a co-handling unit, to the lead
//   proposals.extend            {proposal_id, months}               staff: due N months after
//                                                                   assignment, N <= max_reply_months
//   proposals.reply             {proposal_id, unit_id, class, text} the lead or a split unit
//   proposals.rate              {proposal_id, rating, note?}        a proposer: satisfied |
//                                basically_satisfied | dissatisfied (→ re-handling, new deadline)
//   proposals.select_key        {proposal_id}                       staff or presiding: 重点提案
//   proposals.record_supervision {proposal_id, kind, note, on}      staff or presiding
//   proposals.remind_overdue    {body}                              staff: reminds every unit
//                                                                   whose reply is past due
//   proposals.import            {session_id, rows: [...]}           staff: historical proposals,
//                                                                   all or nothing (see import.h)
// Every outcome notifies the proposers (of merged proposals too) and the units concerned.
//
// Visibility: staff and presiding see every proposal of their body; a proposer sees their own;
// a handling unit sees only proposals assigned to it (not after it returned them) and only its
// own part of the handling; statistics are public.
#pragma once

#include <string>

#include "base/json.h"
#include "ledger/ledger.h"
#include "store/store.h"
#include "proposals/tables.h"

namespace plenum::proposals {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// The five areas the reports count by, {id, zh, en}: economy 经济建设, politics 政治建设,
// culture 文化建设, society 社会建设, ecology 生态文明建设.
const std::vector<std::array<std::string, 3>>& areas();
bool is_area(std::string_view area);

// Who is asking: "" for the public.
struct Viewer {
  std::string username;
};

// Queries; errors are kNotFound (unknown or not visible to the viewer) or kMalformed.
// A proposal with its proposers, review, assignments (a unit: its own), replies, ratings,
// supervision and, for staff, the most similar other proposals as merge candidates.
Result<Json> get_proposal(store::Reader& reader, const Viewer& viewer, int64_t id);
// A list or search (filter.query) restricted to what the viewer may see.
Result<Json> list_proposals(store::Reader& reader, const Viewer& viewer, ProposalFilter filter);
// The same rows as CSV (UTF-8 with BOM, for spreadsheet programs), every match, not one page.
Result<std::string> export_csv(store::Reader& reader, const Viewer& viewer,
                               ProposalFilter filter);
// The report's figures, public, with its sentence in report_zh ("共提出提案5621件，经审查立案
// 4791件……截至2024年2月底，99.9%的提案已经办复。"). as_of: "YYYY-MM-DD" ("" = today, Beijing
// time) bounds what counts as answered; noun_zh: 提案 or 建议 (the rulebook's kind).
Result<Json> statistics(store::Reader& reader, const ProposalFilter& filter,
                        const std::string& as_of, const std::string& noun_zh = "提案");
// Overdue assignments of a body (staff: all; a unit: its own).
Result<Json> overdue(store::Reader& reader, const Viewer& viewer, const std::string& body,
                     const std::string& as_of);
// The viewer's notifications (as member, account and handling unit), newest first.
Result<Json> notifications(store::Reader& reader, const Viewer& viewer);

// Builds a filter from query parameters (state, area, outcome, proposer_kind, unit_id, session_id,
// from, to, key, q, limit, offset); kMalformed naming the parameter.
Result<ProposalFilter> filter_from_params(const std::string& body,
                                                 const std::map<std::string, std::string>& params);

}  // namespace plenum::proposals
