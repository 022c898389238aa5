// Shared by the proposal module's files; not part of its public contract.
#pragma once

#include <string>
#include <vector>

#include "ledger/ledger.h"
#include "proposals/tables.h"
#include "rules/rulebook.h"
#include "store/store.h"

namespace plenum::proposals {

// "提案" or "建议", as the rulebook's kind says.
std::string kind_zh(const rules::ProposalRules& rules);
// The state's Chinese name: submitted 待审查, registered 已立案, assigned 办理中, ...
std::string state_zh(ProposalState state);
// The state a review outcome leads to (register → registered, merge → merged, ...).
ProposalState state_after_review(const std::string& outcome);
// "member:<id>" for each member proposer, or "account:<username>" for a collective's account.
std::vector<std::string> proposer_recipients(const ProposalRecord& p);

// What `viewer` may read of a proposals.* event (queries.cpp; ledger::EventView).
std::optional<Json> proposal_event_view(store::Reader& reader, const std::string& viewer, const ledger::Event& e);

// proposals.import (import.cpp).
Status import_proposals(ledger::ActionContext& ctx, const Json& args);
void register_import_projector(ledger::Registry::Room registry);

}  // namespace plenum::proposals
