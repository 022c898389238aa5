// A VFS over SQLite's default one that times each xSync (store/sync_observer.h) and forwards
// everything else unchanged: the same files, locks and errors as the default VFS.
// Internal to the SQLite backend: Db opens every connection through it.
#pragma once

namespace plenum::store::sqlite {

// Registers the VFS on first use; its name for sqlite3_open_v2.
const char* timed_vfs();

}  // namespace plenum::store::sqlite
