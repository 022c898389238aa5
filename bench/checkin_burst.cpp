// Check-in burst: N members (default 3,000) check in to one sitting in one burst, each over its
// own HTTP connection to an in-process plenum server, compared in the same run with a raw SQLite
// baseline doing the same inserts with the same durability (WAL, synchronous=FULL, one writer
// thread committing in groups the way the ledger does).
//
//   plenum_bench [members] [--runs R] [--only plenum|baseline] [--dir PATH] [--keep]
//
// Each side runs R times (default 3) on fresh databases, interleaved, and the medians are
// reported, because the machines we run on are shared and noisy. Figures go to
// docs/BENCHMARKS.md. This is a benchmark, not a test: it checks correctness (every response
// 200, exactly N check-ins stored) and measures; it asserts no timing.
#include <utility>  // before Asio (DESIGN.md section 9)

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fcntl.h>
#include <linux/magic.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <iostream>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "base/json.h"
#include "base/text.h"
#include "server/server.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using plenum::Json;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// Nearest-rank percentile of an unsorted sample.
double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

double median(std::vector<double> v) { return percentile(std::move(v), 50); }

struct Figures {
  double wall_ms = 0;  // first send (submit) to last acknowledgement
  double rate = 0;     // check-ins per second over wall_ms
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // acknowledgement latency, ms
  double send_ms = 0;       // plenum: the client thread issuing every write
  double first_ack_ms = 0;  // first acknowledgement after the burst began
  double cpu_ms = 0;        // process CPU (user + system, all threads) during the burst
  int64_t commits = 0;                        // group commits that carried check-ins
  int64_t largest_batch = 0;
};

Figures figures_of(const std::vector<double>& latencies, double wall_ms) {
  Figures f;
  f.wall_ms = wall_ms;
  f.rate = wall_ms > 0 ? static_cast<double>(latencies.size()) / (wall_ms / 1000.0) : 0;
  f.p50 = percentile(latencies, 50);
  f.p90 = percentile(latencies, 90);
  f.p99 = percentile(latencies, 99);
  f.max = percentile(latencies, 100);
  return f;
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "plenum_bench: " << what << "\n";
  std::exit(1);
}

// ------------------------------------------------------------------ environment

struct TempDir {
  explicit TempDir(const std::string& root, bool keep) : keep(keep) {
    std::string tmpl = root + "/plenum-bench-XXXXXX";
    if (!mkdtemp(tmpl.data())) die("mkdtemp under " + root + ": " + std::strerror(errno));
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!keep) std::filesystem::remove_all(path, ec);
  }
  std::string path;
  bool keep;
};

std::string filesystem_type(const std::string& dir) {
  struct statfs s {};
  if (statfs(dir.c_str(), &s) != 0) return "unknown";
  switch (s.f_type) {
    case TMPFS_MAGIC: return "tmpfs";
    case EXT4_SUPER_MAGIC: return "ext4";  // also ext2/ext3: same magic
    case XFS_SUPER_MAGIC: return "xfs";
    case BTRFS_SUPER_MAGIC: return "btrfs";
    case OVERLAYFS_SUPER_MAGIC: return "overlayfs";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof buf, "0x%lx", static_cast<unsigned long>(s.f_type));
      return buf;
    }
  }
}

// fsync on tmpfs is free, which would flatter both sides: use a real disk.
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

// One process holds both ends of every connection, plus SQLite's files.
void raise_fd_limit(int members) {
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  rlim_t want = static_cast<rlim_t>(members) * 2 + 256;
  if (lim.rlim_cur >= want) return;
  if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < want)
    die("RLIMIT_NOFILE hard limit " + std::to_string(lim.rlim_max) + " < " + std::to_string(want) +
        " needed for " + std::to_string(members) + " connections");
  lim.rlim_cur = want;
  if (setrlimit(RLIMIT_NOFILE, &lim) != 0) die(std::string("setrlimit: ") + std::strerror(errno));
}

// The cost of one durable append on this filesystem: 4 KiB write + fdatasync, like a small WAL
// commit. Both sides pay it once per group commit.
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

