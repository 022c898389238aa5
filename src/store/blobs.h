// The blob store: files (members' photos, paper scans, meeting papers) kept outside the event log,
// by their content. An event names a file by its BlobRef (SHA-256, size, type); the bytes are here.
//
// Contract:
// - put() stores bytes under their SHA-256 (64 lowercase hex digits): the same bytes are stored
//   once, a stored blob never changes, and it is durable before put() returns, so an event that
//   names it may commit after it. Bytes over the limit, of a type not allowed, or whose content
//   is not what the type says (magic bytes) are refused (kTooLarge, kMalformed) and nothing is
//   stored.
// - get() returns the bytes only if they still hash to their name: a damaged or altered file is
//   kInternal, never served. An unknown hash is kNotFound; a name that is not 64 lowercase hex
//   digits is kMalformed (no path is ever built from unchecked text).
// - Who may read a blob is decided by the feature whose event names it (its route's ReadRule),
//   never by the store.
// - Several nodes may share one store: a name is its content, and a put writes a temporary file
//   and renames it into place, so two nodes storing the same bytes at once both succeed. (A
//   PostgreSQL-backed store implements the same interface.)
// - Bytes put for an action that then fails stay, unreferenced and harmless.
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace plenum::store {

struct BlobRef {
  std::string sha256;  // lowercase hex
  int64_t size = 0;
  std::string content_type;
  Json to_json() const;
};

struct BlobLimits {
  size_t max_bytes = 20 << 20;
  // The types allowed ("image/jpeg", "image/png", "application/pdf", "text/plain"); those with
  // known magic bytes must start with them.
  std::vector<std::string> content_types;
};

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  virtual Result<BlobRef> put(std::string_view bytes, const std::string& content_type, const BlobLimits& limits) = 0;
  virtual Result<std::string> get(const std::string& sha256) const = 0;
  virtual bool contains(const std::string& sha256) const = 0;
  // The bytes of every file held now (for monitoring; walks the store).
  virtual int64_t size_bytes() const = 0;
};

// A blob store in a directory (created if missing): <dir>/<first two hex digits>/<sha256>.
Result<std::unique_ptr<BlobStore>> open_blob_directory(const std::string& dir);

// True for 64 lowercase hex digits.
bool is_sha256_hex(std::string_view s);

// The files an event's payload names: each object in it, at any depth, with a 64-hex "sha256",
// an integer "size" and a string "content_type" (as BlobRef::to_json writes them).
std::vector<BlobRef> named_blobs(const Json& payload);

// Copies each of `refs` from `from` into `to`, every one checked against its hash on the way
// (get()); one `to` already holds is skipped. kNotFound names the first that `from` lacks.
Status copy_blobs(const BlobStore& from, BlobStore& to, const std::vector<BlobRef>& refs);

}  // namespace plenum::store
