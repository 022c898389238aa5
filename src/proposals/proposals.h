// The proposal cycle (DOMAIN.md section 6): CPPCC proposals (提案) and deputies' suggestions
// (建议) from submission through review, assignment to handling units, replies and the
// proposer's rating, to the statistics the annual report publishes. The body's rulebook
// [proposals] says who may propose, which parts are required, the review outcomes and reasons,
// the reply classes and every deadline.
//
// Its actions, with their arguments, are declared in register_feature (proposals/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
// Every outcome notifies the proposers (of merged proposals too) and the units concerned.
//
// Visibility: staff and presiding see every proposal of their body; a proposer sees their own;
// a handling unit sees only proposals assigned to it (not after it returned them) and only its
// own part of the handling; statistics are public.
#pragma once

#include <string>

#include "base/json.h"
#include "ledger/ledger.h"
#include "proposals/tables.h"
#include "store/store.h"

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
Result<std::string> export_csv(store::Reader& reader, const Viewer& viewer, ProposalFilter filter);
// The report's figures, public, with its sentence in report_zh ("共提出提案5621件，经审查立案
// 4791件……截至2024年2月底，99.9%的提案已经办复。"). as_of: "YYYY-MM-DD" bounds what counts as
// answered; "" = the day the session's report is stated as of (proposals.set_report_date) when
// the filter names a session that has one, else today (Beijing time). noun_zh: 提案 or 建议.
Result<Json> statistics(store::Reader& reader, const ProposalFilter& filter, const std::string& as_of,
                        const std::string& noun_zh = "提案");
// The body's sessions whose proposal report has a recorded date, latest session first (by term
// and number), each with the session's names: what the public results page reports on.
Json reports(store::Reader& reader, const std::string& body);
// Overdue assignments of a body (staff: all; a unit: its own).
Result<Json> overdue(store::Reader& reader, const Viewer& viewer, const std::string& body, const std::string& as_of);
// The viewer's notifications (as member, account and handling unit), newest first.
Result<Json> notifications(store::Reader& reader, const Viewer& viewer);

// Builds a filter from query parameters (state, area, outcome, proposer_kind, unit_id, session_id,
// from, to, key, q, limit, offset); kMalformed naming the parameter.
Result<ProposalFilter> filter_from_params(const std::string& body, const std::map<std::string, std::string>& params);

}  // namespace plenum::proposals
