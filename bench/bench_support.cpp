#include "bench_support.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <linux/magic.h>
#include <sys/vfs.h>

#include "app/app.h"
#include "ledger/ledger.h"

#ifndef PLENUM_SOURCE_DIR
#define PLENUM_SOURCE_DIR "."
#endif

namespace plenum::bench {

Json act(app::App& app, const std::string& action, Json args) {
  ledger::ActionRequest request;
  request.action = action;
  request.args = std::move(args);
  request.actor = ledger::kSystemActor;
  auto r = app.ledger->submit_and_wait(std::move(request));
  if (!r) die(action + ": " + r.error().message_en);
  return r->result;
}

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

double median(std::vector<double> v) { return percentile(std::move(v), 50); }

TempDir::TempDir(const std::string& root, bool keep, const std::string& prefix) : keep(keep) {
  std::string tmpl = root + "/" + prefix + "-XXXXXX";
  if (!mkdtemp(tmpl.data())) die("mkdtemp under " + root + ": " + std::strerror(errno));
  path = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!keep) std::filesystem::remove_all(path, ec);
}

std::string filesystem_type(const std::string& dir) {
  struct statfs s {};
  if (statfs(dir.c_str(), &s) != 0) return "unknown";
  switch (s.f_type) {
    case TMPFS_MAGIC:
      return "tmpfs";
    case EXT4_SUPER_MAGIC:
      return "ext4";  // also ext2/ext3: same magic
    case XFS_SUPER_MAGIC:
      return "xfs";
    case BTRFS_SUPER_MAGIC:
      return "btrfs";
    case OVERLAYFS_SUPER_MAGIC:
      return "overlayfs";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "0x%lx", static_cast<unsigned long>(s.f_type));
      return buf;
    }
  }
}

std::string pick_root(const std::string& requested) {
  std::string root = requested;
  if (root.empty()) {
    root = "/tmp";
    if (filesystem_type(root) == "tmpfs") root = std::string(PLENUM_SOURCE_DIR) + "/build/bench-tmp";
  }
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (filesystem_type(root) == "tmpfs") std::cerr << "warning: " << root << " is tmpfs; fsync is not real\n";
  return root;
}

std::pair<double, double> fsync_probe(const std::string& root) {
  std::string file = root + "/fsync-probe";
  int fd = ::open(file.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
  if (fd < 0) return {0, 0};
  std::vector<char> block(4096, 'x');
  std::vector<double> lat;
  for (int i = 0; i < 100; ++i) {
    auto t = Clock::now();
    if (::pwrite(fd, block.data(), block.size(), static_cast<off_t>(i) * 4096) < 0) break;
    ::fdatasync(fd);
    lat.push_back(ms_between(t, Clock::now()));
  }
  ::close(fd);
  ::unlink(file.c_str());
  return {percentile(lat, 50), percentile(lat, 99)};
}

}  // namespace plenum::bench
