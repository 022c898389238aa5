// Check-in burst: N members (default 3,000) check in to one sitting in one burst, each over its
// own HTTP connection to an in-process plenum server, compared in the same run with raw SQLite
// baselines with the same durability (WAL, synchronous=FULL, one writer thread committing in
// groups the way the ledger does):
//   baseline  one check_ins row per check-in (the baseline the issue names);
//   rows      the rows plenum's ledger writes per check-in (event with its hash-chain link,
//             check_ins row, requests row), in plenum's own schema, without savepoints.
// A diagnostic row (ledger) submits the same check-ins straight to the ledger, no HTTP. A paced
// row (paced) sends the same requests over the same pre-opened connections at a steady --rate,
// as members reaching desks over minutes would, to show latency when the system is not saturated.
//
//   plenum_bench [members] [--runs R] [--rate 600] [--only plenum,ledger,baseline,rows,paced]
//                [--dir PATH] [--keep]
//
// Each side runs R times (default 3) on fresh databases, interleaved, and the medians are
// reported, because the machines we run on are shared and noisy. Figures go to
// docs/BENCHMARKS.md. This is a benchmark, not a test: it checks correctness (every response
// 200, exactly N check-ins stored, the baseline's chain verifies) and measures; it asserts no
// timing.
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>
#include <utility>  // before Asio (DESIGN.md section 9)

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
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
#include <linux/magic.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <thread>
#include <vector>

#include "app/app.h"
#include "attendance/tables.h"
#include "base/json.h"
#include "base/text.h"
#include "bench_support.h"
#include "demo/skeleton.h"
#include "ledger/chain.h"
#include "load_client.h"
#include "server/server.h"
#include "store/store.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using plenum::Json;
using plenum::bench::act;
using plenum::bench::Clock;
using plenum::bench::die;
using plenum::bench::filesystem_type;
using plenum::bench::fsync_probe;
using plenum::bench::median;
using plenum::bench::ms_between;
using plenum::bench::percentile;
using plenum::bench::pick_root;

struct Figures {
  double wall_ms = 0;                         // first send (submit) to last acknowledgement
  double rate = 0;                            // check-ins per second over wall_ms
  double p50 = 0, p90 = 0, p99 = 0, max = 0;  // acknowledgement latency, ms
  double send_ms = 0;                         // plenum: the client thread issuing every write
  double first_ack_ms = 0;                    // first acknowledgement after the burst began
  double client_lag_ms = 0;                   // paced: worst delay of a write behind its due time
  double cpu_ms = 0;                          // process CPU (user + system, all threads) during the burst
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

}  // namespace

[[noreturn]] void plenum::bench::die(const std::string& what) {
  std::cerr << "plenum_bench: " << what << "\n";
  std::exit(1);
}

namespace {

// ------------------------------------------------------------------ environment

// Group commits that carried check-ins: the ledger stamps every event of a batch with the same
// time, so distinct check-in times are distinct commits.
void batch_stats(const std::string& db_path, Figures& f) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return;
  }
  sqlite3_stmt* st = nullptr;
  const char* sql = "SELECT count(*), max(c) FROM (SELECT count(*) AS c FROM check_ins GROUP BY at)";
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
  if (::write(fd, line.data(), line.size()) < 0) {
  }
  ::close(fd);
  if (!ack) return;
  int afd = ::open(ack, O_RDONLY);
  if (afd < 0) return;
  char buf[8];
  if (::read(afd, buf, sizeof buf) < 0) {
  }
  ::close(afd);
}

double process_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + t.tv_usec / 1000.0; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

// ------------------------------------------------------------------ plenum side

const char* kBody = "t";

// Seats as demo::seed_skeleton numbers them (members <= 9999: four digits).
std::string seat_of(int i) { return plenum::demo::skeleton_seat(i, 1); }

