// Roll-call votes (表决): a poll on one motion or clause at an open sitting, choices 赞成 / 反对 /
// 弃权, changeable until the close; members present who did not vote are 未按表决器. The result
// is decided by the rulebook's pass threshold for the motion's kind (base: all sitting members
// on the day, members present, or votes cast), in exact integers, and says which rule decided.
//
// Two modes:
// - anonymous (NPC): a ballot is keyed by a hash of the poll and a ballot key only the member's
//   device holds. A cast writes no event (an event's position and time would tie the ballot to
//   the moment a member voted) and stores nothing under its request id; the ballot box and the
//   set of who has voted (the double-voting guard) are written in the same durable transaction,
//   keyed without order or time. At the close the whole box, sorted by ballot, is sealed into
//   the voting.poll_closed event: anyone can recount it, a member can find their own ballot by
//   its key, nobody can tell whose a ballot is. To change a choice the device sends its key.
// - named: each member's choice is recorded and published.
//
// Its actions, with their arguments, are declared in register_feature (voting/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
// Live: voting.poll_opened and voting.poll_closed reach every follower of the body; casts are
// coalesced into a "voting.progress" notice per batch (how many have voted), never per vote.
#pragma once

#include <string>

#include "base/json.h"
#include "ledger/ledger.h"
#include "rules/rulebook.h"
#include "store/store.h"

namespace plenum::voting {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// Event types whose individual events are not pushed to live subscribers (they arrive as the
// coalesced progress notice instead).
bool is_ballot_event(const std::string& event_type);

// The ballot an anonymous poll files for a member under the key their device made: what the
// member looks for in the sealed box of the voting.poll_closed event to check their vote was
// counted as cast. Bound to the member, so another member holding the key can neither change
// that ballot nor find out what it says; without the key it names nobody.
std::string ballot_id(int64_t poll_id, int64_t member_id, const std::string& ballot_key);

struct Outcome {
  int64_t yes = 0, no = 0, abstain = 0, not_voted = 0, present = 0, base_size = 0;
  bool adopted = false;
};
// "赞成2890票，反对5票，弃权3票，未按表决器2人。通过。" (device) or, for a show of hands,
// "举手表决：赞成N票，反对N票，弃权N票。通过。"
std::string announcement_zh(const Outcome& o, bool show_of_hands);
std::string announcement_en(const Outcome& o, bool show_of_hands);

// Queries. Errors: kNotFound for unknown ids. A named poll lists each member's choice; an
// anonymous poll never does, to anyone.
Result<Json> get_poll(store::Reader& reader, int64_t poll_id);
Result<Json> sitting_polls(store::Reader& reader, int64_t sitting_id);
// The sealed ballot box of a closed anonymous poll, {poll_id, ballots: [[ballot, choice(, weight)]]}
// as the voting.poll_closed event carries it, so a device finds its member's ballot without
// reading the log. kConflict while the poll is open (a box watched filling up would tie each
// ballot to the moment it arrived) or for a named poll, which has none.
Result<Json> sealed_box(store::Reader& reader, int64_t poll_id);

}  // namespace plenum::voting
