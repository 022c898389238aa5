// Motions' read routes: motions and agendas are public records.
#include "motions/motions.h"

namespace plenum::motions {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/sessions/{session_id}/motions", ReadRule::everyone(),
                      ledger::by_id("session_id", list_motions), ledger::Listing{"motions", {"id"}}});
  registry.add_route({"/api/v1/sessions/{session_id}/agenda", ReadRule::everyone(),
                      ledger::by_id("session_id", session_agenda), ledger::Listing{"agendas", {"id"}}});
  registry.add_route({"/api/v1/motions/{motion_id}", ReadRule::everyone(), ledger::by_id("motion_id", get_motion)});
}

}  // namespace plenum::motions
