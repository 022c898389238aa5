// Voting's read routes: polls and their results are public records, as in the hall; so is a
// closed anonymous poll's sealed box, like the log that holds it.
#include "voting/voting.h"

namespace plenum::voting {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/sittings/{sitting_id}/polls", ReadRule::everyone(),
                      ledger::by_id("sitting_id", sitting_polls), ledger::Listing{"polls", {"id"}}});
  registry.add_route({"/api/v1/polls/{poll_id}", ReadRule::everyone(), ledger::by_id("poll_id", get_poll)});
  registry.add_route({"/api/v1/polls/{poll_id}/box", ReadRule::everyone(), ledger::by_id("poll_id", sealed_box),
                      ledger::Listing{"ballots", {"1", "0"}}});
}

}  // namespace plenum::voting
