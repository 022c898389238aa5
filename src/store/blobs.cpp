#include "store/blobs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <sys/stat.h>

#include "base/text.h"

namespace plenum::store {
namespace {

Error io_error(const std::string& what) {
  return make_error(ErrorCode::kInternal, "文件存储出错：" + what, "blob store failure: " + what);
}

// Does the content start as its type says? Types without a signature pass.
bool looks_like(std::string_view bytes, const std::string& type) {
  auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  if (type == "image/jpeg") return starts("\xFF\xD8\xFF");
  if (type == "image/png") return starts(std::string_view("\x89PNG\r\n\x1A\n", 8));
  if (type == "application/pdf") return starts("%PDF-");
  if (type == "text/plain") return is_valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos;
  return true;
}

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool sync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// mkdir that tolerates a directory another node or thread made first; a new one is synced into
// its parent so it survives a crash.
bool ensure_dir(const std::string& dir, const std::string& parent) {
  if (::mkdir(dir.c_str(), 0750) == 0) return sync_dir(parent);
  struct stat st {};
  return errno == EEXIST && ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

class DirectoryBlobStore final : public BlobStore {
 public:
  explicit DirectoryBlobStore(std::string dir) : dir_(std::move(dir)) {}

  Result<BlobRef> put(std::string_view bytes, const std::string& content_type, const BlobLimits& limits) override {
    if (bytes.size() > limits.max_bytes)
      return make_error(ErrorCode::kTooLarge, "文件超过 " + std::to_string(limits.max_bytes) + " 字节",
                        "the file exceeds " + std::to_string(limits.max_bytes) + " bytes", "body");
    if (std::find(limits.content_types.begin(), limits.content_types.end(), content_type) == limits.content_types.end())
      return make_error(ErrorCode::kMalformed, "不接受 " + content_type + " 类型的文件",
                        "files of type " + content_type + " are not accepted", "content-type");
    if (!looks_like(bytes, content_type))
      return make_error(ErrorCode::kMalformed, "文件内容与其类型 " + content_type + " 不符",
                        "the file's content is not " + content_type, "body");
    BlobRef ref{sha256_hex(bytes), static_cast<int64_t>(bytes.size()), content_type};
    std::string shard = dir_ + "/" + ref.sha256.substr(0, 2);
    std::string final_path = shard + "/" + ref.sha256;
    if (::access(final_path.c_str(), F_OK) == 0) return ref;  // stored once, never changed
    if (!ensure_dir(shard, dir_)) return io_error("cannot make " + shard + ": " + std::strerror(errno));
    // Written aside, synced, then renamed into place: a reader or another node sees the whole
    // file or none.
    std::string tmp = dir_ + "/tmp/" + ref.sha256 + "." + random_token().substr(0, 16);
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd < 0) return io_error("cannot create " + tmp + ": " + std::strerror(errno));
    bool ok = write_all(fd, bytes) && ::fsync(fd) == 0;
    int err = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
      if (ok) err = errno;
      ::unlink(tmp.c_str());
      return io_error("cannot store " + ref.sha256 + ": " + std::strerror(err));
    }
    if (!sync_dir(shard)) return io_error("cannot sync " + shard + ": " + std::strerror(errno));
    return ref;
  }

  Result<std::string> get(const std::string& sha256) const override {
    if (!is_sha256_hex(sha256))
      return make_error(ErrorCode::kMalformed, "文件标识应为64位十六进制 SHA-256",
                        "a file is named by its SHA-256 in 64 lowercase hex digits", "sha256");
    std::string path = dir_ + "/" + sha256.substr(0, 2) + "/" + sha256;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT) return not_found("文件 " + sha256, "file " + sha256, "sha256");
      return io_error("cannot open " + sha256 + ": " + std::strerror(errno));
    }
    std::string bytes;
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        ::close(fd);
        return io_error("cannot read " + sha256 + ": " + std::strerror(err));
      }
      if (n == 0) break;
      bytes.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    if (sha256_hex(bytes) != sha256) return io_error("the file " + sha256 + " no longer matches its hash");
    return bytes;
  }

  bool contains(const std::string& sha256) const override {
    return is_sha256_hex(sha256) && ::access((dir_ + "/" + sha256.substr(0, 2) + "/" + sha256).c_str(), F_OK) == 0;
  }

  int64_t size_bytes() const override {
    int64_t total = 0;
    std::error_code ec;  // a file renamed or removed meanwhile is skipped, never thrown
    for (auto it = std::filesystem::recursive_directory_iterator(dir_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code size_ec;
      if (it->is_regular_file(size_ec)) {
        auto size = it->file_size(size_ec);
        if (!size_ec) total += static_cast<int64_t>(size);
      }
    }
    return total;
  }

 private:
  std::string dir_;
};

}  // namespace

Json BlobRef::to_json() const { return Json{{"sha256", sha256}, {"size", size}, {"content_type", content_type}}; }

bool is_sha256_hex(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<BlobRef> named_blobs(const Json& payload) {
  std::vector<BlobRef> out;
  std::function<void(const Json&)> walk = [&](const Json& j) {
    if (j.is_object()) {
      auto sha = j.find("sha256"), size = j.find("size"), type = j.find("content_type");
      if (sha != j.end() && sha->is_string() && is_sha256_hex(sha->get<std::string>()) && size != j.end() &&
          size->is_number_integer() && type != j.end() && type->is_string())
        out.push_back({sha->get<std::string>(), size->get<int64_t>(), type->get<std::string>()});
    }
    if (j.is_structured())
      for (const auto& child : j) walk(child);
  };
  walk(payload);
  return out;
}

Status copy_blobs(const BlobStore& from, BlobStore& to, const std::vector<BlobRef>& refs) {
  for (const auto& ref : refs) {
    if (to.contains(ref.sha256)) continue;
    auto bytes = from.get(ref.sha256);
    if (!bytes) return bytes.error();
    BlobLimits limits{bytes->size(), {ref.content_type}};
    PLENUM_TRY(to.put(*bytes, ref.content_type, limits).status());
  }
  return Status::ok();
}

Result<std::unique_ptr<BlobStore>> open_blob_directory(const std::string& dir) {
  std::string parent = dir.find('/') == std::string::npos ? "." : dir.substr(0, dir.rfind('/'));
  if (parent.empty()) parent = "/";
  if (!ensure_dir(dir, parent) || !ensure_dir(dir + "/tmp", dir))
    return io_error("cannot make " + dir + ": " + std::strerror(errno));
  return std::unique_ptr<BlobStore>(std::make_unique<DirectoryBlobStore>(dir));
}

}  // namespace plenum::store
