// Elections by secret ballot (DOMAIN.md section 5), on paper or electronically (electronic.cpp,
// docs/ELECTION-PROTOCOL.md). Paper mode: an office with seats, candidates
// nominated as the rulebook's [elections] allows, scrutineers (never candidates), and rounds.
// A round freezes who may vote when it opens (their number is the threshold's base, their hash is
// published), collects ballot-box counts of ballots issued and returned, takes the scrutineers'
// count (ballot by ballot, or totals), and is decided by elections/count.h when the chief
// scrutineer signs it off. Ties at the cut-off and unfilled seats are decided in further rounds.
//
// Its actions, with their arguments, are declared in register_feature (elections/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
//
// Electronic mode (elections.create with mode "electronic"; no scrutineers needed, the trustees'
// decryption is the count). Trustees' and the credential authority's material is relayed by the
// presiding or secretariat role and checked before it is accepted:
//   elections.setup_trustees {election_id, threshold, trustees: [{name, box_key}]}
//   elections.post_trustee {election_id, kind: trustee-commitments|trustee-accepted|
//                      partial-decryption, payload}   the last accepted sets the election key;
//                      the threshold-th valid partial decryption counts and announces the round
//   elections.publish_credentials {election_id, credentials: [hex, increasing]}   one per member
//   elections.open_round as above: also publishes the round's manifest on the board
//   elections.cast {election_id, ballot}   a member entitled to vote; the ballot is checked
//                      (signature, proofs); the last ballot of a credential counts; → receipt
//   elections.close_round {election_id}    presiding: the homomorphic tally goes on the board
#pragma once

#include "base/json.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace plenum::elections {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// The election with its candidates, scrutineers and rounds (results are public once counted).
Result<Json> get_election(store::Reader& reader, int64_t election_id);
Result<Json> list_elections(store::Reader& reader, int64_t session_id);
// A cast electronic ballot: kept off the live channel (thousands of them, several KB each); the
// number who have voted arrives as the notice {"kind": "elections.progress", election_id,
// round, voted} instead, and the ballot itself on the board.
bool is_ballot_event(const std::string& type);

// The public bulletin board of an electronic election (docs/ELECTION-PROTOCOL.md section 9):
// {"election_id", "entries": [{"index", "kind", "payload", "hash"}]}; empty for paper mode.
// `kind` and `receipt` (either may be empty) filter the entries: a device fetches only the
// manifest, or checks its receipt, without downloading every ballot.
Result<Json> get_board(store::Reader& reader, int64_t election_id, const std::string& kind = "",
                       const std::string& receipt = "");

// What a member's device needs after a reload, for the member only: whether they have cast a
// ballot in this election, in which round, and the receipts of their ballots in board order (the
// last one counts): {"election_id", "voted", "round", "receipt", "receipts"}. The server knows
// this anyway (it accepts the cast from the member's session); choices stay encrypted.
Result<Json> member_ballot(store::Reader& reader, int64_t election_id, int64_t member_id);

}  // namespace plenum::elections
