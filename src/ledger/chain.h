// The hash chain that makes the log tamper-evident. Each event's hash is SHA-256 over a
// length-prefixed encoding of: the label "plenum-event-v1", the previous event's hash (64 zeros
// for seq 1), body, seq, type, actor, time, request id and the canonical JSON payload, exactly as
// stored. Changing any stored byte of any event breaks its link or the next one.
#pragma once

#include <atomic>
#include <string>

#include "store/store.h"

namespace plenum::ledger {

inline const std::string kGenesisHash(64, '0');

std::string event_hash(const store::EventRecord& event);  // uses event.prev_hash, ignores .hash

struct ChainReport {
  int64_t events = 0;
  int64_t bodies = 0;
  bool ok = true;
  // The first broken link, if any.
  std::string body;
  int64_t seq = 0;
  int64_t position = 0;
  std::string reason;
};

// Walks every body's chain from seq 1: contiguous sequence numbers, each prev_hash equal to the
// previous event's hash, each hash equal to the recomputed one. Stops at the first break, or
// as soon as `*cancelled` holds (then the report is not ok, reason "cancelled").
ChainReport verify_chain(store::EventLog& log, const std::atomic<bool>* cancelled = nullptr);
// ok for an intact chain; otherwise kConflict naming the first broken link.
Status chain_status(const ChainReport& report);

}  // namespace plenum::ledger
