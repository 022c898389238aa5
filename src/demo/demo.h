// The 2024 demo: the 14th NPC (2,956 deputies in 35 delegations) and the 14th CPPCC National
// Committee (2,162 members in 34 sectors) with the opening and closing sittings of their 2024
// sessions and the check-ins and leaves that give the study bulletin's figures (DOMAIN.md
// section 7). Everything is loaded through the ledger's ordinary actions, so the demo's record
// verifies and replays like any other. Names are generated except the people the bulletin
// names; delegation and sector sizes and assignments are illustrative.
#pragma once

#include "ledger/ledger.h"
#include "store/store.h"

namespace plenum::demo {

// The demo accounts' shared password (README lists the accounts).
inline constexpr const char* kDemoPassword = "plenum-2024";

// Loads the demo unless the bodies "npc" and "cppcc" already exist. Returns whether it loaded.
Result<bool> load_2024(ledger::Ledger& ledger, store::Store& store);

}  // namespace plenum::demo
