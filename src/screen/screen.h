// The hall's big screen (大屏幕): by itself it follows the body's sitting in progress (the
// item being voted, the result, the attendance); the secretariat may put something else up
// over it (the attendance, the sign-in by delegation, a vote, an election, a message, a
// countdown), which stays until cleared. The projection is on the ledger, so every screen
// of the body shows the same and a restarted server shows it again.
//
// Its actions, with their arguments, are declared in register_feature (screen/screen.cpp:
// ledger::ArgSchema); docs/openapi.json documents each with who may take it.
#pragma once

#include <string>

#include "base/json.h"
#include "ledger/ledger.h"
#include "screen/tables.h"
#include "store/store.h"

namespace plenum::screen {

// Registers the feature with the composition root (app/app.cpp): its actions, projectors and
// read route.
void register_feature(ledger::Registry& registry);
void register_routes(ledger::Registry& registry);  // routes.cpp; called by register_feature

// GET /bodies/{body}/screen: the sitting the screen follows (open; else the next scheduled;
// else the last closed), the projection over it (null when none) and the server's time, by
// which a screen counts a countdown down without trusting its own clock.
Result<Json> screen_state(store::Reader& reader, const std::string& body, int64_t now);

}  // namespace plenum::screen
