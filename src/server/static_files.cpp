#include "server/static_files.h"

#include <utility>

#include <array>
#include <filesystem>

namespace plenum::server {
namespace fs = std::filesystem;

namespace {

// What the built front end contains. Anything else (a database, its WAL, a key file someone
// left in the folder) is not served even when it lies under the root.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
}};

std::string_view last_segment(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<std::string> static_content_type(std::string_view file_name) {
  auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view ext = file_name.substr(dot);
  for (const auto& [e, type] : kTypes)
    if (e == ext) return std::string(type);
  return std::nullopt;
}

bool is_safe_static_path(std::string_view p) {
  if (p.empty() || p[0] != '/' || p.size() > 1024) return false;
  if (p == "/") return true;
  // Segments between slashes: none empty ("//" would make the rest absolute), none hidden or
  // relative ("." "..", ".git"), and no byte a file name should not carry.
  size_t start = 1;
  while (start <= p.size()) {
    size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    std::string_view seg = p.substr(start, end - start);
    if (seg.empty() || seg[0] == '.') return false;
    for (unsigned char c : seg)
      if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') return false;
    start = end + 1;
  }
  return p.back() != '/';
}

WebRoot::WebRoot(const std::string& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  fs::path root = fs::canonical(dir, ec);
  if (ec || !fs::is_directory(root, ec)) return;
  root_ = root.string();
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::optional<StaticFile> WebRoot::file_under_root(const std::string& relative) const {
  std::error_code ec;
  fs::path resolved = fs::canonical(fs::path(root_) / relative, ec);  // follows every link
  if (ec) return std::nullopt;
  std::string s = resolved.string();
  if (s.size() <= root_.size() + 1 || s.compare(0, root_.size(), root_) != 0 || s[root_.size()] != '/')
    return std::nullopt;
  auto type = static_content_type(last_segment(s));
  if (!type || !fs::is_regular_file(resolved, ec)) return std::nullopt;
  uint64_t size = fs::file_size(resolved, ec);
  if (ec) return std::nullopt;
  return StaticFile{std::move(s), std::move(*type), size};
}

std::optional<StaticFile> WebRoot::resolve(std::string_view decoded_path) const {
  if (root_.empty() || !is_safe_static_path(decoded_path)) return std::nullopt;
  std::string_view name = last_segment(decoded_path);
  // A route of the app ("/hall/2") has no extension: the app's page answers it.
  if (decoded_path == "/" || name.find('.') == std::string_view::npos) return file_under_root("index.html");
  if (!static_content_type(name)) return std::nullopt;
  return file_under_root(std::string(decoded_path.substr(1)));
}

}  // namespace plenum::server
