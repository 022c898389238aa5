#include "store/sqlite/timed_vfs.h"

#include <sqlite3.h>
#include <utility>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>

#include "store/sync_observer.h"

namespace plenum::store {

namespace {
std::mutex observer_mu;
std::map<int64_t, std::function<void(double)>> sync_observers;  // by id
int64_t next_observer = 1;
}  // namespace

int64_t add_sync_observer(std::function<void(double seconds)> observer) {
  std::lock_guard<std::mutex> lock(observer_mu);
  sync_observers[next_observer] = std::move(observer);
  return next_observer++;
}

void remove_sync_observer(int64_t id) {
  std::lock_guard<std::mutex> lock(observer_mu);
  sync_observers.erase(id);
}

namespace sqlite {
namespace {

sqlite3_vfs* base = nullptr;  // the default VFS, set once before the timed one is registered
sqlite3_vfs timed;

// Our file, with the default VFS's file right behind it in the same allocation (szOsFile).
struct TimedFile {
  sqlite3_file file;  // first: SQLite sees this
  sqlite3_file* real;
};
sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<TimedFile*>(f)->real; }

int timed_sync(sqlite3_file* f, int flags) {
  auto started = std::chrono::steady_clock::now();
  int rc = real(f)->pMethods->xSync(real(f), flags);
  int saved_errno = errno;  // sqlite3_system_errno() may still ask for it
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  {
    std::lock_guard<std::mutex> lock(observer_mu);
    for (const auto& [id, observer] : sync_observers) observer(seconds);
  }
  errno = saved_errno;
  return rc;
}

constexpr sqlite3_io_methods timed_methods = {
    3,
    [](sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); },
    [](sqlite3_file* f, void* buf, int n, sqlite3_int64 off) { return real(f)->pMethods->xRead(real(f), buf, n, off); },
    [](sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
      return real(f)->pMethods->xWrite(real(f), buf, n, off);
    },
    [](sqlite3_file* f, sqlite3_int64 size) { return real(f)->pMethods->xTruncate(real(f), size); },
    timed_sync,
    [](sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); },
    [](sqlite3_file* f, int lock) { return real(f)->pMethods->xUnlock(real(f), lock); },
    [](sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); },
    [](sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); },
    [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); },
    [](sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); },
    // The WAL's shared memory (version 2) and memory-mapped reads (3): only offered where the
    // real file offers them (timed_open picks the table of its version).
    [](sqlite3_file* f, int region, int size, int extend, void volatile** out) {
      return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
    },
    [](sqlite3_file* f, int offset, int n, int flags) {
      return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
    },
    [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); },
    [](sqlite3_file* f, int remove) { return real(f)->pMethods->xShmUnmap(real(f), remove); },
    [](sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
      return real(f)->pMethods->xFetch(real(f), off, n, out);
    },
    [](sqlite3_file* f, sqlite3_int64 off, void* p) { return real(f)->pMethods->xUnfetch(real(f), off, p); },
};

// The same methods as versions 1, 2 and 3: SQLite asks a file's version (and whether it has
// xShmMap) before it uses the WAL's shared memory or memory-mapped reads.
constexpr sqlite3_io_methods with_version(int version) {
  sqlite3_io_methods m = timed_methods;
  m.iVersion = version;
  return m;
}
constexpr sqlite3_io_methods timed_methods_by_version[] = {with_version(1), with_version(2), with_version(3)};

const sqlite3_io_methods* methods_like(const sqlite3_io_methods* real_methods) {
  int version = std::min(real_methods->iVersion, 3);
  if (version >= 2 && !real_methods->xShmMap) version = 1;
  return &timed_methods_by_version[std::max(version, 1) - 1];
}

int timed_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  auto* f = reinterpret_cast<TimedFile*>(file);
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->real->pMethods = nullptr;
  int rc = base->xOpen(base, name, f->real, flags, out_flags);
  // SQLite calls xClose after a failed open exactly when pMethods is set: mirror the real file.
  file->pMethods = f->real->pMethods ? methods_like(f->real->pMethods) : nullptr;
  return rc;
}

void register_timed() {
  base = sqlite3_vfs_find(nullptr);
  if (!base || base->iVersion < 3) throw std::runtime_error("sqlite: the default VFS is not version 3");
  timed = *base;
  timed.pNext = nullptr;
  timed.zName = "plenum-timed";
  timed.szOsFile = static_cast<int>(sizeof(TimedFile)) + base->szOsFile;
  timed.xOpen = timed_open;
  // The rest take the VFS they belong to: the default VFS's own gets itself.
  timed.xDelete = [](sqlite3_vfs*, const char* name, int sync) { return base->xDelete(base, name, sync); };
  timed.xAccess = [](sqlite3_vfs*, const char* name, int flags, int* out) {
    return base->xAccess(base, name, flags, out);
  };
  timed.xFullPathname = [](sqlite3_vfs*, const char* name, int n, char* out) {
    return base->xFullPathname(base, name, n, out);
  };
  timed.xDlOpen = [](sqlite3_vfs*, const char* name) { return base->xDlOpen(base, name); };
  timed.xDlError = [](sqlite3_vfs*, int n, char* out) { base->xDlError(base, n, out); };
  timed.xDlSym = [](sqlite3_vfs*, void* handle, const char* symbol) { return base->xDlSym(base, handle, symbol); };
  timed.xDlClose = [](sqlite3_vfs*, void* handle) { base->xDlClose(base, handle); };
  timed.xRandomness = [](sqlite3_vfs*, int n, char* out) { return base->xRandomness(base, n, out); };
  timed.xSleep = [](sqlite3_vfs*, int micros) { return base->xSleep(base, micros); };
  timed.xCurrentTime = [](sqlite3_vfs*, double* out) { return base->xCurrentTime(base, out); };
  timed.xGetLastError = [](sqlite3_vfs*, int n, char* out) { return base->xGetLastError(base, n, out); };
  timed.xCurrentTimeInt64 = [](sqlite3_vfs*, sqlite3_int64* out) { return base->xCurrentTimeInt64(base, out); };
  timed.xSetSystemCall = [](sqlite3_vfs*, const char* name, sqlite3_syscall_ptr call) {
    return base->xSetSystemCall(base, name, call);
  };
  timed.xGetSystemCall = [](sqlite3_vfs*, const char* name) { return base->xGetSystemCall(base, name); };
  timed.xNextSystemCall = [](sqlite3_vfs*, const char* name) { return base->xNextSystemCall(base, name); };
  if (sqlite3_vfs_register(&timed, 0) != SQLITE_OK) throw std::runtime_error("sqlite: cannot register the timed VFS");
}

}  // namespace

const char* timed_vfs() {
  static std::once_flag once;
  std::call_once(once, register_timed);
  return timed.zName;
}

}  // namespace sqlite
}  // namespace plenum::store
