// Elections' read routes. Results are announced in the hall: public, like the votes; so is the
// bulletin board, which anyone may download and verify (docs/ELECTION-PROTOCOL.md). A member's
// own electronic ballot (whether and when they voted, their receipts) is theirs alone.
#include "accounts/tables.h"
#include "elections/elections.h"

namespace plenum::elections {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/sessions/{session_id}/elections", ReadRule::everyone(),
                      ledger::by_id("session_id", list_elections), ledger::Listing{"elections", {"id"}}});
  registry.add_route(
      {"/api/v1/elections/{election_id}", ReadRule::everyone(), ledger::by_id("election_id", get_election)});
  registry.add_route({"/api/v1/elections/{election_id}/board", ReadRule::everyone(),
                      [](const ReadRequest& r) {
                        return ledger::reply(get_board(r.reader, r.id("election_id"), r.q("kind"), r.q("receipt")));
                      },
                      ledger::Listing{"entries", {"index"}}});
  registry.add_route({"/api/v1/me/elections/{election_id}/ballot", ReadRule::signed_in(),
                      [](const ReadRequest& r) -> Result<ledger::ReadReply> {
                        auto account = accounts::tables::account(r.reader, r.viewer);
                        if (!account || account->member_id == 0) return ledger::forbidden_read();
                        return ledger::reply(member_ballot(r.reader, r.id("election_id"), account->member_id));
                      }});
}

}  // namespace plenum::elections
