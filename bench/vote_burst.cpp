// Vote burst: N members (default 2,956 and 10,000) each cast an anonymous vote over their own
// HTTP connection within one second while each watches the body's live channel over their own
// WebSocket; then the presiding officer closes the poll and the result (the voting.poll_closed
// event) must reach every screen. In the same invocation, two baselines:
//   sqlite  raw SQLite group-commit inserts of the same votes (a ballot row and a voter row per
//           vote, plenum's schema, WAL, synchronous=FULL, one writer thread);
//   ws      a plain Node.js `ws` server (bench/ws-baseline/server.js) broadcasting a message of
//           the same bytes as plenum's poll_closed message to the same number of clients,
//           connected and timed by the same client code.
// And memory: the resident memory the server gains per idle connected WebSocket client. A
// diagnostic side, after, runs the plenum scenario with the screens connected only once every
// vote is in (the votes without the live fan-out, the close with it). The side attack runs the
// plenum scenario while bench/attacker.cpp, another process on other loopback addresses, holds
// connections, floods sign-ins and sends bodies that never fit. In plenum and attack, one member
// signs in (password and Argon2id, retrying on 429 as Retry-After says) between the votes and
// the close.
//
//   plenum_vote_bench [--members 2956,10000] [--runs 3] [--only plenum,after,attack,sqlite,ws,memory]
//                     [--spread-ms 1000[,0]] [--cast-conn auto|keepalive|connect]
//                     [--client-threads 2] [--server-threads 2] [--no-quickack] [--dir PATH] [--keep]
//                     [--cast-timeout 120]
//
// The server is the real `plenum serve` binary in a child process, so its CPU and memory are
// measured apart from the clients' (same machine, same cores). Why not in-process: this
// machine's hard limit on open files is 20,000 per process, and 10,000 members with a WebSocket
// each already take 10,000 descriptors on each side.
//
// How members cast (--cast-conn):
//   keepalive  every member's HTTP connection is opened before the burst and the vote is sent on
//              it; needs 2N descriptors in the server and in the client.
//   connect    each member opens its HTTP connection when it votes (connect, POST, read the
//              acknowledgement, close); the latency includes the TCP connect and accept.
//   auto       keepalive if 2N fits under the descriptor limit, else connect (N = 10,000).
// Arrival (--spread-ms): member i's vote is due at i * spread / N after the start, and its
// latency counts from that due time (no coordinated omission); 0 sends all back to back.
// --cast-timeout: a vote phase not finished after that many seconds (checked every 10 s) is
// reported as not finished, with how many votes were acknowledged, instead of being waited for.
//
// Each side runs R times (default 3), interleaved, on copies of one seeded database per N, and
// medians are reported (the machines are shared and noisy). Figures go to docs/BENCHMARKS.md.
// This is a benchmark, not a test: it checks correctness (every vote acknowledged 200 with its
// choice, N voters and the right totals in the store, every client's result message complete
// with the right totals, every member's ballot in the sealed box) and measures; it asserts no
// timing.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <sqlite3.h>
#include <unistd.h>
#include <utility>  // before Asio (DESIGN.md section 9)

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <latch>
#include <linux/magic.h>
#include <map>
#include <memory>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/resource.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

#include "accounts/accounts.h"
#include "app/app.h"
#include "assembly/tables.h"
#include "base/json.h"
#include "base/text.h"
#include "bench_support.h"
#include "demo/skeleton.h"
#include "ledger/ledger.h"
#include "load_client.h"
#include "rules/rulebook.h"
#include "server/server.h"
#include "store/sql.h"
#include "voting/tables.h"
#include "voting/voting.h"

extern char** environ;

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using plenum::Json;
using plenum::bench::act;
using plenum::bench::ClientPool;
using plenum::bench::Clock;
using plenum::bench::ControlClient;
using plenum::bench::die;
using plenum::bench::filesystem_type;
using plenum::bench::fsync_probe;
using plenum::bench::median;
using plenum::bench::ms_between;
using plenum::bench::percentile;
using plenum::bench::pick_root;
using plenum::bench::raise_fd_limit;
using plenum::bench::sign_in;
using plenum::bench::SignIn;
using plenum::bench::windowed;

void kill_children();

}  // namespace

// Client threads may still be running: leave without running destructors, but take the
// children (server, node) down first.
[[noreturn]] void plenum::bench::die(const std::string& what) {
  std::fflush(stdout);
  std::cerr << "plenum_vote_bench: " << what << "\n";
  kill_children();
  std::_Exit(1);
}

namespace {

// Waits until pred() holds or `seconds` pass; false on timeout. Polls: the clients time
// themselves, so the waiting thread's granularity does not enter any figure.
template <class Pred>
bool wait_for(Pred pred, double seconds) {
  auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  while (!pred()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// ------------------------------------------------------------------ environment

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Resident set of a process, KiB (/proc/PID/status VmRSS).
int64_t rss_kib(pid_t pid) {
  std::string s = slurp("/proc/" + std::to_string(pid) + "/status");
  auto p = s.find("VmRSS:");
  if (p == std::string::npos) return -1;
  return std::atoll(s.c_str() + p + 6);
}

// CPU (user + system, all threads) a process has used, ms.
double proc_cpu_ms(pid_t pid) {
  std::string s = slurp("/proc/" + std::to_string(pid) + "/stat");
  auto p = s.rfind(')');
  if (p == std::string::npos) return 0;
  std::istringstream in(s.substr(p + 2));
  std::vector<std::string> f;
  std::string tok;
  while (in >> tok && f.size() < 13) f.push_back(tok);
  if (f.size() < 13) return 0;
  double ticks = std::atof(f[11].c_str()) + std::atof(f[12].c_str());  // utime, stime
  return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU time the whole machine spent busy (all processes, all cores), ms (/proc/stat).
double machine_busy_ms() {
  std::istringstream in(slurp("/proc/stat"));
  std::string cpu;
  double v[8] = {};
  in >> cpu;
  for (double& x : v) in >> x;
  double busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];  // user nice system irq softirq steal
  return busy * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU of a phase: the server (or node), this process (the clients), and everything else on
// the machine (another build, say), which the 2 cores share.
struct CpuMeter {
  explicit CpuMeter(pid_t server) : pid(server) { reset(); }
  void reset() {
    server0 = proc_cpu_ms(pid);
    self0 = self_cpu_ms_();
    all0 = machine_busy_ms();
  }
  void stop() {
    server_ms = proc_cpu_ms(pid) - server0;
    client_ms = self_cpu_ms_() - self0;
    others_ms = std::max(0.0, machine_busy_ms() - all0 - server_ms - client_ms);
  }
  static double self_cpu_ms_() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + t.tv_usec / 1000.0; };
    return ms(u.ru_utime) + ms(u.ru_stime);
  }
  pid_t pid;
  double server0 = 0, self0 = 0, all0 = 0;
  double server_ms = 0, client_ms = 0, others_ms = 0;
};

// ------------------------------------------------------------------ child processes

// A child process (the plenum server or the node baseline) whose stdout we read for its port.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const std::string& what) : what_(what) {
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) die("pipe: " + std::string(std::strerror(errno)));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    int rc = posix_spawnp(&pid_, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    ::close(p[1]);
    if (rc != 0) die("cannot start " + argv[0] + ": " + std::strerror(rc));
    out_ = p[0];
    live().push_back(pid_);
  }
  ~Child() { stop(); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }

  // Reads stdout until `marker` appears and returns the number that follows it.
  int read_number_after(const std::string& marker, double seconds) {
    auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    std::string seen;
    while (Clock::now() < until) {
      pollfd pfd{out_, POLLIN, 0};
      if (::poll(&pfd, 1, 100) <= 0) continue;
      char buf[4096];
      ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) break;
      seen.append(buf, static_cast<size_t>(n));
      auto p = seen.find(marker);
      if (p != std::string::npos) {
        auto q = p + marker.size();
        auto end = seen.find_first_not_of("0123456789", q);
        if (end != std::string::npos && end > q) return std::atoi(seen.c_str() + q);
      }
    }
    die(what_ + " did not report its port; its output: " + seen);
  }

  void stop() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      int status = 0;
      bool gone = wait_for([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, 20);
      if (!gone) {
        std::cerr << "warning: " << what_ << " did not stop in 20 s; killing it\n";
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
      }
      auto& l = live();
      l.erase(std::remove(l.begin(), l.end(), pid_), l.end());
      pid_ = -1;
    }
    if (out_ >= 0) ::close(out_);
    out_ = -1;
  }

  // Children still running (killed if the bench dies).
  static std::vector<pid_t>& live() {
    static std::vector<pid_t> pids;
    return pids;
  }

 private:
  std::string what_;
  pid_t pid_ = -1;
  int out_ = -1;
};

void kill_children() {
  for (pid_t p : Child::live()) ::kill(p, SIGKILL);
}

// ------------------------------------------------------------------ seeding

const char* kBody = "t";
const char* kPassword = "password-123";

struct Member : plenum::bench::Credentials {
  int64_t id = 0;
  std::string username;
  std::string ballot_key;  // what the member's device keeps
  std::string ballot;      // the ballot id plenum files the vote under
  std::string choice;
};

struct Seeded {
  int members = 0;
  std::string db;  // the template database; each run works on a copy
  int64_t sitting = 0, motion = 0, poll = 0, head_seq = 0;
  std::vector<Member> voters;
  Member chair;
  int64_t expect_for = 0, expect_against = 0, expect_abstain = 0;
  double seed_ms = 0;
};

// The seed opens member accounts through a bench-only action that emits the same
// accounts.created events as accounts.create, with one Argon2id hash computed once: 10,000
// interactive Argon2id hashes (~0.1 s each) would take longer than everything else together.
// Nobody signs in with a password here (sessions are written directly, below), and the
// events are the ones the accounts module projects, so the store is what accounts.create
// would have produced.
plenum::Status open_member_accounts(plenum::ledger::ActionContext& ctx, const Json& args) {
  for (const auto& a : args["accounts"])
    ctx.emit(plenum::ledger::kAccountsChain, "accounts.created",
             Json{{"username", a["username"]},
                  {"password_hash", args["password_hash"]},
                  {"display_name", a["display_name"]},
                  {"member_id", a["member_id"]},
                  {"roles", Json::array({Json{{"body", args["body"]}, {"role", "member"}}})}});
  ctx.result()["created"] = args["accounts"].size();
  return plenum::Status::ok();
}

std::unique_ptr<plenum::app::App> open_seed_app(const std::string& db) {
  auto app = std::make_unique<plenum::app::App>();
  auto books = plenum::rules::RulebookSet::load_dir(plenum::rules::default_rulebook_dir());
  if (!books) die("rulebooks: " + books.error().message_en);
  app->rulebooks = std::move(*books);
  app->registry = plenum::app::make_registry();
  using plenum::ledger::Arg;
  app->registry.add_action(
      "bench.open_member_accounts",
      plenum::ledger::ArgSchema{Arg::body("body").required(), Arg::string("password_hash", 512, 1).required(),
                                Arg::array("accounts", Arg::json("", "object", Json::object()), 1, 100000).required()},
      open_member_accounts);
  auto store = plenum::store::open_sqlite_store(db, app->registry.slices());
  if (!store) die("open " + db + ": " + store.error().message_en);
  app->store = std::move(*store);
  app->ledger = std::make_unique<plenum::ledger::Ledger>(*app->store, app->registry, app->rulebooks);
  return app;
}

