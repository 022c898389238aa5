// The web root: which file, if any, a request path names. Pure path logic (no Beast), so it is
// fuzzed on its own (tests/fuzz/static_path_fuzzer.cpp).
//
// Contract: a file is served only if the decoded path is absolute, has no NUL, control byte or
// backslash, no empty, "." or ".." segment and no segment starting with a dot; its extension is
// on the allow-list below (which also fixes its Content-Type); and the path, resolved through
// every symbolic link, still lies under the root and names a regular file. A path whose last
// segment has no extension is a route of the single-page app and gets the root's index.html.
// Everything else is not found. Nothing is read here: the server streams the file.
//
// Thread-safety: WebRoot is immutable after construction; resolve() may run on any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plenum::server {

struct StaticFile {
  std::string path;          // the resolved file, absolute
  std::string content_type;  // from the allow-list
  uint64_t size = 0;
};

// The Content-Type served for a file name's extension; nullopt if the extension is not served.
std::optional<std::string> static_content_type(std::string_view file_name);

// True if `decoded_path` has the shape a static request may have (the first half of the
// contract above; resolve() checks the rest against the file system).
bool is_safe_static_path(std::string_view decoded_path);

class WebRoot {
 public:
  // `dir` may be relative; "" or a directory that does not exist serves nothing.
  explicit WebRoot(const std::string& dir);
  bool empty() const { return root_.empty(); }
  std::optional<StaticFile> resolve(std::string_view decoded_path) const;

 private:
  std::optional<StaticFile> file_under_root(const std::string& relative) const;
  std::string root_;  // canonical, no trailing slash; "" serves nothing
};

}  // namespace plenum::server
