// docs/openapi.json, generated (`plenum openapi` writes it; tests/openapi_test.cpp fails when
// the committed file differs). Nothing in it is written twice:
// - src/server/openapi.json: the document's frame, the server's own paths (sign-in, actions,
//   live, health) and the components every part shares;
// - each feature's <feature>/openapi.json: its tag, its schemas (records, event payloads), for
//   each action its description and the JSON Schema of its result, and for each route and
//   upload its words and the shape of its answer, under the route's pattern;
// - the registry: each action's arguments (ledger::ArgSchema) and each route's read rule, from
//   which the security, the path parameters and the 401/403/500 answers are written.
//
// Contract: an action, route or upload the registry holds and no part documents, a part's entry
// for something not registered, and a schema two parts define are errors, so the document
// cannot fall behind the code.
#pragma once

#include "base/json.h"
#include "base/status.h"
#include "ledger/ledger.h"

namespace plenum::app {

Result<Json> openapi_document(const ledger::Registry& registry);

}  // namespace plenum::app