// Member i's choice: mostly for, some against and abstaining (so all three totals are checked).
const char* choice_of(int i) { return i % 20 == 7 ? "against" : i % 20 == 13 ? "abstain" : "for"; }

void sql_exec(sqlite3* db, const char* sql, const char* what) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    die(std::string(what) + ": " + msg);
  }
}

// Body `t` (npc rulebook: anonymous votes, presence required), N members through
// assembly.import_roster, a plenary sitting opened with everyone checked in, a presidium draft
// resolution on the agenda, a poll open on it; an account per member (role member) and a
// presiding account `chair`, each signed in (a login session as POST /auth/login writes it).
Seeded seed(int members, const std::string& dir) {
  Seeded s;
  s.members = members;
  s.db = dir + "/template.db";
  auto t0 = Clock::now();
  {
    auto app = open_seed_app(s.db);
    plenum::demo::SkeletonSpec spec;
    spec.body = kBody;
    spec.members = members;
    auto skeleton = plenum::demo::seed_skeleton(*app->ledger, *app->store, spec);
    if (!skeleton) die("seed: " + skeleton.error().message_en);
    if (static_cast<int>(skeleton->member_ids.size()) != members) die("seed: roster has the wrong size");
    int64_t session = skeleton->session_id;
    s.sitting = skeleton->sitting_id;
    act(*app, "assembly.open_sitting", Json{{"sitting_id", s.sitting}});
    Json ids = Json::array();
    for (int i = 1; i <= members; ++i) ids.push_back(skeleton->member_ids[i - 1]);
    act(*app, "attendance.check_in_bulk", Json{{"sitting_id", s.sitting}, {"member_ids", ids}});
    s.motion = act(*app, "motions.submit",
                   Json{{"session_id", session},
                        {"kind", "draft_resolution"},
                        {"organ", "presidium"},
                        {"title_zh", "关于基准测试的决议（草案）"},
                        {"title_en", "Draft resolution on the benchmark"}})["motion_id"];
    act(*app, "motions.place_on_agenda", Json{{"motion_id", s.motion}});
    act(*app, "accounts.create",
        Json{{"username", "chair"},
             {"password", kPassword},
             {"display_name", "主持人"},
             {"roles", Json::array({Json{{"body", kBody}, {"role", "presiding"}},
                                    Json{{"body", kBody}, {"role", "secretariat"}}})}});
    std::string hash = plenum::accounts::hash_password(kPassword);
    for (int from = 1; from <= members; from += 1000) {
      Json accounts = Json::array();
      for (int i = from; i <= std::min(members, from + 999); ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "m%05d", i);
        accounts.push_back(Json{{"username", name},
                                {"member_id", skeleton->member_ids[i - 1]},
                                {"display_name", "成员" + std::to_string(i)}});
      }
      act(*app, "bench.open_member_accounts", Json{{"body", kBody}, {"password_hash", hash}, {"accounts", accounts}});
    }
    s.poll = act(*app, "voting.open", Json{{"motion_id", s.motion}, {"sitting_id", s.sitting}})["poll_id"];
    s.head_seq = app->store->read()->last_event(kBody)->seq;
    for (int i = 1; i <= members; ++i) {
      Member m;
      m.id = skeleton->member_ids[i - 1];
      char name[16];
      std::snprintf(name, sizeof name, "m%05d", i);
      m.username = name;
      m.ballot_key = plenum::random_token();
      m.ballot = plenum::voting::ballot_id(s.poll, m.id, m.ballot_key);
      m.choice = choice_of(i);
      (m.choice == "for" ? s.expect_for : m.choice == "against" ? s.expect_against : s.expect_abstain)++;
      s.voters.push_back(std::move(m));
    }
    s.chair.username = "chair";
  }  // drains the ledger, closes the store

  // Sign everyone in: the rows POST /api/v1/auth/login writes (login sessions live beside the
  // record, not in the ledger), without an Argon2id verification per member.
  sqlite3* db = nullptr;
  if (sqlite3_open(s.db.c_str(), &db) != SQLITE_OK) die("seed: open " + s.db);
  sql_exec(db, "BEGIN IMMEDIATE", "seed sessions");
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO login_sessions(token_hash, username, csrf_token, created_at, expires_at) "
                     "VALUES(?,?,?,?,?)",
                     -1, &st, nullptr);
  int64_t now = plenum::now_micros();
  auto open_session = [&](Member& m) {
    std::string token = plenum::random_token();
    m.cookie = "plenum_session=" + token;
    m.csrf = plenum::random_token();
    std::string hash = plenum::sha256_hex(token);
    sqlite3_bind_text(st, 1, hash.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, m.username.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, m.csrf.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, now + int64_t{24} * 3600 * 1000000);
    if (sqlite3_step(st) != SQLITE_DONE) die(std::string("seed sessions: ") + sqlite3_errmsg(db));
    sqlite3_reset(st);
  };
  for (auto& m : s.voters) open_session(m);
  open_session(s.chair);
  sqlite3_finalize(st);
  sql_exec(db, "COMMIT", "seed sessions");
  sql_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", "seed checkpoint");
  sqlite3_close(db);
  s.seed_ms = ms_between(t0, Clock::now());
  return s;
}

// A fresh copy of the seeded database for one run.
std::string copy_template(const Seeded& s, const std::string& dir) {
  std::string db = dir + "/plenum.db";
  std::filesystem::copy_file(s.db, db);
  for (const char* suffix : {"-wal", "-shm"})
    if (std::filesystem::exists(s.db + suffix)) std::filesystem::copy_file(s.db + suffix, db + suffix);
  return db;
}

// ------------------------------------------------------------------ client threads

// ------------------------------------------------------------------ live screens

constexpr size_t kChunk = 32 * 1024;  // read buffer per WebSocket client
constexpr size_t kHead = 4096;        // first bytes of each message kept for classification
constexpr size_t kTail = 8192;        // last bytes kept (the poll_closed totals follow the box)

// Shared counters of the screens of one run.
struct Board {
  int64_t members = 0;  // a progress notice with voted == members means every vote is in
  std::atomic<int> live{0}, failed{0}, all_voted{0}, results{0};
  std::atomic<bool> closing{false};
  bool quickack = true;  // see watch_on_read
  std::mutex mu;
  std::string first_error;
  void fail(const std::string& e) {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (first_error.empty()) first_error = e;
    }
    failed++;
  }
};

int64_t int_after(const std::string& s, const std::string& key, bool last = false) {
  size_t p = last ? s.rfind(key) : s.find(key);
  if (p == std::string::npos) return -1;
  return std::atoll(s.c_str() + p + key.size());
}

// One member's screen: a WebSocket on the live channel, reading with a fixed buffer and keeping
// only each message's head and tail (10,000 copies of a ~0.8 MB result would not fit), except
// watcher 0, which keeps the whole result for a full check.
struct Watcher {
  Watcher(net::io_context& ioc, Board& b) : ws(ioc), board(b) {}
  websocket::stream<tcp::socket> ws;
  Board& board;
  std::unique_ptr<char[]> buf;
  std::string head, tail, full;
  bool keep_full = false;
  size_t msg_len = 0;
  bool live = false, voted_all = false, got_result = false;
  int64_t notices = 0, others = 0;
  Clock::time_point all_voted_at{}, result_at{}, msg_start{}, result_start{};
  size_t result_len = 0;
  int64_t r_for = -1, r_against = -1, r_abstain = -1;
  std::string result_full;  // watcher 0 only
};

void watch_read(Watcher* w);

void watch_message(Watcher* w) {
  const std::string& h = w->head;
  if (!w->live) {
    if (h.find("\"type\":\"live\"") == std::string::npos) {
      w->others++;  // catch-up (none expected: clients subscribe from the head)
      return;
    }
    w->live = true;
    w->board.live++;
    return;
  }
  if (h.find("\"type\":\"notice\"") != std::string::npos && w->msg_len < kHead) {
    w->notices++;
    int64_t voted = int_after(h, "\"voted\":");
    if (!w->voted_all && voted >= w->board.members) {
      w->voted_all = true;
      w->all_voted_at = Clock::now();
      w->board.all_voted++;
    }
    return;
  }
  if (h.find("\"event_type\":\"voting.poll_closed\"") != std::string::npos) {
    w->result_at = Clock::now();
    w->result_start = w->msg_start;
    w->got_result = true;
    w->result_len = w->msg_len;
    // Keys are sorted: abstain, against and the announcements precede the ballot box; for
    // follows it.
    w->r_abstain = int_after(h, "\"abstain\":");
    w->r_against = int_after(h, "\"against\":");
    w->r_for = int_after(w->tail, "\"for\":", true);
    if (w->keep_full) w->result_full = std::move(w->full);
    w->board.results++;
    return;
  }
  w->others++;
}