// demo::seed_skeleton's body `t` (npc rulebook) with N members and one plenary sitting, and a
// secretariat account "desk". Returns the sitting id.
int64_t seed(plenum::app::App& app, int members) {
  plenum::demo::SkeletonSpec spec;
  spec.body = kBody;
  spec.members = members;
  auto skeleton = plenum::demo::seed_skeleton(*app.ledger, *app.store, spec);
  if (!skeleton) die("seed: " + skeleton.error().message_en);
  int64_t sitting = skeleton->sitting_id;
  act(app, "accounts.create",
      Json{{"username", "desk"},
           {"password", "password-123"},
           {"display_name", "签到台"},
           {"roles", Json::array({Json{{"body", kBody}, {"role", "secretariat"}}})}});
  return sitting;
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

// rate == 0: the burst. rate > 0: paced arrival, `rate` requests started per second over the same
// pre-opened connections.
Figures run_plenum(int members, const std::string& root, bool keep, int run, double rate) {
  plenum::bench::TempDir dir(root, keep, "plenum-bench");
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
  plenum::bench::Credentials session = plenum::bench::sign_in(port, "desk", "password-123", "", 10).session;

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
  size_t connected = 0;
  plenum::bench::windowed(ioc, devices.size(), 256, [&](size_t i, std::function<void()> next) {
    Device* d = devices[i].get();
    d->socket.async_connect(endpoint, [d, &connected, next](beast::error_code ec) {
      if (ec) die("connect: " + ec.message());
      d->socket.set_option(tcp::no_delay(true));
      ++connected;
      next();
    });
  });
  ioc.run();
  if (connected != devices.size()) die("not every device connected");
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
  double cpu0 = process_cpu_ms();
  Clock::time_point t0 = Clock::now(), sent_all;
  auto send = [&](Device* d) {
    http::async_read(d->socket, d->buffer, d->response,
                     [d, &finished, &deadline, &devices](beast::error_code ec, size_t) {
                       d->acked = Clock::now();
                       d->error = ec;
                       d->done = true;
                       if (++finished == devices.size()) deadline.cancel();
                     });
    net::async_write(d->socket, net::buffer(d->wire), [d](beast::error_code ec, size_t) {
      if (ec && !d->error) d->error = ec;
    });
  };
  // Burst: writes go out back to back in chunks; between chunks the loop polls for responses, so
  // an acknowledgement is timed when it arrives, not after the last request has been written.
  const size_t chunk = 64;
  std::function<void(size_t)> send_from = [&](size_t begin) {
    size_t end = std::min(devices.size(), begin + chunk);
    for (size_t i = begin; i < end; ++i) {
      devices[i]->sent = Clock::now();
      send(devices[i].get());
    }
    if (end < devices.size())
      net::post(ioc, [&send_from, end] { send_from(end); });
    else
      sent_all = Clock::now();
  };
  // Paced: request i is due at t0 + i / rate. A timer wakes the client for the next due request
  // and it sends everything due by then. Latency counts from the due time, not from the actual
  // write, so a client that falls behind cannot hide queueing (no coordinated omission).
  net::steady_timer pace(ioc);
  size_t next = 0;
  double lag_ms = 0;  // worst delay of an actual write behind its due time
  auto due = [&](size_t i) {
    return t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(i / rate));
  };
  std::function<void()> tick = [&] {
    Clock::time_point now = Clock::now();
    while (next < devices.size() && due(next) <= now) {
      Device* d = devices[next].get();
      d->sent = due(next++);
      lag_ms = std::max(lag_ms, ms_between(d->sent, now));
      send(d);
    }
    if (next < devices.size()) {
      pace.expires_at(due(next));
      pace.async_wait([&tick](beast::error_code ec) {
        if (!ec) tick();
      });
    } else {
      sent_all = Clock::now();
    }
  };
  if (rate > 0)
    tick();
  else
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

  int64_t stored = plenum::attendance::tables::count_check_ins(*app->store->read(), sitting);
  app.reset();  // drains the ledger and closes the store
  if (failures) die(std::to_string(failures) + " check-ins failed; first: " + first_failure);
  if (stored != members)
    die("the store holds " + std::to_string(stored) + " check-ins, expected " + std::to_string(members));

  Figures f = figures_of(latencies, ms_between(t0, last));
  f.send_ms = ms_between(t0, sent_all);
  f.first_ack_ms = ms_between(t0, first);
  f.client_lag_ms = lag_ms;
  f.cpu_ms = cpu_ms;
  batch_stats(db, f);
  return f;
}

// ------------------------------------------------------------------ plenum ledger, no HTTP

