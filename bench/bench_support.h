// What every benchmark in bench/ needs around its measurements: timing and nearest-rank
// percentiles, a scratch directory on a real disk (fsync on tmpfs is free and would flatter
// every side), and the cost of one durable append there.
//
// Contract: each benchmark program defines die() (print, clean up its children, exit non-zero);
// the helpers here call it on failures they cannot report otherwise.
#pragma once

#include <utility>

#include <chrono>
#include <string>
#include <vector>

#include "base/json.h"

namespace plenum::app {
struct App;
}

namespace plenum::bench {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& what);  // defined by each benchmark

double ms_between(Clock::time_point a, Clock::time_point b);
// Nearest-rank percentile of an unsorted sample (0 for an empty one).
double percentile(std::vector<double> v, double p);
double median(std::vector<double> v);

// Takes `action` with `args` as the system actor and waits for its acknowledgement: its result,
// or die() naming the action when it is refused (seeding a benchmark must not half-succeed).
Json act(app::App& app, const std::string& action, Json args);

// A fresh directory "<root>/<prefix>-XXXXXX", removed on destruction unless `keep`.
struct TempDir {
  TempDir(const std::string& root, bool keep, const std::string& prefix);
  ~TempDir();
  std::string path;
  bool keep;
};

// "ext4", "tmpfs", ... of the filesystem holding `dir`.
std::string filesystem_type(const std::string& dir);
// `requested`, or /tmp unless that is tmpfs (then build/bench-tmp); created; warns on tmpfs.
std::string pick_root(const std::string& requested);
// p50 and p99 ms of a 4 KiB pwrite + fdatasync under `root`, like a small WAL commit.
std::pair<double, double> fsync_probe(const std::string& root);

}  // namespace plenum::bench