// Group commits that carried check-ins: the ledger stamps every event of a batch with the same
// time, so distinct check-in times are distinct commits.
void batch_stats(const std::string& db_path, Figures& f) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  sqlite3_stmt* st = nullptr;
  const char* sql =
      "SELECT count(*), max(c) FROM (SELECT count(*) AS c FROM check_ins GROUP BY at)";
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
    f.commits = sqlite3_column_int64(st, 0);
    f.largest_batch = sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// Profiling only the burst: run under
//   perf record --control fifo:CTL,ACK -D -1 ... with PLENUM_BENCH_PERF_CTL=CTL PLENUM_BENCH_PERF_ACK=ACK
// and the bench enables the counters just before the burst and disables them after it.
void perf_control(const char* command) {
  const char* ctl = std::getenv("PLENUM_BENCH_PERF_CTL");
  const char* ack = std::getenv("PLENUM_BENCH_PERF_ACK");
  if (!ctl) return;
  int fd = ::open(ctl, O_WRONLY);
  if (fd < 0) return;
  std::string line = std::string(command) + "\n";
  if (::write(fd, line.data(), line.size()) < 0) {}
  ::close(fd);
  if (!ack) return;
  int afd = ::open(ack, O_RDONLY);
  if (afd < 0) return;
  char buf[8];
  if (::read(afd, buf, sizeof buf) < 0) {}
  ::close(afd);
}

double process_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + t.tv_usec / 1000.0; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

// ------------------------------------------------------------------ plenum side

Json must(plenum::Result<plenum::ledger::Ack> r, const char* what) {
  if (!r) die(std::string(what) + ": " + r.error().message_en);
  return r->result;
}

Json act(plenum::app::App& app, const std::string& action, Json args) {
  plenum::ledger::ActionRequest request;
  request.action = action;
  request.args = std::move(args);
  request.actor = plenum::ledger::kSystemActor;
  return must(app.ledger->submit_and_wait(std::move(request)), action.c_str());
}

const char* kBody = "t";

std::string seat_of(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "S%04d", i);
  return buf;
}

// Body `t` (npc rulebook), term 1, session 1, N members through assembly.import_roster, one
// plenary sitting, and a secretariat account "desk". Returns the sitting id.
int64_t seed(plenum::app::App& app, int members) {
  act(app, "assembly.create_body",
      Json{{"id", kBody}, {"name_zh", "基准机构"}, {"name_en", "Bench body"}, {"rulebook", "npc"}});
  act(app, "assembly.create_term",
      Json{{"body", kBody}, {"number", 1}, {"name_zh", "第一届"}, {"starts_on", "2024-01-01"}});
  int64_t session = act(app, "assembly.create_session",
                        Json{{"body", kBody}, {"term", 1}, {"number", 1}, {"name_zh", "第一届第一次会议"},
                             {"name_en", "1st session"}, {"short_name_zh", "一届一次会议"},
                             {"opens_on", "2024-03-01"}, {"closes_on", "2024-03-10"}})["session_id"];
  std::string csv = "seat,card,name,unit\n";
  for (int i = 1; i <= members; ++i) {
    char line[128];
    std::snprintf(line, sizeof line, "S%04d,K%04d,成员%d,%s\n", i, i, i, i % 2 ? "甲团" : "乙团");
    csv += line;
  }
  act(app, "assembly.import_roster", Json{{"body", kBody}, {"csv", csv}});
  int64_t sitting = act(app, "assembly.schedule_sitting",
                        Json{{"session_id", session}, {"kind", "plenary"}, {"number", 1},
                             {"title_zh", "第一次全体会议"}, {"starts_at", "2024-03-05T09:00+08:00"}})["sitting_id"];
  act(app, "accounts.create",
      Json{{"username", "desk"}, {"password", "password-123"}, {"display_name", "签到台"},
           {"roles", Json::array({Json{{"body", kBody}, {"role", "secretariat"}}})}});
  return sitting;
}

struct Session {
  std::string cookie;
  std::string csrf;
};

