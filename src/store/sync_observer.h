// The store's fsyncs, for the metrics (server/metrics.h: plenum_store_fsync_duration_seconds).
// A commit is durable when its fsync returns; how long that takes is what a slow disk shows
// first, before any request is slow.
#pragma once

#include <functional>

namespace plenum::store {

// Process-wide, as the files are: `observer` is told the seconds of every fsync of every
// database file the store opens, on the thread that synced (nullptr: no one). It must be cheap
// and must not throw.
void set_sync_observer(std::function<void(double seconds)> observer);

}  // namespace plenum::store