void watch_on_read(Watcher* w, beast::error_code ec, size_t n) {
  if (ec) {
    if (!w->board.closing) w->board.fail("live channel: " + ec.message());
    return;
  }
  const char* p = w->buf.get();
  if (w->msg_len == 0) w->msg_start = Clock::now();
  if (w->msg_len < kHead) w->head.append(p, std::min(n, kHead - w->msg_len));
  w->tail.append(p, n);
  if (w->tail.size() > 2 * kTail) w->tail.erase(0, w->tail.size() - kTail);
  if (w->keep_full) w->full.append(p, n);
  w->msg_len += n;
  if (w->board.quickack && (n >= 8192 || !w->ws.is_message_done())) {
    // Acknowledge at once. Over loopback the MSS is 64 KiB, so a receiver that reads less than
    // two segments delays its ACK by up to 40 ms, while the sender's 16 KiB initial send buffer
    // waits for it: every large message would stall in steps of 40 ms, an artefact of loopback
    // that a client on a real network (ACK every second 1448-byte segment) does not see.
    int one = 1;
    ::setsockopt(w->ws.next_layer().native_handle(), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
  }
  if (w->ws.is_message_done()) {
    watch_message(w);
    w->head.clear();
    w->tail.clear();
    w->full.clear();
    w->msg_len = 0;
  }
  watch_read(w);
}

void watch_read(Watcher* w) {
  w->ws.async_read_some(net::buffer(w->buf.get(), kChunk),
                        [w](beast::error_code ec, size_t n) { watch_on_read(w, ec, n); });
}

// Connects every watcher (windowed per client thread) and starts its read loop.
// Watcher i lives on pool.at(i); [from, to) are connected.
void connect_watchers(ClientPool& pool, std::vector<std::unique_ptr<Watcher>>& watchers, size_t from, size_t to,
                      const std::vector<std::string>& cookies, const tcp::endpoint& ep, const std::string& target,
                      size_t window) {
  std::string host = "127.0.0.1:" + std::to_string(ep.port());
  for (size_t lane = 0; lane < pool.size(); ++lane) {
    std::vector<Watcher*> mine;
    std::vector<const std::string*> my_cookies;
    for (size_t i = from; i < to; ++i) {
      if (i % pool.size() != lane) continue;
      mine.push_back(watchers[i].get());
      my_cookies.push_back(&cookies[i]);
    }
    windowed(pool.at(lane), mine.size(), std::max<size_t>(1, window / pool.size()),
             [mine, my_cookies, ep, host, target](size_t i, std::function<void()> next) {
               Watcher* w = mine[i];
               std::string cookie = *my_cookies[i];
               w->ws.set_option(websocket::stream_base::decorator(
                   [cookie](websocket::request_type& req) { req.set(http::field::cookie, cookie); }));
               w->ws.next_layer().async_connect(ep, [w, next, host, target](beast::error_code ec) {
                 if (ec) {
                   w->board.fail("connect: " + ec.message());
                   return next();
                 }
                 w->ws.async_handshake(host, target, [w, next](beast::error_code ec2) {
                   if (ec2) {
                     w->board.fail("handshake: " + ec2.message());
                     return next();
                   }
                   w->buf.reset(new char[kChunk]);
                   watch_read(w);
                   next();
                 });
               });
             });
  }
}

void close_watchers(ClientPool& pool, std::vector<std::unique_ptr<Watcher>>& watchers, Board& board) {
  board.closing = true;
  std::atomic<size_t> closed{0};
  for (size_t lane = 0; lane < pool.size(); ++lane)
    net::post(pool.at(lane), [&, lane] {
      for (size_t i = lane; i < watchers.size(); i += pool.size()) {
        beast::error_code ignored;
        watchers[i]->ws.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
        watchers[i]->ws.next_layer().close(ignored);
        closed++;
      }
    });
  wait_for([&] { return closed == watchers.size(); }, 60);
}

// ------------------------------------------------------------------ casting

struct Caster {
  explicit Caster(net::io_context& ioc) : socket(ioc) {}
  tcp::socket socket;
  std::string wire;  // the serialised request, built before the burst
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  Clock::time_point due{}, acked{};
  beast::error_code error;
  bool done = false;
};

std::string cast_request(const Seeded& s, const Member& m, int run, uint16_t port) {
  http::request<http::string_body> req(http::verb::post, "/api/v1/actions", 11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port));
  req.set(http::field::cookie, m.cookie);
  req.set("X-CSRF-Token", m.csrf);
  req.set(http::field::content_type, "application/json");
  req.body() = Json{{"action", "voting.cast"},
                    {"args", Json{{"poll_id", s.poll}, {"choice", m.choice}, {"ballot_key", m.ballot_key}}},
                    {"request_id", "vote-" + std::to_string(run) + "-" + m.username}}
                   .dump();
  req.prepare_payload();
  std::ostringstream out;
  out << req;
  return out.str();
}

// The casts of one client thread, in due order.
struct Lane {
  explicit Lane(net::io_context& i) : ioc(i), timer(i) {}
  net::io_context& ioc;
  net::steady_timer timer;
  std::vector<Caster*> casters;
  std::vector<size_t> index;  // global index of each caster (its due slot)
  size_t next = 0, inflight = 0, cap = SIZE_MAX;
  bool connect = false;     // open the connection at cast time
  double spread_ms = 1000;  // 0: back to back
  size_t total = 0;
  Clock::time_point t0;
  tcp::endpoint ep;
  std::atomic<size_t>* done = nullptr;
  double lag_ms = 0;  // worst delay of a cast's start behind its due time
};

void lane_tick(Lane* lane);

void cast_finish(Lane* lane, Caster* c, beast::error_code ec) {
  c->acked = Clock::now();
  if (ec && !c->error) c->error = ec;
  c->done = true;
  if (lane->connect) {
    beast::error_code ignored;
    c->socket.shutdown(tcp::socket::shutdown_both, ignored);
    c->socket.close(ignored);
  }
  lane->inflight--;
  (*lane->done)++;
  if (lane->next < lane->casters.size() && lane->connect) lane_tick(lane);
}

void cast_send(Lane* lane, Caster* c) {
  http::async_read(c->socket, c->buffer, c->response,
                   [lane, c](beast::error_code ec, size_t) { cast_finish(lane, c, ec); });
  net::async_write(c->socket, net::buffer(c->wire), [c](beast::error_code ec, size_t) {
    if (ec && !c->error) c->error = ec;
  });
}

void cast_start(Lane* lane, Caster* c) {
  lane->inflight++;
  if (!lane->connect) return cast_send(lane, c);
  c->socket.async_connect(lane->ep, [lane, c](beast::error_code ec) {
    if (ec) return cast_finish(lane, c, ec);
    beast::error_code ignored;
    c->socket.set_option(tcp::no_delay(true), ignored);
    cast_send(lane, c);
  });
}

Clock::time_point due_of(const Lane* lane, size_t global) {
  return lane->t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double, std::milli>(
                        lane->spread_ms * static_cast<double>(global) / static_cast<double>(lane->total)));
}

// Starts every cast that is due (paced) or the next chunk (back to back), then waits for the
// next due time. Latency counts from the due time, so a client that falls behind cannot hide
// queueing.
void lane_tick(Lane* lane) {
  Clock::time_point now = Clock::now();
  size_t chunk = 0;
  while (lane->next < lane->casters.size() && lane->inflight < lane->cap) {
    Caster* c = lane->casters[lane->next];
    if (lane->spread_ms > 0) {
      c->due = due_of(lane, lane->index[lane->next]);
      if (c->due > now) break;
      lane->lag_ms = std::max(lane->lag_ms, ms_between(c->due, now));
    } else {
      c->due = Clock::now();
    }
    lane->next++;
    cast_start(lane, c);
    // Back to back: write in chunks and let the loop read answers in between, so an
    // acknowledgement is timed when it arrives (as bench/checkin_burst.cpp does).
    if (lane->spread_ms <= 0 && ++chunk == 64) {
      net::post(lane->ioc, [lane] { lane_tick(lane); });
      return;
    }
  }
  if (lane->spread_ms > 0 && lane->next < lane->casters.size() && lane->inflight < lane->cap) {
    lane->timer.expires_at(due_of(lane, lane->index[lane->next]));
    lane->timer.async_wait([lane](beast::error_code ec) {
      if (!ec) lane_tick(lane);
    });
  }
}

// ------------------------------------------------------------------ a blocking HTTP client

// ------------------------------------------------------------------ figures

struct Options {
  std::vector<int> members{2956, 10000};
  int runs = 3;
  std::vector<double> spreads{1000};
  std::string cast_conn = "auto";
  int client_threads = 2;
  bool quickack = true;
  double cast_timeout_s = 120;
  int server_threads = 2;
  std::string root;
  bool keep = false;
  size_t fd_limit = 0;
};

// How a plenum run is set up.
enum class Setting {
  kPlain,         // screens connected, then the votes, then the close
  kScreensAfter,  // diagnostic: the screens connect only after the votes
  kUnderAttack,   // as plain, with bench/attacker.cpp attacking from before the screens connect
};

struct PlenumFigures {
  bool connect = false;  // casts opened their connection at cast time
  Setting setting = Setting::kPlain;
  bool incomplete = false;                       // not every vote was acknowledged before --cast-timeout
  double acked = 0;                              // votes acknowledged
  double connect_ms = 0;                         // all N screens connected and live
  double rss_before_kib = 0, rss_after_kib = 0;  // server, no screens / all screens idle
  double rss_per_client_kib = 0;                 // marginal: past the first tenth of the screens
  double rss_overall_kib = 0;                    // (after - before) / N
  // Casting.
  double wall_ms = 0, rate = 0;  // first due to last acknowledgement; N / wall
  double p50 = 0, p90 = 0, p99 = 0, max = 0;
  double lag_ms = 0;         // worst start of a cast behind its due time (client)
  double cast_cpu_ms = 0;    // server CPU while casting
  double client_cpu_ms = 0;  // bench (client) CPU while casting
  double settle_ms = 0;      // last acknowledgement → every screen has seen voted == N
  double notices = 0;        // progress notices per screen (median) ≈ group commits
  // Closing.
  double close_ack_ms = 0;                          // close request written → its acknowledgement
  double first_ms = 0, r50 = 0, r99 = 0, rmax = 0;  // result at the screens, after the close
  double start_p50 = 0, start_max = 0;              // first byte of the result at the screens
  double close_cpu_ms = 0;                          // server CPU from the close until every screen has it
  double close_client_cpu_ms = 0;                   // client CPU in the same time
  double others_cast_ms = 0, others_close_ms = 0;   // CPU of other processes on the machine
  double message_bytes = 0;
  // One member's sign-in after the votes, on a device that signed in before and on a new one:
  // from the first attempt to the 200, and how many attempts (a 429 is retried after its
  // Retry-After; negative: gave up, 30 s for the new device).
  double sign_in_ms = 0, sign_in_attempts = 0, new_device_ms = 0, new_device_attempts = 0;
  // Under attack: the attacker's CPU in the vote and close phases (also within others_*), and
  // what it saw over the whole run (bench/attacker.cpp's tally).
  double attacker_cast_ms = 0, attacker_close_ms = 0;
  double held = 0;  // connections the attacker held when the screens began to connect
  Json attack;
};

struct WsFigures {
  double connect_ms = 0;
  double rss_before_kib = 0, rss_after_kib = 0, rss_per_client_kib = 0, rss_overall_kib = 0;
  double ack_ms = 0;  // the /broadcast answer: every send queued
  double first_ms = 0, r50 = 0, r99 = 0, rmax = 0;
  double start_p50 = 0, start_max = 0;
  double cpu_ms = 0;  // node CPU from the broadcast until every client has it
  double client_cpu_ms = 0, others_ms = 0;
  double message_bytes = 0;
  bool synthetic = false;
};

struct SqliteFigures {
  double wall_ms = 0, rate = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
  double commits = 0, largest = 0;
};

struct MemoryFigures {
  double rss_before_kib = 0, rss_warm_kib = 0, rss_after_kib = 0;
  double rss_per_client_kib = 0;  // marginal: past the first tenth of the screens
  double rss_overall_kib = 0;     // (after - before) / N
};

// Results at the screens: ms after t0 for each, checking each got the complete message with
// the expected totals.
struct Received {
  double first = 0, p50 = 0, p99 = 0, max = 0;
  double start_p50 = 0, start_max = 0;  // first byte of the message at the screen
};

Received check_results(const std::vector<std::unique_ptr<Watcher>>& watchers, Clock::time_point t0, size_t bytes,
                       int64_t want_for, int64_t want_against, int64_t want_abstain, const char* side) {
  std::vector<double> at, start;
  for (size_t i = 0; i < watchers.size(); ++i) {
    const Watcher& w = *watchers[i];
    if (!w.got_result) die(std::string(side) + ": screen " + std::to_string(i) + " never received the result");
    if (w.result_len != bytes)
      die(std::string(side) + ": screen " + std::to_string(i) + " received " + std::to_string(w.result_len) +
          " bytes, expected " + std::to_string(bytes));
    if (w.r_for != want_for || w.r_against != want_against || w.r_abstain != want_abstain)
      die(std::string(side) + ": screen " + std::to_string(i) + " read totals " + std::to_string(w.r_for) + "/" +
          std::to_string(w.r_against) + "/" + std::to_string(w.r_abstain) + ", expected " + std::to_string(want_for) +
          "/" + std::to_string(want_against) + "/" + std::to_string(want_abstain));
    at.push_back(ms_between(t0, w.result_at));
    start.push_back(ms_between(t0, w.result_start));
  }
  return {percentile(at, 0.0001), percentile(at, 50),    percentile(at, 99),
          percentile(at, 100),    percentile(start, 50), percentile(start, 100)};
}

