// The 2024 demo: the 14th NPC (2,956 deputies in 35 delegations) and the 14th CPPCC National
// Committee (2,162 members in 34 sectors) with the opening and closing sittings of their 2024
// sessions and the check-ins and leaves that give the study bulletin's figures (DOMAIN.md
// section 7). Everything is loaded through the ledger's ordinary actions, so the demo's record
// verifies and replays like any other. Names are generated except the people the bulletin
// names; delegation and sector sizes and assignments are illustrative.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

#include "ledger/ledger.h"
#include "store/store.h"

namespace plenum::demo {

// The demo accounts' shared password (README lists the accounts).
inline constexpr const char* kDemoPassword = "plenum-2024";

// The demo's time. A ledger whose clock is `reader()` (Ledger::Options::clock) stamps each step
// of the demo at the bulletin's date and time, which load_2024 sets as it goes: the sittings
// open at 15:00 on 4 March (CPPCC), 09:00 on 5 March (NPC), 09:00 on 10 March (CPPCC) and
// 15:00 on 11 March 2024 (NPC, closed 15:31), as DOMAIN.md section 7 gives them.
class BulletinClock {
 public:
  BulletinClock();
  std::function<int64_t()> reader() const;
  // "2024-03-11T15:00+08:00"; a time that does not parse is a bug in the demo (it throws).
  void set(const char* iso);
  void advance_minutes(int64_t minutes);

 private:
  std::shared_ptr<std::atomic<int64_t>> now_;
};

// Loads the demo unless the bodies "npc" and "cppcc" already exist. Returns whether it loaded.
// With `clock` (the one `ledger` reads) the record carries the bulletin's times; without, the
// time each step was loaded.
Result<bool> load_2024(ledger::Ledger& ledger, store::Store& store, BulletinClock* clock = nullptr);

}  // namespace plenum::demo
