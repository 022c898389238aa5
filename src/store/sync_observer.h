// The store's fsyncs, for the metrics (server/metrics.h: plenum_store_fsync_duration_seconds).
// A commit is durable when its fsync returns; how long that takes is what a slow disk shows
// first, before any request is slow.
#pragma once

#include <cstdint>
#include <functional>

namespace plenum::store {

// Process-wide, as the files are: `observer` is told the seconds of every fsync of every
// database file the store opens, on the thread that synced, until removed by the id returned.
// It must be cheap and must not throw.
int64_t add_sync_observer(std::function<void(double seconds)> observer);
void remove_sync_observer(int64_t id);

}  // namespace plenum::store