// ------------------------------------------------------------------ plenum

const int kDefaultPerAddress = static_cast<int>(plenum::server::Options{}.max_connections_per_address);

struct Stage {
  std::unique_ptr<Child> server;
  uint16_t port = 0;
  size_t warm = 0;                          // screens connected before rss_warm
  double rss0 = 0, rss_warm = 0, rss1 = 0;  // no screens, `warm` screens, all screens (KiB)
  double connect_ms = 0;
  // Server memory per idle screen: marginal (the screens after the first tenth, so one-time
  // costs such as SQLite page caches warming up are not charged to them) and overall.
  double per_screen(size_t n) const { return (rss1 - rss_warm) / static_cast<double>(n - warm); }
  double per_screen_overall(size_t n) const { return (rss1 - rss0) / static_cast<double>(n); }
};

// Starts `plenum serve` on a copy of the seed, with its default limits, except where the
// members alone need more connections from 127.0.0.1 than one address is allowed.
void start_server(const Options& o, const std::string& db, int members, Stage& stage) {
  // --quiet: no line per request on stderr, as the figures in docs/BENCHMARKS.md were measured.
  std::vector<std::string> argv{
      PLENUM_BINARY, "--db", db, "serve", "--quiet", "--port", "0", "--threads", std::to_string(o.server_threads)};
  // Every member's device and screen come from 127.0.0.1: 20,000 connections at N = 10,000,
  // over the default per-address limit (13,500: 3,000 devices and 10,000 screens behind one
  // address).
  if (2 * members + 16 > kDefaultPerAddress) {
    argv.push_back("--max-connections-per-address");
    argv.push_back("100000");
  }
  stage.server = std::make_unique<Child>(argv, "plenum serve");
  stage.port = static_cast<uint16_t>(stage.server->read_number_after("http://127.0.0.1:", 60));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stage.rss0 = static_cast<double>(rss_kib(stage.server->pid()));
}

// Connects one screen per member and waits until every screen is live and idle: the server's
// RSS before and after.
void watch_all(const Seeded& s, const Options& o, ClientPool& pool, std::vector<std::unique_ptr<Watcher>>& watchers,
               Board& board, Stage& stage) {
  board.members = s.members;
  board.quickack = o.quickack;
  std::vector<std::string> cookies;
  for (int i = 0; i < s.members; ++i) {
    watchers.push_back(std::make_unique<Watcher>(pool.at(static_cast<size_t>(i)), board));
    cookies.push_back(s.voters[i].cookie);
  }
  watchers[0]->keep_full = true;
  tcp::endpoint ep(net::ip::make_address("127.0.0.1"), stage.port);
  std::string target = "/api/v1/live?body=" + std::string(kBody) + "&since=" + std::to_string(s.head_seq);
  const size_t n = static_cast<size_t>(s.members);
  stage.warm = n >= 10 ? n / 10 : 0;
  double connecting_ms = 0;
  for (auto [from, to] : {std::pair<size_t, size_t>{0, stage.warm}, std::pair<size_t, size_t>{stage.warm, n}}) {
    if (from == to) {
      stage.rss_warm = stage.rss0;
      continue;
    }
    auto t = Clock::now();
    connect_watchers(pool, watchers, from, to, cookies, ep, target, 256);
    if (!wait_for([&] { return static_cast<size_t>(board.live + board.failed) >= to; }, 300))
      die("plenum: only " + std::to_string(board.live.load()) + " of " + std::to_string(to) +
          " screens went live in 300 s");
    if (board.failed)
      die("plenum: " + std::to_string(board.failed.load()) + " screens failed; first: " + board.first_error);
    connecting_ms += ms_between(t, Clock::now());
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // idle
    (to == n ? stage.rss1 : stage.rss_warm) = static_cast<double>(rss_kib(stage.server->pid()));
  }
  stage.connect_ms = connecting_ms;
}

bool use_connect(const Options& o, int members) {
  if (o.cast_conn == "connect") return true;
  if (o.cast_conn == "keepalive") return false;
  return static_cast<size_t>(2 * members + 256) > o.fd_limit;
}

// One member's sign-in with its password, each attempt on a new connection, a 429 retried after
// its Retry-After, from a device that has signed in before (`device`, its plenum_device cookie)
// or a new one (empty). Returns ms from the first attempt to the 200 and the attempts, and
// keeps the device cookie the server gives; gives up after `give_up_s` (attempts then < 0).

// Starts bench/attacker.cpp against the server; it reports the connections it holds once it
// has tried them all. It signs in as nobody, but has one member's session (a stolen device) for
// the oversized bodies that are refused only after the session is checked.
std::unique_ptr<Child> start_attacker(const Stage& stage, const Member& stolen, const std::string& stats,
                                      double* held) {
  auto attacker =
      std::make_unique<Child>(std::vector<std::string>{PLENUM_ATTACKER, "--port", std::to_string(stage.port), "--stats",
                                                       stats, "--cookie", stolen.cookie, "--csrf", stolen.csrf},
                              "plenum_attacker");
  *held = attacker->read_number_after("attacker ready: ", 300);
  return attacker;
}

