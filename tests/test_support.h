// Shared test fixtures: a temporary directory, an App on a fresh SQLite store, a real server on
// a free port, and real HTTP and WebSocket clients (Boost.Beast, kept out of this header).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/app.h"
#include "base/json.h"
#include "demo/skeleton.h"
#include "server/server.h"

namespace plenum::testing {

// A fresh directory under /tmp, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Opens an App on `db` (the project's rulebooks); aborts the test on failure.
std::unique_ptr<app::App> open_app(const std::string& db);

// Runs an action as `actor` and returns the Result.
Result<ledger::Ack> act(app::App& app, const std::string& action, Json args,
                        const std::string& actor = ledger::kSystemActor, const std::string& request_id = "");

// Polls `done` every millisecond until it holds; false once `limit` has passed. It guards a
// test against hanging on a server that stopped answering; it never measures anything.
bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(300));

// A small assembly for tests: demo::seed_skeleton's (term 1, session 1, one plenary sitting,
// `members` members in 甲团 and 乙团, seats S0001…) for body `body` with `rulebook`.
using Assembly = demo::Skeleton;
Assembly seed_assembly(app::App& app, const std::string& body, const std::string& rulebook, int members,
                       const std::string& level = "");

// Opens the sitting of `a`, checks in its first `checked_in` members (-1: all; a vote opens only
// at a quorate sitting), places a new draft resolution on the agenda and opens its vote (the
// rulebook's default mode). Returns the poll id; throws if a step is refused.
int64_t open_vote(app::App& app, const Assembly& a, int checked_in = -1);

// Runs SQL on the database file directly, as someone with access to the file could; throws
// with SQLite's message on failure.
void raw_sql(const std::string& db, const std::string& sql);

// Creates an account with the given roles ([{body, role}]), password "password-123".
void add_account(app::App& app, const std::string& username, Json roles, int64_t member_id = 0);

// Member accounts "<prefix><member id>" (role member in `body`) for each id, created from
// several threads at once (each costs one Argon2id hash).
void add_member_accounts(app::App& app, const std::string& body, const std::vector<int64_t>& member_ids,
                         const std::string& prefix = "m");

// A login session for `username` written straight to the store, skipping the Argon2id check of
// a real sign-in, for tests that need hundreds of members signed in. Returns the Cookie header
// value and the CSRF token, as HttpClient::login would leave them.
struct SignedIn {
  std::string cookie;
  std::string csrf;
};
SignedIn sign_in_directly(app::App& app, const std::string& username);

// A plenum server on 127.0.0.1 with a free port, serving on its own threads; `options` sets
// its limits (the address and port are the test's).
class TestServer {
 public:
  explicit TestServer(app::App& app, server::Options options = {});
  ~TestServer();
  uint16_t port() const { return port_; }

 private:
  std::unique_ptr<server::Server> server_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  Json json() const;                           // parses body; throws on invalid JSON
};

// A keep-alive HTTP/1.1 client with a cookie jar and the CSRF token of its last login.
class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();
  HttpReply request(const std::string& method, const std::string& target, const std::string& body = "",
                    std::map<std::string, std::string> headers = {});
  HttpReply get(const std::string& target) { return request("GET", target); }
  // POST JSON with the session cookie and CSRF token.
  HttpReply post_json(const std::string& target, const std::string& body);
  HttpReply action(const std::string& action, const Json& args, const std::string& request_id = "");
  // Signs in; returns the reply. Keeps the cookie and CSRF token on success.
  HttpReply login(const std::string& username, const std::string& password = "password-123");
  std::string cookie;         // plenum_session=...
  std::string device_cookie;  // plenum_device=..., sent only with sign-ins (its Path)
  std::string csrf;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint16_t port_;
};

// A WebSocket client for /api/v1/live.
class LiveClient {
 public:
  // Connects with the given cookie; throws if the upgrade is refused.
  LiveClient(uint16_t port, const std::string& cookie, const std::string& body, int64_t since);
  ~LiveClient();
  // The next text message as JSON; throws after `timeout_ms` without one (by default a guard
  // against a server that stopped sending, long enough for a loaded machine, never a measure).
  Json next(int timeout_ms = 60000);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The built plenum binary serving `db` as a child process on a free port, for tests that kill
// it, with `serve_args` after `serve --port N` and its stderr (the log) into `log_file` if
// given. The constructor returns once it answers /api/v1/health (throws if it never does).
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db, const std::vector<std::string>& serve_args = {},
                         const std::string& log_file = "");
  ~ServerProcess();  // kills it if it still runs
  uint16_t port() const { return port_; }
  // SIGKILL and reap it; true if it died of that signal (and not earlier on its own).
  bool kill9();
  // SIGTERM and reap it: its exit code, or -1 if it had not exited within `seconds` (then it is
  // killed) or died of a signal.
  int terminate(int seconds = 30);

 private:
  int pid_ = -1;
  uint16_t port_ = 0;
};

// Runs the built plenum binary with arguments; returns {exit code, stdout+stderr}.
std::pair<int, std::string> run_plenum(const std::string& args);

}  // namespace plenum::testing
