// Promulgation: an adopted law gets a presidential order (主席令第N号) stating the enacting body,
// the adoption date and the effective date (立法法 62); other adopted outcomes get an
// announcement (公告第N号). Numbers run per body, term and series and are never reused.
//
// Its actions, with their arguments, are declared in register_feature (promulgation/*.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
#pragma once

#include "base/json.h"
#include "ledger/ledger.h"
#include "promulgation/tables.h"
#include "store/store.h"

namespace plenum::promulgation {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors, event
// views and read routes.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

Json to_json(const PromulgationRecord& p);
Result<Json> list_promulgations(store::Reader& reader, const std::string& body);
Result<Json> get_promulgation(store::Reader& reader, int64_t id);

}  // namespace plenum::promulgation