// kScreensAfter: diagnostic; the screens connect only once every vote is in, so the votes are
// measured without the live fan-out and the close with it.
PlenumFigures run_plenum(const Seeded& s, const Options& o, int run, double spread_ms, Setting setting,
                         std::string* result_message) {
  plenum::bench::TempDir dir(o.root, o.keep, "plenum-vote");
  std::string db = copy_template(s, dir.path);
  const int n = s.members;
  const bool screens_after = setting == Setting::kScreensAfter;
  PlenumFigures f;
  f.setting = setting;
  f.connect = use_connect(o, n);
  if (!f.connect && static_cast<size_t>(2 * n + 64) > o.fd_limit)
    die("--cast-conn keepalive needs " + std::to_string(2 * n + 64) + " descriptors per process; the limit is " +
        std::to_string(o.fd_limit));

  ClientPool pool(o.client_threads);
  Board board;
  std::vector<std::unique_ptr<Watcher>> watchers;
  std::vector<std::unique_ptr<Caster>> casters;
  std::vector<std::unique_ptr<Lane>> lanes;
  Stage stage;
  start_server(o, db, n, stage);
  // The member's device has signed in once before the attack (so it holds a device cookie).
  const std::string device = sign_in(stage.port, s.voters.front().username, kPassword, "", 60).device;
  if (device.empty()) die("the sign-in gave no device cookie");
  std::unique_ptr<Child> attacker;
  const std::string attack_stats = dir.path + "/attack.json";
  if (setting == Setting::kUnderAttack) attacker = start_attacker(stage, s.voters.back(), attack_stats, &f.held);
  auto attacker_cpu = [&] { return attacker ? proc_cpu_ms(attacker->pid()) : 0.0; };
  if (!screens_after) watch_all(s, o, pool, watchers, board, stage);
  pid_t server = stage.server->pid();
  f.connect_ms = stage.connect_ms;
  f.rss_before_kib = stage.rss0;
  f.rss_after_kib = stage.rss1;
  f.rss_per_client_kib = stage.per_screen(static_cast<size_t>(n));
  f.rss_overall_kib = stage.per_screen_overall(static_cast<size_t>(n));

  // Each member's vote, on its own connection.
  tcp::endpoint ep(net::ip::make_address("127.0.0.1"), stage.port);
  for (size_t l = 0; l < pool.size(); ++l) lanes.push_back(std::make_unique<Lane>(pool.at(l)));
  std::atomic<size_t> done{0};
  for (int i = 0; i < n; ++i) {
    Lane& lane = *lanes[static_cast<size_t>(i) % lanes.size()];
    casters.push_back(std::make_unique<Caster>(lane.ioc));
    casters.back()->wire = cast_request(s, s.voters[i], run, stage.port);
    lane.casters.push_back(casters.back().get());
    lane.index.push_back(static_cast<size_t>(i));
  }
  // Connect mode: never more casts in flight than descriptors left beside the screens.
  size_t cap = o.fd_limit > static_cast<size_t>(n) + 512 ? (o.fd_limit - static_cast<size_t>(n) - 512) : 64;
  for (auto& lane : lanes) {
    lane->connect = f.connect;
    lane->cap = f.connect ? std::max<size_t>(1, cap / lanes.size()) : SIZE_MAX;
    lane->spread_ms = spread_ms;
    lane->total = static_cast<size_t>(n);
    lane->ep = ep;
    lane->done = &done;
  }
  if (!f.connect) {
    std::atomic<size_t> connected{0}, failed{0};
    for (auto& lane : lanes)
      windowed(lane->ioc, lane->casters.size(), 128,
               [l = lane.get(), &connected, &failed, ep](size_t i, std::function<void()> next) {
                 Caster* c = l->casters[i];
                 c->socket.async_connect(ep, [c, next, &connected, &failed](beast::error_code ec) {
                   if (ec)
                     failed++;
                   else {
                     beast::error_code ignored;
                     c->socket.set_option(tcp::no_delay(true), ignored);
                     connected++;
                   }
                   next();
                 });
               });
    if (!wait_for([&] { return connected + failed == static_cast<size_t>(n); }, 120) || failed)
      die("plenum: could not open every member's HTTP connection");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // let the server accept them all
  }

  // The burst.
  CpuMeter cast_cpu(server);
  double attacker0 = attacker_cpu();
  Clock::time_point t0 = Clock::now() + std::chrono::milliseconds(20);
  for (auto& lane : lanes) {
    lane->t0 = t0;
    net::post(lane->ioc, [l = lane.get()] {
      if (l->spread_ms > 0) {
        l->timer.expires_at(l->t0);
        l->timer.async_wait([l](beast::error_code ec) {
          if (!ec) lane_tick(l);
        });
      } else {
        std::this_thread::sleep_until(l->t0);
        lane_tick(l);
      }
    });
  }
  // Progress every 10 s, and a deadline: a server that cannot keep up is reported, not waited for.
  for (int tick = 1;; ++tick) {
    if (wait_for([&] { return done == static_cast<size_t>(n); }, 10)) break;
    double elapsed = ms_between(t0, Clock::now()) / 1000;
    std::printf("  ... %.0f s: %zu of %d votes acknowledged; server CPU %.0f ms; screen 0 has had %lld notices\n",
                elapsed, done.load(), n, proc_cpu_ms(server) - cast_cpu.server0,
                watchers.empty() ? 0LL : static_cast<long long>(watchers[0]->notices));
    std::fflush(stdout);
    if (elapsed >= o.cast_timeout_s) {
      cast_cpu.stop();
      f.incomplete = true;
      f.acked = static_cast<double>(done.load());
      f.wall_ms = ms_between(t0, Clock::now());
      f.rate = f.acked / (f.wall_ms / 1000);
      f.cast_cpu_ms = cast_cpu.server_ms;
      f.client_cpu_ms = cast_cpu.client_ms;
      f.others_cast_ms = cast_cpu.others_ms;
      std::vector<double> notices;
      for (auto& w : watchers) notices.push_back(static_cast<double>(w->notices));
      f.notices = median(notices);
      close_watchers(pool, watchers, board);
      pool.stop();
      if (attacker) attacker->stop();
      stage.server->stop();
      return f;
    }
  }
  cast_cpu.stop();
  f.attacker_cast_ms = attacker_cpu() - attacker0;
  f.acked = n;
  f.cast_cpu_ms = cast_cpu.server_ms;
  f.client_cpu_ms = cast_cpu.client_ms;
  f.others_cast_ms = cast_cpu.others_ms;

  std::vector<double> latencies;
  Clock::time_point last = t0;
  int failures = 0;
  std::string first_failure;
  for (int i = 0; i < n; ++i) {
    Caster& c = *casters[i];
    int status = c.done && !c.error ? static_cast<int>(c.response.result_int()) : 0;
    bool ok = status == 200;
    if (ok) {
      auto body = Json::parse(c.response.body(), nullptr, false);
      ok = !body.is_discarded() && body["result"].value("choice", "") == s.voters[i].choice &&
           body["result"].value("poll_id", int64_t{0}) == s.poll && body["result"].value("changed", true) == false;
    }
    if (!ok) {
      if (failures++ == 0)
        first_failure = c.error ? c.error.message() : "HTTP " + std::to_string(status) + " " + c.response.body();
      continue;
    }
    latencies.push_back(ms_between(c.due, c.acked));
    last = std::max(last, c.acked);
  }
  if (failures) die("plenum: " + std::to_string(failures) + " votes failed; first: " + first_failure);
  f.wall_ms = ms_between(t0, last);
  f.rate = n / (f.wall_ms / 1000.0);
  f.p50 = percentile(latencies, 50);
  f.p90 = percentile(latencies, 90);
  f.p99 = percentile(latencies, 99);
  f.max = percentile(latencies, 100);
  for (auto& lane : lanes) f.lag_ms = std::max(f.lag_ms, lane->lag_ms);

  if (screens_after) {
    watch_all(s, o, pool, watchers, board, stage);
    f.connect_ms = stage.connect_ms;
    f.rss_after_kib = stage.rss1;
    f.rss_per_client_kib = stage.per_screen(static_cast<size_t>(n));
    f.rss_overall_kib = stage.per_screen_overall(static_cast<size_t>(n));
    for (auto& w : watchers) {
      w->voted_all = true;
      w->all_voted_at = last;
      board.all_voted++;
    }
  }
  // Every screen shows that everyone has voted; then the chair closes the poll.
  if (!wait_for([&] { return board.all_voted + board.failed >= n; }, 120))
    die("plenum: only " + std::to_string(board.all_voted.load()) + " screens saw every vote counted in 120 s");
  if (board.failed) die("plenum: a screen failed while casting: " + board.first_error);
  Clock::time_point settled = last;
  std::vector<double> notices;
  for (auto& w : watchers) {
    settled = std::max(settled, w->all_voted_at);
    notices.push_back(static_cast<double>(w->notices));
  }
  f.settle_ms = ms_between(last, settled);
  f.notices = median(notices);
  // A member signs in again on the device used before, then on a new one (after the votes: an
  // Argon2id check takes a core for ~0.1 s and would be charged to the votes' latencies).
  SignIn known = sign_in(stage.port, s.voters.front().username, kPassword, device, 60);
  SignIn fresh = sign_in(stage.port, s.voters.front().username, kPassword, "", 30);
  f.sign_in_ms = known.ms;
  f.sign_in_attempts = known.attempts;
  f.new_device_ms = fresh.ms;
  f.new_device_attempts = fresh.attempts;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  ControlClient chair(stage.port);
  std::string close_wire = chair.build(http::verb::post, "/api/v1/actions",
                                       Json{{"action", "voting.close"},
                                            {"args", Json{{"poll_id", s.poll}}},
                                            {"request_id", "close-" + std::to_string(run)}}
                                           .dump(),
                                       &s.chair);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CpuMeter close_cpu(server);
  attacker0 = attacker_cpu();
  Clock::time_point tc = Clock::now();
  auto res = chair.exchange(close_wire);
  f.close_ack_ms = ms_between(tc, Clock::now());
  if (res.result_int() != 200) die("plenum: close: HTTP " + std::to_string(res.result_int()) + " " + res.body());
  if (!wait_for([&] { return board.results + board.failed >= n; }, 600))
    die("plenum: only " + std::to_string(board.results.load()) + " of " + std::to_string(n) +
        " screens had the result 600 s after the close");
  close_cpu.stop();
  f.attacker_close_ms = attacker_cpu() - attacker0;
  f.close_cpu_ms = close_cpu.server_ms;
  f.close_client_cpu_ms = close_cpu.client_ms;
  f.others_close_ms = close_cpu.others_ms;
  if (board.failed) die("plenum: a screen failed while the result was sent: " + board.first_error);

  close_watchers(pool, watchers, board);
  pool.stop();
  if (attacker) {
    attacker->stop();
    f.attack = Json::parse(slurp(attack_stats), nullptr, false);
    if (f.attack.is_discarded()) die("the attacker left no tally in " + attack_stats);
  }
  stage.server->stop();

  // The complete result, as watcher 0 received it: every member's ballot in the sealed box.
  const std::string& full = watchers[0]->result_full;
  f.message_bytes = static_cast<double>(full.size());
  Received r = check_results(watchers, tc, full.size(), s.expect_for, s.expect_against, s.expect_abstain, "plenum");
  f.first_ms = r.first;
  f.r50 = r.p50;
  f.r99 = r.p99;
  f.rmax = r.max;
  f.start_p50 = r.start_p50;
  f.start_max = r.start_max;
  Json msg = Json::parse(full, nullptr, false);
  if (msg.is_discarded() || msg["event_type"] != "voting.poll_closed")
    die("plenum: the result is not a poll_closed event");
  const Json& p = msg["payload"];
  if (p["for"] != s.expect_for || p["against"] != s.expect_against || p["abstain"] != s.expect_abstain ||
      p["not_voted"] != 0 || p.value("sealed_ballots", 0) != n)
    die("plenum: the result's totals or sealed ballot count are wrong: " + p.dump().substr(0, 400));
  std::string want = "赞成" + std::to_string(s.expect_for) + "票，反对" + std::to_string(s.expect_against) +
                     "票，弃权" + std::to_string(s.expect_abstain) + "票";
  if (p.value("announcement_zh", "").find(want) != 0) die("plenum: announcement " + p.value("announcement_zh", ""));
  // And the store agrees.
  {
    auto store = plenum::store::open_sqlite_store(db, plenum::app::make_registry().slices());
    if (!store) die("reopen: " + store.error().message_en);
    auto reader = (*store)->read();
    auto poll = plenum::voting::tables::poll(*reader, s.poll);
    if (!poll || poll->state != plenum::voting::PollState::kClosed || poll->yes != s.expect_for ||
        poll->no != s.expect_against || poll->abstain != s.expect_abstain ||
        plenum::voting::tables::count_voters(*reader, s.poll) != n)
      die("plenum: the stored poll does not hold the votes cast");
    // The sealed box is in the record (the live copy carries only its size): every member's
    // ballot with its choice.
    auto closed = reader->last_event(kBody);
    Json sealed = closed ? Json::parse(closed->payload) : Json();
    if (!closed || closed->type != "voting.poll_closed" || sealed["ballots"].size() != static_cast<size_t>(n))
      die("plenum: the recorded poll_closed event does not hold the ballot box");
    std::map<std::string, std::string> box;
    for (const auto& b : sealed["ballots"]) box[b[0]] = b[1];
    for (const auto& m : s.voters) {
      auto it = box.find(m.ballot);
      if (it == box.end() || it->second != m.choice) die("plenum: " + m.username + "'s ballot is missing or wrong");
    }
  }
  if (result_message) *result_message = full;
  return f;
}

MemoryFigures run_memory(const Seeded& s, const Options& o) {
  plenum::bench::TempDir dir(o.root, o.keep, "plenum-vote");
  std::string db = copy_template(s, dir.path);
  ClientPool pool(o.client_threads);
  Board board;
  std::vector<std::unique_ptr<Watcher>> watchers;
  Stage stage;
  start_server(o, db, s.members, stage);
  watch_all(s, o, pool, watchers, board, stage);
  MemoryFigures m;
  m.rss_before_kib = stage.rss0;
  m.rss_warm_kib = stage.rss_warm;
  m.rss_after_kib = stage.rss1;
  m.rss_per_client_kib = stage.per_screen(static_cast<size_t>(s.members));
  m.rss_overall_kib = stage.per_screen_overall(static_cast<size_t>(s.members));
  close_watchers(pool, watchers, board);
  pool.stop();
  stage.server->stop();
  return m;
}

// ------------------------------------------------------------------ node ws baseline

void ensure_node_modules() {
  std::string dir = PLENUM_WS_BASELINE_DIR;
  if (std::filesystem::exists(dir + "/node_modules/ws/package.json")) return;
  std::printf("installing the ws baseline's dependencies: npm ci --prefix %s\n", dir.c_str());
  std::fflush(stdout);
  std::string cmd = "npm ci --no-audit --no-fund --prefix '" + dir + "' >&2";
  if (std::system(cmd.c_str()) != 0) die("npm ci failed in " + dir);
}

// A message shaped like the live copy of plenum's poll_closed event for N votes, for --only ws
// without plenum.
std::string synthetic_result(const Seeded& s) {
  Json payload{
      {"poll_id", s.poll},
      {"motion_id", s.motion},
      {"method", "device"},
      {"for", s.expect_for},
      {"against", s.expect_against},
      {"abstain", s.expect_abstain},
      {"not_voted", 0},
      {"present", s.members},
      {"base_size", s.members},
      {"adopted", true},
      {"sealed_ballots", s.members},
      {"announcement_zh", "赞成" + std::to_string(s.expect_for) + "票，反对" + std::to_string(s.expect_against) +
                              "票，弃权" + std::to_string(s.expect_abstain) + "票，未按表决器0人。通过。"}};
  Json j{{"type", "event"},       {"body", kBody},
         {"seq", s.head_seq + 1}, {"event_type", "voting.poll_closed"},
         {"actor", "chair"},      {"at", "2024-03-05T01:00:00.000000Z"},
         {"payload", payload},    {"hash", plenum::sha256_hex("synthetic")}};
  return j.dump();
}