Session login(uint16_t port) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req(http::verb::post, "/api/v1/auth/login", 11);
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, "application/json");
  req.body() = Json{{"username", "desk"}, {"password", "password-123"}}.dump();
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buf;
  http::response<http::string_body> res;
  http::read(stream, buf, res);
  if (res.result_int() != 200) die("login: HTTP " + std::to_string(res.result_int()) + " " + res.body());
  std::string set = std::string(res[http::field::set_cookie]);
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return {set.substr(0, set.find(';')), Json::parse(res.body())["csrf_token"]};
}

// One member's device: one connection, one request.
struct Device {
  explicit Device(net::io_context& ioc) : socket(ioc) {}
  tcp::socket socket;
  std::string wire;  // the serialized request, built before the burst
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  Clock::time_point sent, acked;
  beast::error_code error;
  bool done = false;
};

Figures run_plenum(int members, const std::string& root, bool keep, int run) {
  TempDir dir(root, keep);
  std::string db = dir.path + "/plenum.db";
  auto opened = plenum::app::open(db);
  if (!opened) die("open: " + opened.error().message_en);
  std::unique_ptr<plenum::app::App> app = std::move(*opened);
  int64_t sitting = seed(*app, members);

  plenum::server::Options options;
  options.port = 0;
  options.threads = 2;  // the CLI's default; the machine has 2 cores
  auto server = std::make_unique<plenum::server::Server>(*app, options);
  uint16_t port = server->start();
  std::thread server_thread([&] { server->run(); });
  Session session = login(port);

  // Every connection is open before the burst; at most `window` connects in flight so the
  // listen backlog never overflows (connecting is not what we measure).
  net::io_context ioc(1);
  tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
  std::vector<std::unique_ptr<Device>> devices;
  devices.reserve(members);
  for (int i = 1; i <= members; ++i) {
    auto d = std::make_unique<Device>(ioc);
    http::request<http::string_body> req(http::verb::post, "/api/v1/actions", 11);
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::cookie, session.cookie);
    req.set("X-CSRF-Token", session.csrf);
    req.set(http::field::content_type, "application/json");
    req.body() = Json{{"action", "attendance.check_in"},
                      {"args", Json{{"sitting_id", sitting}, {"seat", seat_of(i)}}},
                      {"request_id", "burst-" + std::to_string(run) + "-" + seat_of(i)}}
                     .dump();
    req.prepare_payload();
    std::ostringstream out;
    out << req;
    d->wire = out.str();
    devices.push_back(std::move(d));
  }
  {
    const size_t window = 256;
    size_t next = 0, connected = 0;
    std::function<void()> connect_next = [&] {
      if (next >= devices.size()) return;
      Device* d = devices[next++].get();
      d->socket.async_connect(endpoint, [d, &connected, &connect_next](beast::error_code ec) {
        if (ec) die("connect: " + ec.message());
        d->socket.set_option(tcp::no_delay(true));
        ++connected;
        connect_next();
      });
    };
    for (size_t i = 0; i < window; ++i) connect_next();
    ioc.run();
    if (connected != devices.size()) die("not every device connected");
  }
  // Let the server accept the backlog so the burst measures requests, not accepts.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  // The burst: one client thread writes every request back to back (each write is attempted
  // immediately by Asio), then serves the responses as they come.
  ioc.restart();
  perf_control("enable");
  size_t finished = 0;
  net::steady_timer deadline(ioc, std::chrono::seconds(120));
  deadline.async_wait([&](beast::error_code ec) {
    if (ec) return;
    for (auto& d : devices) {
      beast::error_code ignored;
      d->socket.close(ignored);
    }
  });
  // Writes go out back to back in chunks; between chunks the loop polls for responses, so an
  // acknowledgement is timed when it arrives, not after the last request has been written.
  const size_t chunk = 64;
  double cpu0 = process_cpu_ms();
  Clock::time_point t0 = Clock::now(), sent_all;
  std::function<void(size_t)> send_from = [&](size_t begin) {
    size_t end = std::min(devices.size(), begin + chunk);
    for (size_t i = begin; i < end; ++i) {
      Device* d = devices[i].get();
      http::async_read(d->socket, d->buffer, d->response,
                       [d, &finished, &deadline, &devices](beast::error_code ec, size_t) {
                         d->acked = Clock::now();
                         d->error = ec;
                         d->done = true;
                         if (++finished == devices.size()) deadline.cancel();
                       });
      d->sent = Clock::now();
      net::async_write(d->socket, net::buffer(d->wire), [d](beast::error_code ec, size_t) {
        if (ec && !d->error) d->error = ec;
      });
    }
    if (end < devices.size())
      net::post(ioc, [&send_from, end] { send_from(end); });
    else
      sent_all = Clock::now();
  };
  send_from(0);
  ioc.run();
  double cpu_ms = process_cpu_ms() - cpu0;
  perf_control("disable");

  std::vector<double> latencies;
  latencies.reserve(devices.size());
  Clock::time_point last = t0, first = Clock::time_point::max();
  int failures = 0;
  std::string first_failure;
  for (auto& d : devices) {
    int status = d->done && !d->error ? static_cast<int>(d->response.result_int()) : 0;
    if (status != 200) {
      if (failures++ == 0)
        first_failure = d->error ? d->error.message() : "HTTP " + std::to_string(status) + " " + d->response.body();
      continue;
    }
    latencies.push_back(ms_between(d->sent, d->acked));
    last = std::max(last, d->acked);
    first = std::min(first, d->acked);
  }
  for (auto& d : devices) {
    beast::error_code ignored;
    d->socket.shutdown(tcp::socket::shutdown_both, ignored);
    d->socket.close(ignored);
  }
  server->stop();
  server_thread.join();
  server.reset();

  int64_t stored = app->store->read()->count_check_ins(sitting);
  app.reset();  // drains the ledger and closes the store
  if (failures) die(std::to_string(failures) + " check-ins failed; first: " + first_failure);
  if (stored != members)
    die("the store holds " + std::to_string(stored) + " check-ins, expected " + std::to_string(members));

  Figures f = figures_of(latencies, ms_between(t0, last));
  f.send_ms = ms_between(t0, sent_all);
  f.first_ack_ms = ms_between(t0, first);
  f.cpu_ms = cpu_ms;
  batch_stats(db, f);
  return f;
}

