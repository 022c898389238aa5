// Plain records the Store reads and writes. They are the projection tables' rows, named in the
// domain's words; no behaviour lives here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace plenum::store {

// One entry of the append-only log. `payload` is canonical JSON text (base/json.h); `hash` is
// the chain link defined in ledger/chain.h.
struct EventRecord {
  int64_t position = 0;  // global insertion order (assigned by the store)
  std::string body;
  int64_t seq = 0;  // per-body sequence number, from 1
  std::string type;
  std::string actor;
  int64_t at = 0;  // microseconds since the epoch, UTC
  std::string request_id;
  std::string payload;
  std::string prev_hash;
  std::string hash;
};

// A signed-in browser or client (not part of the assembly record, so not in the ledger).
struct LoginSession {
  std::string token_hash;  // SHA-256 of the cookie value
  std::string username;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

// What one plenum upgrade did to this file (src/upgrade/upgrade.h); outside the record.
struct UpgradeRecord {
  int64_t position = 0;  // 1, 2, … in the order of the upgrades (assigned by the store)
  int64_t at = 0;        // microseconds since the epoch, UTC
  std::string build;     // the plenum version that upgraded it
  int64_t from_version = 0, to_version = 0;
  std::string source;  // the file it was upgraded from
  int64_t events = 0;
  std::string state_hash;  // reached by the rebuilt projections
};

}  // namespace plenum::store