WsFigures run_ws(const Seeded& s, const Options& o, const std::string& message, bool synthetic) {
  const int n = s.members;
  WsFigures f;
  f.synthetic = synthetic;
  f.message_bytes = static_cast<double>(message.size());
  Child node({"node", std::string(PLENUM_WS_BASELINE_DIR) + "/server.js", "0"}, "node ws baseline");
  uint16_t port = static_cast<uint16_t>(node.read_number_after("listening ", 60));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  double rss0 = static_cast<double>(rss_kib(node.pid()));

  ClientPool pool(o.client_threads);
  Board board;
  board.members = n;
  board.quickack = o.quickack;
  std::vector<std::unique_ptr<Watcher>> watchers;
  std::vector<std::string> cookies;
  for (int i = 0; i < n; ++i) {
    watchers.push_back(std::make_unique<Watcher>(pool.at(static_cast<size_t>(i)), board));
    cookies.push_back(s.voters[i].cookie);  // the same handshake as against plenum (ignored)
  }
  tcp::endpoint ep(net::ip::make_address("127.0.0.1"), port);
  std::string target = "/api/v1/live?body=" + std::string(kBody) + "&since=" + std::to_string(s.head_seq);
  size_t warm = n >= 10 ? static_cast<size_t>(n) / 10 : 0;
  double rss_warm = rss0;
  for (auto [from, to] :
       {std::pair<size_t, size_t>{0, warm}, std::pair<size_t, size_t>{warm, static_cast<size_t>(n)}}) {
    if (from == to) continue;
    auto t = Clock::now();
    connect_watchers(pool, watchers, from, to, cookies, ep, target, 256);
    if (!wait_for([&] { return static_cast<size_t>(board.live + board.failed) >= to; }, 300) || board.failed)
      die("ws: screens did not all go live: " + board.first_error);
    f.connect_ms += ms_between(t, Clock::now());
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    (to == static_cast<size_t>(n) ? f.rss_after_kib : rss_warm) = static_cast<double>(rss_kib(node.pid()));
  }
  f.rss_before_kib = rss0;
  f.rss_per_client_kib = (f.rss_after_kib - rss_warm) / static_cast<double>(static_cast<size_t>(n) - warm);
  f.rss_overall_kib = (f.rss_after_kib - rss0) / n;

  ControlClient control(port);
  auto loaded = control.exchange(control.build(http::verb::post, "/message", message, nullptr));
  if (loaded.result_int() != 200) die("ws: /message: HTTP " + std::to_string(loaded.result_int()));
  std::string wire = control.build(http::verb::post, "/broadcast", "", nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CpuMeter cpu(node.pid());
  Clock::time_point t0 = Clock::now();
  auto res = control.exchange(wire);
  f.ack_ms = ms_between(t0, Clock::now());
  if (res.result_int() != 200 || Json::parse(res.body()).value("clients", 0) != n)
    die("ws: /broadcast answered " + res.body());
  if (!wait_for([&] { return board.results + board.failed >= n; }, 600) || board.failed)
    die("ws: not every client received the message: " + board.first_error);
  cpu.stop();
  f.cpu_ms = cpu.server_ms;
  f.client_cpu_ms = cpu.client_ms;
  f.others_ms = cpu.others_ms;
  close_watchers(pool, watchers, board);
  pool.stop();
  node.stop();

  Json msg = Json::parse(message);
  const Json& p = msg["payload"];
  Received r = check_results(watchers, t0, message.size(), p["for"], p["against"], p["abstain"], "ws");
  f.first_ms = r.first;
  f.r50 = r.p50;
  f.r99 = r.p99;
  f.rmax = r.max;
  f.start_p50 = r.start_p50;
  f.start_max = r.start_max;
  return f;
}

// ------------------------------------------------------------------ raw SQLite baseline

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    die(std::string("sqlite baseline ") + what + ": " + sqlite3_errmsg(db));
}

// The ledger's group commit with nothing else: one writer thread takes everything queued (up to
// the ledger's max_batch of 4,096), BEGIN IMMEDIATE, for each vote a poll_ballots row (keyed by
// the ballot id) and a poll_voters row, in plenum's schema; COMMIT (WAL, synchronous=FULL);
// then acknowledges the batch.
class RawVotes {
 public:
  RawVotes(const std::string& path, size_t expected) : acked_at_(expected) {
    check(
        db_,
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr),
        "open");
    sql_exec(db_, "PRAGMA journal_mode=WAL", "sqlite baseline");
    sql_exec(db_, "PRAGMA synchronous=FULL", "sqlite baseline");
    // plenum's two ballot tables as in src/voting/tables.cpp (schema.sql.h at c167edb) (spelled out
    // here so the baseline does not move with schema work in progress).
    sql_exec(db_,
             "CREATE TABLE poll_ballots(poll_id INTEGER NOT NULL, ballot TEXT NOT NULL, member_id INTEGER NOT NULL, "
             "choice TEXT NOT NULL, PRIMARY KEY(poll_id, ballot)) WITHOUT ROWID;"
             "CREATE TABLE poll_voters(poll_id INTEGER NOT NULL, member_id INTEGER NOT NULL, "
             "PRIMARY KEY(poll_id, member_id)) WITHOUT ROWID;",
             "sqlite baseline schema");
    prepare(&ballot_, "INSERT INTO poll_ballots(poll_id, ballot, member_id, choice) VALUES(?,?,0,?)");
    prepare(&voter_, "INSERT INTO poll_voters(poll_id, member_id) VALUES(?,?)");
    thread_ = std::thread([this] { run(); });
  }
  ~RawVotes() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    thread_.join();
    sqlite3_finalize(ballot_);
    sqlite3_finalize(voter_);
    sqlite3_close(db_);
  }

  void submit(size_t index, const Member* m) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back({index, m});
    }
    cv_.notify_one();
  }
  void wait_all() {
    std::unique_lock<std::mutex> lock(done_mu_);
    done_cv_.wait(lock, [&] { return acked_ == acked_at_.size(); });
  }
  const std::vector<Clock::time_point>& acked_at() const { return acked_at_; }
  int64_t commits() const { return commits_; }
  int64_t largest() const { return largest_; }

  void verify(const Seeded& s) {
    auto count = [&](const std::string& sql) {
      sqlite3_stmt* st = nullptr;
      check(db_, sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr), "prepare count");
      check(db_, sqlite3_step(st), "count");
      int64_t v = sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
      return v;
    };
    if (count("SELECT count(*) FROM poll_voters") != s.members ||
        count("SELECT count(*) FROM poll_ballots WHERE choice = 'for'") != s.expect_for ||
        count("SELECT count(*) FROM poll_ballots WHERE choice = 'against'") != s.expect_against ||
        count("SELECT count(*) FROM poll_ballots WHERE choice = 'abstain'") != s.expect_abstain)
      die("sqlite baseline: wrong rows");
  }

 private:
  struct Item {
    size_t index;
    const Member* m;
  };
  void prepare(sqlite3_stmt** st, const char* sql) {
    check(db_, sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, st, nullptr), "prepare");
  }
  void step(sqlite3_stmt* st, const char* what) {
    check(db_, sqlite3_step(st), what);
    sqlite3_reset(st);
  }
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
      sql_exec(db_, "BEGIN IMMEDIATE", "sqlite baseline");
      for (const Item& it : batch) {
        sqlite3_bind_int64(ballot_, 1, 1);
        sqlite3_bind_text(ballot_, 2, it.m->ballot.data(), static_cast<int>(it.m->ballot.size()), SQLITE_STATIC);
        sqlite3_bind_text(ballot_, 3, it.m->choice.data(), static_cast<int>(it.m->choice.size()), SQLITE_STATIC);
        step(ballot_, "insert ballot");
        sqlite3_bind_int64(voter_, 1, 1);
        sqlite3_bind_int64(voter_, 2, it.m->id);
        step(voter_, "insert voter");
      }
      sql_exec(db_, "COMMIT", "sqlite baseline");  // durable here: WAL fsync under synchronous=FULL
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
  sqlite3_stmt* ballot_ = nullptr;
  sqlite3_stmt* voter_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::vector<Clock::time_point> acked_at_;
  std::mutex done_mu_;
  std::condition_variable done_cv_;
  size_t acked_ = 0;
  int64_t commits_ = 0, largest_ = 0;
  std::thread thread_;
};

SqliteFigures run_sqlite(const Seeded& s, const Options& o) {
  plenum::bench::TempDir dir(o.root, o.keep, "plenum-vote");
  const int n = s.members;
  RawVotes raw(dir.path + "/baseline.db", static_cast<size_t>(n));
  // Many producers released together, each submitting its share without waiting, as the
  // server's connections do (and as bench/checkin_burst.cpp's baselines do).
  const int producers = 16;
  std::vector<Clock::time_point> submitted(n);
  std::latch start(producers + 1);
  std::vector<std::thread> threads;
  for (int p = 0; p < producers; ++p)
    threads.emplace_back([&, p] {
      start.arrive_and_wait();
      for (int i = p; i < n; i += producers) {
        submitted[i] = Clock::now();
        raw.submit(static_cast<size_t>(i), &s.voters[i]);
      }
    });
  start.arrive_and_wait();
  raw.wait_all();
  for (auto& t : threads) t.join();
  raw.verify(s);
  std::vector<double> lat;
  Clock::time_point first = submitted[0], last = raw.acked_at()[0];
  for (int i = 0; i < n; ++i) {
    lat.push_back(ms_between(submitted[i], raw.acked_at()[i]));
    first = std::min(first, submitted[i]);
    last = std::max(last, raw.acked_at()[i]);
  }
  SqliteFigures f;
  f.wall_ms = ms_between(first, last);
  f.rate = n / (f.wall_ms / 1000.0);
  f.p50 = percentile(lat, 50);
  f.p90 = percentile(lat, 90);
  f.p99 = percentile(lat, 99);
  f.max = percentile(lat, 100);
  f.commits = static_cast<double>(raw.commits());
  f.largest = static_cast<double>(raw.largest());
  return f;
}

// ------------------------------------------------------------------ report

template <class F>
F medians(const std::vector<F>& runs, std::initializer_list<double F::*> fields) {
  F m = runs.front();
  for (auto field : fields) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(r.*field);
    m.*field = median(v);
  }
  return m;
}

PlenumFigures median_plenum(const std::vector<PlenumFigures>& r) {
  using P = PlenumFigures;
  return medians<P>(r, {&P::acked,
                        &P::connect_ms,
                        &P::rss_before_kib,
                        &P::rss_after_kib,
                        &P::rss_per_client_kib,
                        &P::rss_overall_kib,
                        &P::wall_ms,
                        &P::rate,
                        &P::p50,
                        &P::p90,
                        &P::p99,
                        &P::max,
                        &P::lag_ms,
                        &P::cast_cpu_ms,
                        &P::client_cpu_ms,
                        &P::settle_ms,
                        &P::notices,
                        &P::close_ack_ms,
                        &P::first_ms,
                        &P::r50,
                        &P::r99,
                        &P::rmax,
                        &P::start_p50,
                        &P::start_max,
                        &P::close_cpu_ms,
                        &P::close_client_cpu_ms,
                        &P::others_cast_ms,
                        &P::others_close_ms,
                        &P::message_bytes,
                        &P::sign_in_ms,
                        &P::sign_in_attempts,
                        &P::new_device_ms,
                        &P::new_device_attempts,
                        &P::attacker_cast_ms,
                        &P::attacker_close_ms,
                        &P::held});
}
WsFigures median_ws(const std::vector<WsFigures>& r) {
  using W = WsFigures;
  return medians<W>(r, {&W::connect_ms, &W::rss_before_kib, &W::rss_after_kib, &W::rss_per_client_kib,
                        &W::rss_overall_kib, &W::ack_ms, &W::first_ms, &W::r50, &W::r99, &W::rmax, &W::start_p50,
                        &W::start_max, &W::cpu_ms, &W::client_cpu_ms, &W::others_ms, &W::message_bytes});
}
SqliteFigures median_sqlite(const std::vector<SqliteFigures>& r) {
  using S = SqliteFigures;
  return medians<S>(r, {&S::wall_ms, &S::rate, &S::p50, &S::p90, &S::p99, &S::max, &S::commits, &S::largest});
}
MemoryFigures median_memory(const std::vector<MemoryFigures>& r) {
  using M = MemoryFigures;
  return medians<M>(
      r, {&M::rss_before_kib, &M::rss_warm_kib, &M::rss_after_kib, &M::rss_per_client_kib, &M::rss_overall_kib});
}