// ------------------------------------------------------------------ raw SQLite baseline

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    die(std::string("baseline ") + what + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    die(std::string("baseline: ") + msg + " in " + sql);
  }
}

// The ledger's group commit with nothing else: one writer thread takes everything queued (up to
// the ledger's max_batch), BEGIN IMMEDIATE, inserts, COMMIT, then acknowledges the batch.
class RawLedger {
 public:
  RawLedger(const std::string& path, size_t expected) : acked_at_(expected) {
    check(db_, sqlite3_open_v2(path.c_str(), &db_,
                               SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
          "open");
    exec(db_, "PRAGMA journal_mode=WAL");
    exec(db_, "PRAGMA synchronous=FULL");
    // plenum's check_ins table, as in src/store/sqlite/schema.sql.h.
    exec(db_,
         "CREATE TABLE check_ins(sitting_id INTEGER NOT NULL, member_id INTEGER NOT NULL, "
         "method TEXT NOT NULL, at INTEGER NOT NULL, by_user TEXT NOT NULL, "
         "PRIMARY KEY(sitting_id, member_id)) WITHOUT ROWID;"
         "CREATE INDEX check_ins_member ON check_ins(member_id);");
    check(db_, sqlite3_prepare_v3(db_, "INSERT INTO check_ins(sitting_id, member_id, method, at, by_user) "
                                       "VALUES(?,?,?,?,?)", -1, SQLITE_PREPARE_PERSISTENT, &insert_, nullptr),
          "prepare");
    thread_ = std::thread([this] { run(); });
  }
  ~RawLedger() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    sqlite3_finalize(insert_);
    sqlite3_close(db_);
  }