// Diagnostic middle row: the same check-ins (same actor, args and request ids) submitted straight
// to the ledger from many producer threads, as the baseline does. plenum minus this row is the
// cost of HTTP, sessions and JSON on the wire; this row minus the baseline is the cost of the
// ledger itself (validation, hash chain, projections, idempotency records, acks, publishing).
Figures run_ledger_direct(int members, const std::string& root, bool keep, int run) {
  plenum::bench::TempDir dir(root, keep, "plenum-bench");
  std::string db = dir.path + "/plenum.db";
  auto opened = plenum::app::open(db);
  if (!opened) die("open: " + opened.error().message_en);
  std::unique_ptr<plenum::app::App> app = std::move(*opened);
  int64_t sitting = seed(*app, members);

  std::vector<plenum::ledger::ActionRequest> requests(members);
  for (int i = 0; i < members; ++i) {
    requests[i].action = "attendance.check_in";
    requests[i].args = Json{{"sitting_id", sitting}, {"seat", seat_of(i + 1)}};
    requests[i].actor = "desk";
    requests[i].request_id = "direct-" + std::to_string(run) + "-" + seat_of(i + 1);
  }
  std::vector<Clock::time_point> submitted(members), acked(members);
  std::atomic<int> failures{0};
  std::mutex done_mu;
  std::condition_variable done_cv;
  int done = 0;
  const int producers = 16;
  std::latch start(producers + 1);
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      start.arrive_and_wait();
      for (int i = p; i < members; i += producers) {
        submitted[i] = Clock::now();
        app->ledger->submit(std::move(requests[i]), [&, i](plenum::Result<plenum::ledger::Ack> r) {
          acked[i] = Clock::now();
          if (!r) failures++;
          std::lock_guard<std::mutex> lock(done_mu);
          if (++done == members) done_cv.notify_all();
        });
      }
    });
  double cpu0 = process_cpu_ms();
  start.arrive_and_wait();
  {
    std::unique_lock<std::mutex> lock(done_mu);
    done_cv.wait(lock, [&] { return done == members; });
  }
  double cpu_ms = process_cpu_ms() - cpu0;
  for (auto& t : threads) t.join();

  int64_t stored = plenum::attendance::tables::count_check_ins(*app->store->read(), sitting);
  app.reset();
  if (failures) die(std::to_string(failures.load()) + " direct check-ins failed");
  if (stored != members)
    die("the store holds " + std::to_string(stored) + " check-ins, expected " + std::to_string(members));
  std::vector<double> latencies;
  Clock::time_point first = submitted[0], last = acked[0];
  for (int i = 0; i < members; ++i) {
    latencies.push_back(ms_between(submitted[i], acked[i]));
    first = std::min(first, submitted[i]);
    last = std::max(last, acked[i]);
  }
  Figures f = figures_of(latencies, ms_between(first, last));
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
// the ledger's max_batch), BEGIN IMMEDIATE, writes, COMMIT, then acknowledges the batch. No
// savepoints, no validation, no reads but the chain head.
//
// kSingleRow: one INSERT into check_ins per check-in (the baseline the issue names).
// kSameRows:  the rows plenum's ledger writes for one check-in, in plenum's own schema (every
//   feature's slice, every table and trigger): an `events` row with its SHA-256 chain link computed on the writer
//   thread by plenum's own ledger::event_hash, as the ledger does; a `check_ins` row; a `requests`
//   row whose args_hash (SHA-256 of the canonical args) the producer computes before submitting,
//   as Ledger::submit does on the caller's thread. JSON strings are formatted with snprintf.
class RawLedger {
 public:
  enum class Mode { kSingleRow, kSameRows };