std::string plenum_label(double spread, const PlenumFigures& f) {
  std::string l = spread > 0 ? "over " + std::to_string(static_cast<int>(spread)) + " ms" : "back to back";
  l += f.connect ? ", connect per vote" : ", keep-alive";
  if (f.setting == Setting::kScreensAfter) l += ", screens connected after the votes (diagnostic)";
  if (f.setting == Setting::kUnderAttack) l += ", under attack";
  return l;
}

void print_plenum(int n, double spread, int run, const PlenumFigures& f) {
  if (f.incomplete) {
    std::printf(
        "plenum  N=%d %s run %d: INCOMPLETE: %.0f of %d votes acknowledged in %.1f s (%.0f votes/s), "
        "CPU server %.0f client %.0f others %.0f ms, notices/screen %.0f\n",
        n, plenum_label(spread, f).c_str(), run, f.acked, n, f.wall_ms / 1000, f.rate, f.cast_cpu_ms, f.client_cpu_ms,
        f.others_cast_ms, f.notices);
    std::fflush(stdout);
    return;
  }
  std::printf(
      "plenum  N=%d %s run %d: votes p50 %.1f p90 %.1f p99 %.1f max %.1f ms, "
      "%.0f votes/s over %.1f ms, client lag %.1f ms, CPU server %.0f client %.0f others %.0f ms, "
      "notices/screen %.0f, settle %.1f ms | close ack %.1f ms, result first %.1f p50 %.1f p99 %.1f "
      "max %.1f ms (first byte p50 %.1f max %.1f), %.0f bytes, CPU server %.0f client %.0f others %.0f ms | screens "
      "live in %.0f ms, RSS %.0f -> %.0f KiB "
      "(%.1f KiB/screen marginal, %.1f overall)\n",
      n, plenum_label(spread, f).c_str(), run, f.p50, f.p90, f.p99, f.max, f.rate, f.wall_ms, f.lag_ms, f.cast_cpu_ms,
      f.client_cpu_ms, f.others_cast_ms, f.notices, f.settle_ms, f.close_ack_ms, f.first_ms, f.r50, f.r99, f.rmax,
      f.start_p50, f.start_max, f.message_bytes, f.close_cpu_ms, f.close_client_cpu_ms, f.others_close_ms, f.connect_ms,
      f.rss_before_kib, f.rss_after_kib, f.rss_per_client_kib, f.rss_overall_kib);
  std::printf(
      "        a member's sign-in after the votes: known device %.1f ms, %.0f attempt(s); new device %.1f ms, "
      "%.0f attempt(s)%s\n",
      f.sign_in_ms, f.sign_in_attempts, f.new_device_ms, std::abs(f.new_device_attempts),
      f.new_device_attempts < 0 ? " (gave up)" : "");
  if (f.setting == Setting::kUnderAttack)
    std::printf("        attacker: %.0f connections held; CPU %.0f ms (votes) %.0f ms (close); tally %s\n", f.held,
                f.attacker_cast_ms, f.attacker_close_ms, f.attack.dump().c_str());
  std::fflush(stdout);
}

void print_ws(int n, int run, const WsFigures& f) {
  std::printf(
      "ws      N=%d run %d: result first %.1f p50 %.1f p99 %.1f max %.1f ms (first byte p50 %.1f max %.1f), "
      "sends queued %.1f ms, "
      "%.0f bytes%s, CPU node %.0f client %.0f others %.0f ms | live in %.0f ms, RSS %.0f -> %.0f KiB (%.1f KiB/client "
      "marginal, "
      "%.1f overall)\n",
      n, run, f.first_ms, f.r50, f.r99, f.rmax, f.start_p50, f.start_max, f.ack_ms, f.message_bytes,
      f.synthetic ? " (synthetic)" : "", f.cpu_ms, f.client_cpu_ms, f.others_ms, f.connect_ms, f.rss_before_kib,
      f.rss_after_kib, f.rss_per_client_kib, f.rss_overall_kib);
  std::fflush(stdout);
}

void print_sqlite(int n, int run, const SqliteFigures& f) {
  std::printf(
      "sqlite  N=%d run %d: %.0f votes/s over %.1f ms, p50 %.1f p90 %.1f p99 %.1f max %.1f ms, "
      "%.0f commits, largest %.0f\n",
      n, run, f.rate, f.wall_ms, f.p50, f.p90, f.p99, f.max, f.commits, f.largest);
  std::fflush(stdout);
}

