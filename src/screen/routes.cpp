// The screen's read route: what a body's big screens show is for those who follow the body (the
// hall's screen account is an observer); what it projects is read out in the hall anyway.
#include "assembly/assembly.h"
#include "base/text.h"
#include "screen/screen.h"

namespace plenum::screen {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route(
      {"/api/v1/bodies/{body}/screen", ReadRule::followers(assembly::body_param()),
       [](const ReadRequest& r) { return ledger::reply(screen_state(r.reader, r.param("body"), now_micros())); }});
}

}  // namespace plenum::screen
