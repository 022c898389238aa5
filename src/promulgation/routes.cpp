// Promulgation's read routes: promulgated acts are public records.
#include "promulgation/promulgation.h"

namespace plenum::promulgation {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/bodies/{body}/promulgations", ReadRule::everyone(),
                      [](const ReadRequest& r) { return ledger::reply(list_promulgations(r.reader, r.param("body"))); },
                      "A body's promulgations (公布)"});
  registry.add_route({"/api/v1/promulgations/{promulgation_id}", ReadRule::everyone(),
                      [](const ReadRequest& r) { return ledger::reply(get_promulgation(r.reader, r.id("promulgation_id"))); },
                      "A promulgation"});
}

}  // namespace plenum::promulgation