  void submit(size_t index, int64_t member_id) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back({index, member_id});
    }
    cv_.notify_one();
  }

  void wait_all() {
    std::unique_lock<std::mutex> lock(done_mu_);
    done_cv_.wait(lock, [&] { return acked_ == acked_at_.size(); });
  }

  const std::vector<Clock::time_point>& acked_at() const { return acked_at_; }
  int64_t commits() const { return commits_; }
  int64_t largest_batch() const { return largest_; }

 private:
  struct Item {
    size_t index;
    int64_t member_id;
  };

  void run() {
    std::vector<Item> batch;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && batch.size() < 4096) {
          batch.push_back(queue_.front());
          queue_.pop_front();
        }
      }
      int64_t now = plenum::now_micros();
      exec(db_, "BEGIN IMMEDIATE");
      for (const Item& it : batch) {
        sqlite3_bind_int64(insert_, 1, 1);
        sqlite3_bind_int64(insert_, 2, it.member_id);
        sqlite3_bind_text(insert_, 3, "desk", -1, SQLITE_STATIC);
        sqlite3_bind_int64(insert_, 4, now);
        sqlite3_bind_text(insert_, 5, "desk", -1, SQLITE_STATIC);
        check(db_, sqlite3_step(insert_), "insert");
        sqlite3_reset(insert_);
      }
      exec(db_, "COMMIT");  // durable here: WAL fsync under synchronous=FULL
      Clock::time_point t = Clock::now();
      for (const Item& it : batch) acked_at_[it.index] = t;
      ++commits_;
      largest_ = std::max<int64_t>(largest_, static_cast<int64_t>(batch.size()));
      {
        std::lock_guard<std::mutex> lock(done_mu_);
        acked_ += batch.size();
      }
      done_cv_.notify_all();
      batch.clear();
    }
  }

  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::vector<Clock::time_point> acked_at_;
  std::mutex done_mu_;
  std::condition_variable done_cv_;
  size_t acked_ = 0;
  int64_t commits_ = 0;
  int64_t largest_ = 0;
  std::thread thread_;
};

Figures run_baseline(int members, const std::string& root, bool keep) {
  TempDir dir(root, keep);
  std::string db = dir.path + "/baseline.db";
  RawLedger ledger(db, static_cast<size_t>(members));
  // Many producers released together, each submitting its share without waiting (as the
  // server's connections do), so the writer sees the burst as it arrives.
  const int producers = 16;
  std::vector<Clock::time_point> submitted(members);
  std::latch start(producers + 1);
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      start.arrive_and_wait();
      for (int i = p; i < members; i += producers) {
        submitted[i] = Clock::now();
        ledger.submit(static_cast<size_t>(i), i + 1);
      }
    });
  double cpu0 = process_cpu_ms();
  start.arrive_and_wait();
  ledger.wait_all();
  double cpu_ms = process_cpu_ms() - cpu0;
  for (auto& t : threads) t.join();

  std::vector<double> latencies;
  latencies.reserve(members);
  Clock::time_point first = submitted[0], last = ledger.acked_at()[0];
  for (int i = 0; i < members; ++i) {
    latencies.push_back(ms_between(submitted[i], ledger.acked_at()[i]));
    first = std::min(first, submitted[i]);
    last = std::max(last, ledger.acked_at()[i]);
  }
  Figures f = figures_of(latencies, ms_between(first, last));
  f.cpu_ms = cpu_ms;
  f.commits = ledger.commits();
  f.largest_batch = ledger.largest_batch();
  return f;
}

// ------------------------------------------------------------------ report

void print_row(const char* side, int run, const Figures& f) {
  std::printf("%-9s run %d  wall %8.1f ms  rate %9.0f /s  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms"
              "  commits %4lld  largest batch %5lld",
              side, run, f.wall_ms, f.rate, f.p50, f.p90, f.p99, f.max, static_cast<long long>(f.commits),
              static_cast<long long>(f.largest_batch));
  std::printf("  cpu %.0f ms", f.cpu_ms);
  if (f.send_ms > 0) std::printf("  (all sent after %.1f ms, first ack at %.1f ms)", f.send_ms, f.first_ack_ms);
  std::printf("\n");
  std::fflush(stdout);
}

