// Motions' read routes: motions and agendas are public records.
#include "motions/motions.h"

namespace plenum::motions {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/sessions/{session_id}/motions", ReadRule::everyone(),
                      [](const ReadRequest& r) { return ledger::reply(list_motions(r.reader, r.id("session_id"))); },
                      "A session's motions (议案)"});
  registry.add_route({"/api/v1/sessions/{session_id}/agenda", ReadRule::everyone(),
                      [](const ReadRequest& r) { return ledger::reply(session_agenda(r.reader, r.id("session_id"))); },
                      "A session's agenda"});
  registry.add_route({"/api/v1/motions/{motion_id}", ReadRule::everyone(),
                      [](const ReadRequest& r) { return ledger::reply(get_motion(r.reader, r.id("motion_id"))); },
                      "A motion with its signatures"});
}

}  // namespace plenum::motions
