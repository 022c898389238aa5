// Promulgation's read routes: promulgated acts are public records.
#include "promulgation/promulgation.h"

namespace plenum::promulgation {

void register_routes(ledger::Registry& registry) {
  using ledger::ReadRequest;
  using ledger::ReadRule;
  registry.add_route({"/api/v1/bodies/{body}/promulgations", ReadRule::everyone(),
                      ledger::by_param("body", list_promulgations),
                      ledger::Listing{"promulgations", {"term", "series", "number"}}});
  registry.add_route({"/api/v1/promulgations/{promulgation_id}", ReadRule::everyone(),
                      ledger::by_id("promulgation_id", get_promulgation)});
}

}  // namespace plenum::promulgation