Figures medians(const std::vector<Figures>& runs) {
  auto pick = [&](auto field) {
    std::vector<double> v;
    for (const auto& f : runs) v.push_back(static_cast<double>(f.*field));
    return median(v);
  };
  Figures m;
  m.wall_ms = pick(&Figures::wall_ms);
  m.rate = pick(&Figures::rate);
  m.p50 = pick(&Figures::p50);
  m.p90 = pick(&Figures::p90);
  m.p99 = pick(&Figures::p99);
  m.max = pick(&Figures::max);
  m.commits = static_cast<int64_t>(pick(&Figures::commits));
  m.largest_batch = static_cast<int64_t>(pick(&Figures::largest_batch));
  m.send_ms = pick(&Figures::send_ms);
  m.first_ack_ms = pick(&Figures::first_ack_ms);
  m.cpu_ms = pick(&Figures::cpu_ms);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  int members = 3000;
  int runs = 3;
  std::string only, dir_arg;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--runs") runs = std::atoi(value().c_str());
    else if (a == "--only") only = value();
    else if (a == "--dir") dir_arg = value();
    else if (a == "--keep") keep = true;
    else if (a == "-h" || a == "--help") {
      std::printf("usage: %s [members=3000] [--runs 3] [--only plenum|baseline] [--dir PATH] [--keep]\n", argv[0]);
      return 0;
    } else if (!a.empty() && a.find_first_not_of("0123456789") == std::string::npos) members = std::atoi(a.c_str());
    else die("unknown argument " + a);
  }
  if (members < 1 || members > 9999) die("members must be 1..9999 (seats are S0001..S9999)");
  if (runs < 1) die("--runs must be at least 1");
  if (!only.empty() && only != "plenum" && only != "baseline") die("--only plenum|baseline");

  raise_fd_limit(members);
  std::string root = pick_root(dir_arg);
  auto [fsync_p50, fsync_p99] = fsync_probe(root);
  std::printf("check-in burst: %d members, %d runs per side, databases under %s (%s), %u cpus\n", members, runs,
              root.c_str(), filesystem_type(root).c_str(), std::thread::hardware_concurrency());
  std::printf("fsync probe (4 KiB pwrite + fdatasync): p50 %.2f ms, p99 %.2f ms\n", fsync_p50, fsync_p99);
  std::fflush(stdout);

  std::vector<Figures> plenum_runs, baseline_runs;
  for (int r = 1; r <= runs; ++r) {
    if (only != "baseline") {
      plenum_runs.push_back(run_plenum(members, root, keep, r));
      print_row("plenum", r, plenum_runs.back());
    }
    if (only != "plenum") {
      baseline_runs.push_back(run_baseline(members, root, keep));
      print_row("baseline", r, baseline_runs.back());
    }
  }

  std::printf("\nmedians of %d runs (%d check-ins each; latencies in ms)\n", runs, members);
  std::printf("| side | wall ms | rate /s | p50 | p90 | p99 | max | commits | largest batch |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  auto table_row = [](const char* side, const Figures& m) {
    std::printf("| %s | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %lld | %lld |\n", side, m.wall_ms, m.rate, m.p50,
                m.p90, m.p99, m.max, static_cast<long long>(m.commits), static_cast<long long>(m.largest_batch));
  };
  Figures mp, mb;
  if (!plenum_runs.empty()) table_row("plenum (HTTP)", mp = medians(plenum_runs));
  if (!baseline_runs.empty()) table_row("raw SQLite baseline", mb = medians(baseline_runs));
  if (!plenum_runs.empty() && !baseline_runs.empty()) {
    std::printf("\nplenum rate / baseline rate: %.3f (%.1f%%; target >= 50%%)", mp.rate / mb.rate,
                100 * mp.rate / mb.rate);
    std::printf("  per run:");
    for (size_t i = 0; i < plenum_runs.size(); ++i)
      std::printf(" %.3f", plenum_runs[i].rate / baseline_runs[i].rate);
    std::printf("\n");
  }
  if (!plenum_runs.empty())
    std::printf("plenum p99 %.1f ms (target <= 50 ms): %s\n", mp.p99, mp.p99 <= 50 ? "met" : "MISSED");
  return 0;
}
