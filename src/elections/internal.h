// Shared by the paper mode (elections.cpp) and the electronic mode (electronic.cpp); not a
// public interface.
#pragma once

#include <optional>
#include <string>

#include "base/json.h"
#include "elections/count.h"
#include "elections/tables.h"
#include "ledger/ledger.h"
#include "rules/rulebook.h"
#include "store/store.h"

namespace plenum::elections {

Result<ElectionRecord> election_arg(ledger::ActionContext& ctx, const Json& args);
Result<const rules::ElectionRules*> rules_of(ledger::ActionContext& ctx, const std::string& body);
Error wrong_state(const ElectionRecord& e, const std::string& zh, const std::string& en);
// The election's current round if it is open.
std::optional<ElectionRoundRecord> open_round(store::Reader& tx, const ElectionRecord& e);
// The rules of one round as count.h takes them (issued/returned from the paper ballot boxes).
Result<Round> round_rules(ledger::ActionContext& ctx, const ElectionRecord& e, const ElectionRoundRecord& r);
Json result_json(const RoundResult& r);

// The election an event names, for projectors (a missing one is a broken log: StoreFailure).
ElectionRecord projected_election(store::TableWriter& tx, const ledger::Event& ev);

namespace electronic {

void register_feature(ledger::Registry& registry, ledger::Registry::Room room);  // the electronic elections part

// The manifest text of a round about to open (docs/ELECTION-PROTOCOL.md section 5), or the
// reason it cannot open: the trustees' key is not complete, or credentials were not issued for
// exactly the `members` eligible members.
Result<std::string> round_manifest(ledger::ActionContext& ctx, const ElectionRecord& e, int64_t number,
                                   const std::string& kind, int64_t seats, const Json& candidate_ids, int64_t members,
                                   const std::string& members_hash);

// Appends one entry to the election's board, chaining its hash (projections only).
void append_board(store::TableWriter& tx, int64_t election_id, int64_t round, const std::string& kind,
                  const std::string& payload);

bool is_ballot_event(const std::string& type);

// The public part of an election's electronic setup: trustees' names and indices, threshold,
// election key, number of credentials, trustees who have posted each step.
Json summary(const std::string& electronic);

// {"election_id", "entries": [...]}: the public board (section 9), or only its entries of one
// kind, or only the ballot with one receipt (a device's manifest or receipt check).
Result<Json> board(store::Reader& reader, int64_t election_id, const std::string& kind, const std::string& receipt);

Result<Json> member_ballot(store::Reader& reader, int64_t election_id, int64_t member_id);

}  // namespace electronic
}  // namespace plenum::elections