  RawLedger(const std::string& path, size_t expected, Mode mode, int64_t prior_events, int run_number)
      : mode_(mode), run_(run_number), acked_at_(expected) {
    if (mode_ == Mode::kSameRows) {
      // plenum's own schema, every feature's slice, created by plenum's store (which also
      // registers the Chinese tokenizer its full-text tables need) and closed again.
      auto store = plenum::store::open_sqlite_store(path, plenum::app::make_registry().slices());
      if (!store) die("baseline schema: " + store.error().message_en);
    }
    check(
        db_,
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
        "open");
    exec(db_, "PRAGMA journal_mode=WAL");
    exec(db_, "PRAGMA synchronous=FULL");
    if (mode_ == Mode::kSingleRow) {
      // plenum's check_ins table, as in src/attendance/tables.cpp.
      exec(db_,
           "CREATE TABLE check_ins(sitting_id INTEGER NOT NULL, member_id INTEGER NOT NULL, "
           "method TEXT NOT NULL, at INTEGER NOT NULL, by_user TEXT NOT NULL, "
           "PRIMARY KEY(sitting_id, member_id)) WITHOUT ROWID;"
           "CREATE INDEX check_ins_member ON check_ins(member_id);");
    } else {
      prepare(&event_,
              "INSERT INTO events(body, seq, type, actor, at, request_id, payload, prev_hash, hash) "
              "VALUES(?,?,?,?,?,?,?,?,?)");
      prepare(&request_, "INSERT INTO requests(request_id, actor, action, args_hash, response) VALUES(?,?,?,?,?)");
      prepare(&head_, "SELECT seq, hash FROM events WHERE body = ? ORDER BY seq DESC LIMIT 1");
      seed_chain(prior_events);
    }
    prepare(&insert_, "INSERT INTO check_ins(sitting_id, member_id, method, at, by_user) VALUES(?,?,?,?,?)");
    thread_ = std::thread([this] { run(); });
  }
  ~RawLedger() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    for (sqlite3_stmt* st : {insert_, event_, request_, head_}) sqlite3_finalize(st);
    sqlite3_close(db_);
  }

  // Called on the producer's thread, like Ledger::submit (kSameRows hashes the args here).
  void submit(size_t index, int64_t member_id) {
    Item item{index, member_id, {}};
    if (mode_ == Mode::kSameRows) {
      char args[64];
      std::snprintf(args, sizeof args, "{\"seat\":\"%s\",\"sitting_id\":1}",
                    seat_of(static_cast<int>(member_id)).c_str());
      item.args_hash = plenum::sha256_hex(args);
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(std::move(item));
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

  // After the run: rows written, and the chain checked link by link with plenum's event_hash.
  void verify(int64_t members, int64_t prior_events) {
    auto count = [&](const char* sql) {
      sqlite3_stmt* st = nullptr;
      check(db_, sqlite3_prepare_v2(db_, sql, -1, &st, nullptr), "prepare count");
      check(db_, sqlite3_step(st), "count");
      int64_t n = sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
      return n;
    };
    if (count("SELECT count(*) FROM check_ins") != members) die("baseline: wrong number of check_ins rows");
    if (mode_ == Mode::kSingleRow) return;
    if (count("SELECT count(*) FROM requests") != members) die("baseline: wrong number of requests rows");
    if (count("SELECT count(*) FROM events") != members + prior_events) die("baseline: wrong number of events");
    sqlite3_stmt* st = nullptr;
    check(db_,
          sqlite3_prepare_v2(db_,
                             "SELECT body, seq, type, actor, at, request_id, payload, prev_hash, hash "
                             "FROM events ORDER BY seq",
                             -1, &st, nullptr),
          "prepare verify");
    std::string prev = plenum::ledger::kGenesisHash;
    int64_t seq = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
      auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c))); };
      plenum::store::EventRecord e;
      e.body = text(0);
      e.seq = sqlite3_column_int64(st, 1);
      e.type = text(2);
      e.actor = text(3);
      e.at = sqlite3_column_int64(st, 4);
      e.request_id = text(5);
      e.payload = text(6);
      e.prev_hash = text(7);
      if (e.seq != ++seq || e.prev_hash != prev || plenum::ledger::event_hash(e) != text(8))
        die("baseline: broken chain at seq " + std::to_string(e.seq));
      prev = text(8);
    }
    sqlite3_finalize(st);
  }

 private:
  struct Item {
    size_t index;
    int64_t member_id;
    std::string args_hash;
  };

  void prepare(sqlite3_stmt** st, const char* sql) {
    check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, st, nullptr), "prepare");
  }

  static void bind(sqlite3_stmt* st, int i, const std::string& s) {
    sqlite3_bind_text(st, i, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
  }

  void step(sqlite3_stmt* st, const char* what) {
    check(db_, sqlite3_step(st), what);
    sqlite3_reset(st);
  }

  // plenum's store holds the seeding events (body, term, session, units, members, sitting,
  // account) before the burst; write as many chain links first, untimed, so both chains and
  // B-trees start the burst at the same size.
  void seed_chain(int64_t prior) {
    exec(db_, "BEGIN IMMEDIATE");
    std::string prev = plenum::ledger::kGenesisHash;
    for (int64_t seq = 1; seq <= prior; ++seq) {
      plenum::store::EventRecord e;
      e.body = kBody;
      e.seq = seq;
      e.type = "assembly.member_added";
      e.actor = "system";
      e.at = plenum::now_micros();
      e.payload = "{\"seed\":" + std::to_string(seq) + "}";
      e.prev_hash = prev;
      e.hash = plenum::ledger::event_hash(e);
      append(e);
      prev = e.hash;
    }
    exec(db_, "COMMIT");
  }

  void append(const plenum::store::EventRecord& e) {
    bind(event_, 1, e.body);
    sqlite3_bind_int64(event_, 2, e.seq);
    bind(event_, 3, e.type);
    bind(event_, 4, e.actor);
    sqlite3_bind_int64(event_, 5, e.at);
    bind(event_, 6, e.request_id);
    bind(event_, 7, e.payload);
    bind(event_, 8, e.prev_hash);
    bind(event_, 9, e.hash);
    step(event_, "insert event");
  }

  void run() {
    std::vector<Item> batch;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty() && stopping_) return;
        while (!queue_.empty() && batch.size() < 4096) {
          batch.push_back(std::move(queue_.front()));
          queue_.pop_front();
        }
      }
      int64_t now = plenum::now_micros();
      exec(db_, "BEGIN IMMEDIATE");
      if (mode_ == Mode::kSingleRow) {
        for (const Item& it : batch) {
          sqlite3_bind_int64(insert_, 1, 1);
          sqlite3_bind_int64(insert_, 2, it.member_id);
          sqlite3_bind_text(insert_, 3, "desk", -1, SQLITE_STATIC);
          sqlite3_bind_int64(insert_, 4, now);
          sqlite3_bind_text(insert_, 5, "desk", -1, SQLITE_STATIC);
          step(insert_, "insert");
        }
      } else {
        write_same_rows(batch, now);
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

  // One check-in as the ledger writes it: event (with its chain link), projection, request outcome.
  void write_same_rows(const std::vector<Item>& batch, int64_t now) {
    // The chain head, read once per batch (the ledger caches heads per batch too).
    plenum::store::EventRecord e;
    e.body = kBody;
    e.type = "attendance.checked_in";
    e.actor = "desk";
    e.at = now;
    bind(head_, 1, e.body);
    if (sqlite3_step(head_) == SQLITE_ROW) {
      e.seq = sqlite3_column_int64(head_, 0);
      e.prev_hash = reinterpret_cast<const char*>(sqlite3_column_text(head_, 1));
    } else {
      e.prev_hash = plenum::ledger::kGenesisHash;
    }
    sqlite3_reset(head_);
    char buf[160];
    for (const Item& it : batch) {
      std::string seat = seat_of(static_cast<int>(it.member_id));
      e.seq += 1;
      e.request_id = "rows-" + std::to_string(run_) + "-" + seat;
      std::snprintf(buf, sizeof buf, "{\"member_id\":%lld,\"method\":\"desk\",\"sitting_id\":1}",
                    static_cast<long long>(it.member_id));
      e.payload = buf;
      e.hash = plenum::ledger::event_hash(e);
      append(e);
      e.prev_hash = std::move(e.hash);

      sqlite3_bind_int64(insert_, 1, 1);
      sqlite3_bind_int64(insert_, 2, it.member_id);
      sqlite3_bind_text(insert_, 3, "desk", -1, SQLITE_STATIC);
      sqlite3_bind_int64(insert_, 4, now);
      sqlite3_bind_text(insert_, 5, "desk", -1, SQLITE_STATIC);
      step(insert_, "insert check_in");

      std::snprintf(buf, sizeof buf,
                    "{\"member_id\":%lld,\"method\":\"desk\",\"name\":\"成员%lld\",\"seat\":\"%s\",\"sitting_id\":1}",
                    static_cast<long long>(it.member_id), static_cast<long long>(it.member_id), seat.c_str());
      std::string response = buf;
      bind(request_, 1, e.request_id);
      sqlite3_bind_text(request_, 2, "desk", -1, SQLITE_STATIC);
      sqlite3_bind_text(request_, 3, "attendance.check_in", -1, SQLITE_STATIC);
      bind(request_, 4, it.args_hash);
      bind(request_, 5, response);
      step(request_, "insert request");
    }
  }

  Mode mode_;
  int run_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* event_ = nullptr;
  sqlite3_stmt* request_ = nullptr;
  sqlite3_stmt* head_ = nullptr;
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

// Events in plenum's store before the burst: body, term, session, two units, N members, sitting,
// account (see seed()).
int64_t seeded_events(int members) { return members + 7; }

Figures run_baseline(int members, const std::string& root, bool keep, RawLedger::Mode mode, int run) {
  plenum::bench::TempDir dir(root, keep, "plenum-bench");
  std::string db = dir.path + "/baseline.db";
  RawLedger ledger(db, static_cast<size_t>(members), mode, seeded_events(members), run);
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
  ledger.verify(members, seeded_events(members));

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
  std::printf(
      "%-8s run %d  wall %8.1f ms  rate %9.0f /s  p50 %7.1f  p90 %7.1f  p99 %7.1f  max %7.1f ms"
      "  commits %4lld  largest batch %5lld",
      side, run, f.wall_ms, f.rate, f.p50, f.p90, f.p99, f.max, static_cast<long long>(f.commits),
      static_cast<long long>(f.largest_batch));
  std::printf("  cpu %.0f ms", f.cpu_ms);
  if (f.send_ms > 0) std::printf("  (all sent after %.1f ms, first ack at %.1f ms)", f.send_ms, f.first_ack_ms);
  if (f.client_lag_ms > 0) std::printf("  (client lag max %.2f ms)", f.client_lag_ms);
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
  m.client_lag_ms = pick(&Figures::client_lag_ms);
  m.cpu_ms = pick(&Figures::cpu_ms);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  int members = 3000;
  int runs = 3;
  double rate = 600;
  std::string only, dir_arg;
  bool keep = false;
  const char* usage =
      "usage: plenum_bench [members=3000] [--runs 3] [--rate 600] [--only plenum,ledger,baseline,rows,paced]\n"
      "                    [--dir PATH] [--keep]\n"
      "  plenum    burst over HTTP          ledger    burst straight to the ledger (diagnostic)\n"
      "  baseline  raw SQLite, one row      rows      raw SQLite, the same rows as plenum\n"
      "  paced     plenum over HTTP, --rate requests started per second\n";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--runs")
      runs = std::atoi(value().c_str());
    else if (a == "--rate")
      rate = std::atof(value().c_str());
    else if (a == "--only")
      only = value();
    else if (a == "--dir")
      dir_arg = value();
    else if (a == "--keep")
      keep = true;
    else if (a == "-h" || a == "--help") {
      std::printf("%s", usage);
      return 0;
    } else if (!a.empty() && a.find_first_not_of("0123456789") == std::string::npos)
      members = std::atoi(a.c_str());
    else
      die("unknown argument " + a + "\n" + usage);
  }
  if (members < 1 || members > 9999) die("members must be 1..9999 (seats are S0001..S9999)");
  if (runs < 1) die("--runs must be at least 1");
  if (!(rate > 0)) die("--rate must be positive");
  const char* sides[] = {"plenum", "ledger", "baseline", "rows", "paced"};
  auto wanted = [&](const std::string& side) {
    if (only.empty()) return true;
    std::string list = "," + only + ",";
    return list.find("," + side + ",") != std::string::npos;
  };
  if (std::none_of(std::begin(sides), std::end(sides), wanted)) die(std::string("--only: unknown side\n") + usage);
  if (sodium_init() < 0) die("sodium_init failed");

  // One process holds both ends of every connection, plus SQLite's files.
  plenum::bench::raise_fd_limit(static_cast<size_t>(members) * 2 + 256);
  std::string root = pick_root(dir_arg);
  auto [fsync_p50, fsync_p99] = fsync_probe(root);
  std::printf("check-in burst: %d members, %d runs per side, paced rate %.0f/s, databases under %s (%s), %u cpus\n",
              members, runs, rate, root.c_str(), filesystem_type(root).c_str(), std::thread::hardware_concurrency());
  std::printf("fsync probe (4 KiB pwrite + fdatasync): p50 %.2f ms, p99 %.2f ms\n", fsync_p50, fsync_p99);
  std::fflush(stdout);

  std::vector<Figures> plenum_runs, ledger_runs, baseline_runs, rows_runs, paced_runs;
  for (int r = 1; r <= runs; ++r) {
    if (wanted("plenum")) {
      plenum_runs.push_back(run_plenum(members, root, keep, r, 0));
      print_row("plenum", r, plenum_runs.back());
    }
    if (wanted("ledger")) {
      ledger_runs.push_back(run_ledger_direct(members, root, keep, r));
      print_row("ledger", r, ledger_runs.back());
    }
    if (wanted("baseline")) {
      baseline_runs.push_back(run_baseline(members, root, keep, RawLedger::Mode::kSingleRow, r));
      print_row("baseline", r, baseline_runs.back());
    }
    if (wanted("rows")) {
      rows_runs.push_back(run_baseline(members, root, keep, RawLedger::Mode::kSameRows, r));
      print_row("rows", r, rows_runs.back());
    }
    if (wanted("paced")) {
      paced_runs.push_back(run_plenum(members, root, keep, r, rate));
      print_row("paced", r, paced_runs.back());
    }
  }

  std::printf("\nmedians of %d runs (%d check-ins each; latencies in ms)\n", runs, members);
  std::printf(
      "| side | wall ms | rate /s | p50 | p90 | p99 | max | CPU ms (µs per check-in) | commits | largest batch |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  auto table_row = [members](const std::string& side, const Figures& m) {
    std::printf("| %s | %.1f | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f (%.0f) | %lld | %lld |\n", side.c_str(),
                m.wall_ms, m.rate, m.p50, m.p90, m.p99, m.max, m.cpu_ms, 1000.0 * m.cpu_ms / members,
                static_cast<long long>(m.commits), static_cast<long long>(m.largest_batch));
  };
  Figures mp, ml, mb, mr, mpaced;
  if (!plenum_runs.empty()) table_row("burst: plenum over HTTP", mp = medians(plenum_runs));
  if (!ledger_runs.empty()) table_row("burst: plenum ledger, no HTTP (diagnostic)", ml = medians(ledger_runs));
  if (!baseline_runs.empty()) table_row("burst: raw SQLite, single row", mb = medians(baseline_runs));
  if (!rows_runs.empty()) table_row("burst: raw SQLite, same rows", mr = medians(rows_runs));
  if (!paced_runs.empty()) {
    char name[64];
    std::snprintf(name, sizeof name, "paced %.0f/s: plenum over HTTP", rate);
    table_row(name, mpaced = medians(paced_runs));
  }
  // Ratios of medians, and per run (runs are interleaved, so run i of both sides saw similar
  // machine conditions).
  auto ratio = [&](const char* name, const std::vector<Figures>& a, const Figures& ma, const char* base_name,
                   const std::vector<Figures>& b, const Figures& mbase) {
    if (a.empty() || b.empty()) return;
    std::printf("%-7s / %-24s rate: %.3f (%.1f%%)  per run:", name, base_name, ma.rate / mbase.rate,
                100 * ma.rate / mbase.rate);
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) std::printf(" %.3f", a[i].rate / b[i].rate);
    std::printf("\n");
  };
  std::printf("\n");
  ratio("plenum", plenum_runs, mp, "raw SQLite, single row", baseline_runs, mb);
  ratio("plenum", plenum_runs, mp, "raw SQLite, same rows", rows_runs, mr);
  ratio("ledger", ledger_runs, ml, "raw SQLite, single row", baseline_runs, mb);
  ratio("ledger", ledger_runs, ml, "raw SQLite, same rows", rows_runs, mr);
  ratio("rows", rows_runs, mr, "raw SQLite, single row", baseline_runs, mb);
  if (!plenum_runs.empty() && !baseline_runs.empty())
    std::printf("target: plenum >= 50%% of raw SQLite, single row: %s\n", mp.rate >= 0.5 * mb.rate ? "met" : "MISSED");
  if (!plenum_runs.empty() && !rows_runs.empty())
    std::printf("target: plenum >= 50%% of raw SQLite, same rows:  %s\n", mp.rate >= 0.5 * mr.rate ? "met" : "MISSED");
  if (!plenum_runs.empty())
    std::printf("target: p99 <= 50 ms, burst: %s (%.1f ms)\n", mp.p99 <= 50 ? "met" : "MISSED", mp.p99);
  if (!paced_runs.empty())
    std::printf("target: p99 <= 50 ms, paced %.0f/s: %s (%.1f ms)\n", rate, mpaced.p99 <= 50 ? "met" : "MISSED",
                mpaced.p99);
  return 0;
}