void print_memory(int n, int run, const MemoryFigures& f) {
  std::printf(
      "memory  N=%d run %d: plenum serve RSS %.0f KiB, %.0f with a tenth of the screens, %.0f with all %d "
      "idle: %.1f KiB per screen marginal, %.1f overall\n",
      n, run, f.rss_before_kib, f.rss_warm_kib, f.rss_after_kib, n, f.rss_per_client_kib, f.rss_overall_kib);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::string only;
  const char* usage =
      "usage: plenum_vote_bench [--members 2956,10000] [--runs 3] [--only plenum,after,attack,sqlite,ws,memory]\n"
      "                         [--spread-ms 1000[,0]] [--cast-conn auto|keepalive|connect]\n"
      "                         [--client-threads 2] [--server-threads 2] [--no-quickack] [--dir PATH] [--keep]\n"
      "                         [--cast-timeout 120]\n"
      "  plenum  votes over HTTP to `plenum serve`, then the close and the result at every screen\n"
      "  after   diagnostic: as plenum (first --spread-ms), but the screens connect after the votes\n"
      "  attack  as plenum, while bench/attacker.cpp holds connections, floods sign-ins and sends\n"
      "          oversized bodies from other loopback addresses (N up to 6,700: the members share\n"
      "          127.0.0.1 under the server's default per-address limit)\n"
      "  sqlite  raw SQLite group-commit inserts of the same votes\n"
      "  ws      Node.js `ws` broadcasting the same result bytes to the same number of clients\n"
      "  memory  server RSS per idle connected screen\n";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) die("missing value after " + a);
      return argv[++i];
    };
    if (a == "--members") {
      o.members.clear();
      for (const auto& m : plenum::store::split_words(value())) o.members.push_back(std::atoi(m.c_str()));
    } else if (a == "--runs")
      o.runs = std::atoi(value().c_str());
    else if (a == "--only")
      only = value();
    else if (a == "--spread-ms") {
      o.spreads.clear();
      for (const auto& v : plenum::store::split_words(value())) o.spreads.push_back(std::atof(v.c_str()));
    } else if (a == "--cast-conn")
      o.cast_conn = value();
    else if (a == "--client-threads")
      o.client_threads = std::atoi(value().c_str());
    else if (a == "--server-threads")
      o.server_threads = std::atoi(value().c_str());
    else if (a == "--no-quickack")
      o.quickack = false;
    else if (a == "--cast-timeout")
      o.cast_timeout_s = std::atof(value().c_str());
    else if (a == "--dir")
      o.root = value();
    else if (a == "--keep")
      o.keep = true;
    else if (a == "-h" || a == "--help") {
      std::printf("%s", usage);
      return 0;
    } else
      die("unknown argument " + a + "\n" + usage);
  }
  for (int m : o.members)
    if (m < 1 || m > 99999) die("--members: each N must be 1..99999");
  if (o.runs < 1 || o.spreads.empty() || o.client_threads < 1 || o.server_threads < 1) die(usage);
  if (o.cast_conn != "auto" && o.cast_conn != "keepalive" && o.cast_conn != "connect") die(usage);
  const char* sides[] = {"plenum", "after", "attack", "sqlite", "ws", "memory"};
  auto wanted = [&](const std::string& side) {
    if (only.empty()) return true;
    return ("," + only + ",").find("," + side + ",") != std::string::npos;
  };
  if (std::none_of(std::begin(sides), std::end(sides), wanted)) die(std::string("--only: unknown side\n") + usage);
  if (sodium_init() < 0) die("sodium_init failed");
  std::atexit(kill_children);
  ::signal(SIGPIPE, SIG_IGN);

  o.fd_limit = raise_fd_limit(0);
  o.root = pick_root(o.root);
  if (wanted("ws")) ensure_node_modules();
  auto [fsync_p50, fsync_p99] = fsync_probe(o.root);
  std::printf("vote burst: N = ");
  for (size_t i = 0; i < o.members.size(); ++i) std::printf("%s%d", i ? ", " : "", o.members[i]);
  std::printf(
      "; %d runs; databases under %s (%s); %u cpus; open-file limit %zu; %d client threads, "
      "%d server threads; screens ACK %s\n",
      o.runs, o.root.c_str(), filesystem_type(o.root).c_str(), std::thread::hardware_concurrency(), o.fd_limit,
      o.client_threads, o.server_threads, o.quickack ? "at once (TCP_QUICKACK)" : "as the kernel does");
  std::printf("fsync probe (4 KiB pwrite + fdatasync): p50 %.2f ms, p99 %.2f ms\n", fsync_p50, fsync_p99);
  std::fflush(stdout);

  plenum::bench::TempDir seeds(o.root, o.keep, "plenum-vote");
  struct Summary {
    int n;
    std::map<std::pair<Setting, double>, std::vector<PlenumFigures>> plenum;  // by (setting, spread)
    std::vector<SqliteFigures> sqlite;
    std::vector<WsFigures> ws;
    std::vector<MemoryFigures> memory;
    double seed_ms = 0;
  };
  std::vector<Summary> summaries;
  for (int n : o.members) {
    Summary sum;
    sum.n = n;
    std::string seed_dir = seeds.path + "/n" + std::to_string(n);
    std::filesystem::create_directories(seed_dir);
    Seeded s = seed(n, seed_dir);
    sum.seed_ms = s.seed_ms;
    std::printf(
        "\nN = %d: seeded in %.1f s (poll %lld, head seq %lld; expecting %lld for, %lld against, %lld abstaining)\n", n,
        s.seed_ms / 1000, static_cast<long long>(s.poll), static_cast<long long>(s.head_seq),
        static_cast<long long>(s.expect_for), static_cast<long long>(s.expect_against),
        static_cast<long long>(s.expect_abstain));
    std::fflush(stdout);
    std::string result_message;
    for (int r = 1; r <= o.runs; ++r) {
      auto plenum_row = [&](Setting setting, double spread) {
        auto& runs = sum.plenum[{setting, spread}];
        std::string message;
        runs.push_back(run_plenum(s, o, r, spread, setting, &message));
        if (!message.empty()) result_message = message;
        print_plenum(n, spread, r, runs.back());
      };
      for (double spread : o.spreads) {
        if (wanted("plenum")) plenum_row(Setting::kPlain, spread);
        // Above that, the members need the per-address limit raised, which the attacker's
        // addresses would then share.
        if (wanted("attack") && 2 * n + 16 <= kDefaultPerAddress) plenum_row(Setting::kUnderAttack, spread);
      }
      if (wanted("after")) plenum_row(Setting::kScreensAfter, o.spreads.front());
      if (wanted("sqlite")) {
        sum.sqlite.push_back(run_sqlite(s, o));
        print_sqlite(n, r, sum.sqlite.back());
      }
      if (wanted("ws")) {
        bool synthetic = result_message.empty();
        sum.ws.push_back(run_ws(s, o, synthetic ? synthetic_result(s) : result_message, synthetic));
        print_ws(n, r, sum.ws.back());
      }
      if (wanted("memory")) {
        sum.memory.push_back(run_memory(s, o));
        print_memory(n, r, sum.memory.back());
      }
    }
    summaries.push_back(std::move(sum));
  }

  // Medians over the runs that finished; a row whose runs did not all finish says so.
  auto finished = [](const std::vector<PlenumFigures>& runs) {
    std::vector<PlenumFigures> out;
    for (const auto& r : runs)
      if (!r.incomplete) out.push_back(r);
    return out;
  };
  std::printf("\nmedians of %d runs (latencies in ms)\n\n", o.runs);
  std::printf(
      "| N | votes | p50 | p90 | p99 | max | votes/s | CPU ms server (µs/vote) / client / others | "
      "notices/screen | settle |\n");
  std::printf("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& sum : summaries) {
    for (const auto& [key, runs] : sum.plenum) {
      double spread = key.second;
      auto done = finished(runs);
      if (done.size() < runs.size()) {
        PlenumFigures m = median_plenum(runs);
        std::printf(
            "| %d | plenum, %s: did not finish in %zu of %zu runs: median %.0f of %d acknowledged in %.0f s | | | | | "
            "%.0f | %.0f / %.0f / %.0f | %.0f | |\n",
            sum.n, plenum_label(spread, m).c_str(), runs.size() - done.size(), runs.size(), m.acked, sum.n,
            m.wall_ms / 1000, m.rate, m.cast_cpu_ms, m.client_cpu_ms, m.others_cast_ms, m.notices);
      }
      if (done.empty()) continue;
      PlenumFigures m = median_plenum(done);
      std::printf(
          "| %d | plenum, %s%s | %.1f | %.1f | %.1f | %.1f | %.0f | %.0f (%.0f) / %.0f / %.0f | %.0f | %.1f |\n", sum.n,
          plenum_label(spread, m).c_str(),
          done.size() < runs.size() ? (", the " + std::to_string(done.size()) + " runs that finished").c_str() : "",
          m.p50, m.p90, m.p99, m.max, m.rate, m.cast_cpu_ms, 1000 * m.cast_cpu_ms / sum.n, m.client_cpu_ms,
          m.others_cast_ms, m.notices, m.settle_ms);
    }
    if (!sum.sqlite.empty()) {
      SqliteFigures m = median_sqlite(sum.sqlite);
      std::printf("| %d | raw SQLite, back to back | %.1f | %.1f | %.1f | %.1f | %.0f | | %.0f commits | |\n", sum.n,
                  m.p50, m.p90, m.p99, m.max, m.rate, m.commits);
    }
  }
  std::printf(
      "\n| N | result at the screens | bytes | ack ms | first | p50 | p99 | max | first byte p50 / max | "
      "CPU ms server / client / others |\n");
  std::printf("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& sum : summaries) {
    for (const auto& [key, runs] : sum.plenum) {
      double spread = key.second;
      auto done = finished(runs);
      if (done.empty()) continue;
      PlenumFigures m = median_plenum(done);
      std::printf(
          "| %d | plenum close (after votes %s) | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f | "
          "%.0f / %.0f / %.0f |\n",
          sum.n, plenum_label(spread, m).c_str(), m.message_bytes, m.close_ack_ms, m.first_ms, m.r50, m.r99, m.rmax,
          m.start_p50, m.start_max, m.close_cpu_ms, m.close_client_cpu_ms, m.others_close_ms);
    }
    if (!sum.ws.empty()) {
      WsFigures m = median_ws(sum.ws);
      std::printf(
          "| %d | node ws broadcast%s | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f | "
          "%.0f / %.0f / %.0f |\n",
          sum.n, m.synthetic ? " (synthetic message)" : "", m.message_bytes, m.ack_ms, m.first_ms, m.r50, m.r99, m.rmax,
          m.start_p50, m.start_max, m.cpu_ms, m.client_cpu_ms, m.others_ms);
    }
  }
  std::printf(
      "\n| N | memory per idle screen | RSS before KiB | RSS after KiB | KiB per screen (marginal) | "
      "KiB per screen (overall) |\n");
  std::printf("|---:|---|---:|---:|---:|---:|\n");
  for (const auto& sum : summaries) {
    if (!sum.memory.empty()) {
      MemoryFigures m = median_memory(sum.memory);
      std::printf("| %d | plenum serve | %.0f | %.0f | %.1f | %.1f |\n", sum.n, m.rss_before_kib, m.rss_after_kib,
                  m.rss_per_client_kib, m.rss_overall_kib);
    }
    for (const auto& [key, runs] : sum.plenum) {
      double spread = key.second;
      auto done = finished(runs);
      if (done.empty() || done.front().setting == Setting::kScreensAfter) continue;
      PlenumFigures m = median_plenum(done);
      std::printf("| %d | plenum serve (before the votes, %s) | %.0f | %.0f | %.1f | %.1f |\n", sum.n,
                  plenum_label(spread, m).c_str(), m.rss_before_kib, m.rss_after_kib, m.rss_per_client_kib,
                  m.rss_overall_kib);
    }
    if (!sum.ws.empty()) {
      WsFigures m = median_ws(sum.ws);
      std::printf("| %d | node ws | %.0f | %.0f | %.1f | %.1f |\n", sum.n, m.rss_before_kib, m.rss_after_kib,
                  m.rss_per_client_kib, m.rss_overall_kib);
    }
  }

  // With and without the attack, in the same run.
  auto tally = [](const Json& t, const char* group, const std::string& key) {
    const Json& g = t.contains(group) ? t[group] : Json::object();
    return g.contains(key) ? g[key].get<int64_t>() : int64_t{0};
  };
  bool attacked = false;
  for (const auto& sum : summaries)
    for (const auto& [key, runs] : sum.plenum) attacked = attacked || key.first == Setting::kUnderAttack;
  if (attacked) {
    std::printf(
        "\n| N | setting | votes p99 | votes max | result p99 | result max | a member's sign-in after the votes, known "
        "/ new device, ms | "
        "CPU ms server / attacker (votes) |\n");
    std::printf("|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& sum : summaries)
      for (const auto& [key, runs] : sum.plenum) {
        auto done = finished(runs);
        if (key.first == Setting::kScreensAfter || done.empty()) continue;
        PlenumFigures m = median_plenum(done);
        size_t gave_up = 0;
        for (const auto& r : done) gave_up += r.new_device_attempts < 0;
        std::string fresh = std::to_string(static_cast<int>(m.new_device_ms));
        if (gave_up)
          fresh +=
              " (gave up after 30 s in " + std::to_string(gave_up) + " of " + std::to_string(done.size()) + " runs)";
        std::printf("| %d | %s | %.1f | %.1f | %.1f | %.1f | %.0f / %s | %.0f / %.0f |\n", sum.n,
                    plenum_label(key.second, m).c_str(), m.p99, m.max, m.r99, m.rmax, m.sign_in_ms, fresh.c_str(),
                    m.cast_cpu_ms, m.attacker_cast_ms);
      }
    std::printf(
        "\nwhat the attacker saw, per run: connections held / opened / refused at once / timed out; "
        "sign-ins answered 401 / 429 / other; oversized bodies answered, and body bytes sent\n");
    for (const auto& sum : summaries)
      for (const auto& [key, runs] : sum.plenum) {
        if (key.first != Setting::kUnderAttack) continue;
        for (size_t r = 0; r < runs.size(); ++r) {
          const Json& t = runs[r].attack;
          if (t.is_null()) continue;
          int64_t other = 0;
          for (const auto& [status, count] : t["logins"].items())
            if (status != "401" && status != "429") other += count.get<int64_t>();
          std::printf(
              "N = %d run %zu: held %.0f / %lld / %lld / %lld; sign-ins %lld / %lld / %lld; oversized %s, %.1f MB\n",
              sum.n, r + 1, runs[r].held, static_cast<long long>(t.value("hold_opened", int64_t{0})),
              static_cast<long long>(t.value("hold_refused", int64_t{0})),
              static_cast<long long>(t.value("hold_timed_out", int64_t{0})),
              static_cast<long long>(tally(t, "logins", "401")), static_cast<long long>(tally(t, "logins", "429")),
              static_cast<long long>(other), t["oversize"].dump().c_str(),
              static_cast<double>(t.value("oversize_bytes", int64_t{0})) / 1e6);
        }
      }
  }

  std::printf("\ntargets\n");
  for (const auto& sum : summaries) {
    for (const auto& [key, runs] : sum.plenum) {
      double spread = key.second;
      auto done = finished(runs);
      std::string row = "votes " + plenum_label(spread, runs.front());
      if (done.size() < runs.size())
        std::printf(
            "N = %d, %s: MISSED every target: not every vote was acknowledged within %.0f s in %zu of %zu runs\n",
            sum.n, row.c_str(), o.cast_timeout_s, runs.size() - done.size(), runs.size());
      if (done.empty()) continue;
      PlenumFigures m = median_plenum(done);
      if (sum.n == 2956)
        std::printf("p99 acknowledgement <= 50 ms at N = 2,956 (%s): %s (%.1f ms)\n", row.c_str(),
                    m.p99 <= 50 ? "met" : "MISSED", m.p99);
      if (sum.n == 10000)
        std::printf("result at every screen <= 250 ms after the close at N = 10,000 (%s): %s (max %.1f ms)\n",
                    row.c_str(), m.rmax <= 250 ? "met" : "MISSED", m.rmax);
      if (!sum.ws.empty()) {
        WsFigures w = median_ws(sum.ws);
        std::printf(
            "N = %d, %s: broadcast at least as fast as node ws: %s (max %.1f vs %.1f ms, p99 %.1f vs %.1f; "
            "ratio of max %.2f)\n",
            sum.n, row.c_str(), m.rmax <= w.rmax ? "met" : "MISSED", m.rmax, w.rmax, m.r99, w.r99, m.rmax / w.rmax);
      }
    }
    if (!sum.memory.empty()) {
      MemoryFigures m = median_memory(sum.memory);
      std::printf("N = %d: memory per idle connected screen <= 32 KiB: %s (%.1f KiB marginal, %.1f overall)\n", sum.n,
                  std::max(m.rss_per_client_kib, m.rss_overall_kib) <= 32 ? "met" : "MISSED", m.rss_per_client_kib,
                  m.rss_overall_kib);
    }
  }
  return 0;
}
