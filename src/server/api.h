// The HTTP API without the transport: a request in, a response out (possibly later, once the
// ledger has committed). Beast stays in server.cpp; this file only speaks plenum.
//
// Writes: POST /api/v1/actions {"action", "args", "request_id"?} and the roster upload
// POST /api/v1/bodies/{body}/roster (text/csv). Reads: GET queries. Auth: POST
// /api/v1/auth/login sets an HttpOnly, SameSite=Strict session cookie and returns a CSRF token
// that every later POST must echo in X-CSRF-Token. Errors: {"error": {code, message_zh,
// message_en, field, rule, details}} with the status of DESIGN.md section 8.
//
// Every byte of a request is hostile (docs/SECURITY.md): admit() decides from the request's head
// alone how large a body may follow (so a stranger's body is never read), handle() answers
// exactly once whatever is thrown, sign-ins are queued boundedly and throttled, and static files
// come only from the web root (server/static_files.h).
//
// Thread-safety: handle() and admit() may be called from any number of threads at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "base/json.h"
#include "server/log.h"
#include "server/login_queue.h"
#include "server/login_throttle.h"
#include "server/metrics.h"
#include "server/static_files.h"
#include "server/target.h"

namespace plenum::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query
  std::string body;
  std::string content_type;
  std::string cookie;           // the Cookie header
  std::string csrf_token;       // the X-CSRF-Token header
  std::string idempotency_key;  // the Idempotency-Key header
  std::string authorization;    // the Authorization header (GET /metrics's bearer token)
  std::string client_address;   // the peer, or the client a trusted proxy forwarded for
  bool secure = false;          // came over TLS (a trusted proxy said X-Forwarded-Proto: https)
  std::string id;               // the server's id for this request (X-Request-Id, the log)
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::string> set_cookies;  // one Set-Cookie header each
  std::optional<StaticFile> file;        // a file of the web root to stream instead of `body`
  int64_t retry_after = 0;               // seconds, for 429; 0: no Retry-After header
  int64_t total_count = -1;              // a list route's X-Total-Count (ledger/listing.h); -1: none
  std::string link;                      // a list route's Link header to the next page; "": none
  // If set, the transport calls it on the connection's own thread to fill in the response, so
  // the ledger's writer thread does not spend its time serialising answers.
  std::function<void(HttpResponse&)> build;
  // For the request log and the metrics (server/metrics.h), set by the Api: the route pattern
  // or fixed name the request matched, the registered action it submitted, the account.
  std::string route, action, actor;
};

// The signed-in account behind a request, if any.
struct Caller {
  std::string username;
  std::string csrf_token;
  bool signed_in() const { return !username.empty(); }
};

// Every limit of the API, with its default (docs/SECURITY.md lists them; `plenum serve` sets them).
struct ApiOptions {
  std::string static_dir;            // the built web front end; "" serves none
  size_t max_json_body = 1 << 20;    // POST /actions, for a signed-in caller
  size_t max_upload_body = 8 << 20;  // roster and proposal CSV uploads, signed in
  size_t max_login_body = 4 << 10;   // POST /auth/login, the one body a stranger may send
  size_t max_pending_logins = 64;    // sign-ins queued for Argon2id, least failing first (LoginQueue)
  LoginThrottleOptions login;
  bool secure_cookies = false;  // always mark the cookie Secure (also set per request over TLS)
  // Requests answered below 400 are logged at info, 4xx at warn, 5xx at error (server/log.h);
  // lines above this level are not written. Internal errors are always logged.
  LogLevel log_level = LogLevel::kError;
  // GET /metrics: for a client at one of these addresses (exact, as the client address is
  // decided: a trusted proxy's X-Forwarded-For), or one sending "Authorization: Bearer
  // <metrics_token>" (empty: no token admits). Anyone else gets 403.
  std::vector<std::string> metrics_from;
  std::string metrics_token;
};

class Api {
 public:
  explicit Api(app::App& app, ApiOptions options = {});
  ~Api();

  // Answers `request` by calling `respond` exactly once (possibly later, on another thread).
  void handle(const HttpRequest& request, std::function<void(HttpResponse)> respond);

  // From the request's head (method, target, cookie, CSRF token): the largest body it may
  // send, or the error to answer before any of the body is read (then the connection closes).
  Result<size_t> admit(const HttpRequest& head);
  // Every answer, handled or refused by the transport before handle() (then its route is
  // "refused"), once, as it is handed to the connection: counted in the metrics and logged.
  void answered(const HttpRequest& request, const HttpResponse& response, double seconds);
  Metrics& metrics() { return metrics_; }
  size_t logins_waiting() { return login_queue_.waiting(); }

  // GET /api/v1/ready, which a load balancer or the operator asks (/api/v1/health says only
  // that the process answers): 200 {"ready": true} once set ready, else 503 with the reason.
  // The server starts not ready, "verifying the log" (Server::start), and set_stopping() makes
  // it not ready for good.
  void set_readiness(bool ready, std::string reason_zh, std::string reason_en);
  void set_stopping();

  // Resolves the session cookie; used by the WebSocket upgrade as well.
  // Sessions are cached for a few seconds: a check-in burst would otherwise read the session
  // table once per request.
  // `fresh`: bypass the cache (a live socket checking whether its account still stands).
  Caller caller(const std::string& cookie_header, bool fresh = false);
  // May `caller` follow the live stream of `body`? (Any role in the body, or admin.)
  bool may_follow(const Caller& caller, const std::string& body);

  // Refuses the sign-ins waiting, waits for the one being checked and takes no more (the
  // server is shutting down).
  void finish_logins();

  static HttpResponse error_response(const Error& error);
  // The answer to an exception: its text goes to the log only (error_response).
  static HttpResponse internal_error(const char* what);
  // The answer to an exception from a handler or the store: a full disk is storage_full (507,
  // retry later), anything else internal_error.
  static HttpResponse failure_response(const std::exception& e);
  static HttpResponse json_response(int status, const Json& body);

  static constexpr const char* kCookieName = "plenum_session";
  static constexpr int64_t kSessionSeconds = 12 * 3600;
  static constexpr int64_t kCallerCacheMicros = 5 * 1000000;

  // Called with each committed batch, before the live channel sees it: an account whose roles,
  // standing or password changed is looked up afresh at its next request (no cached session
  // outlives a reset), and a new password clears the sign-in lock of its name.
  void accounts_changed(const std::vector<ledger::Event>& events);

 private:
  void post(const HttpRequest& req, const std::string& path, const std::map<std::string, std::string>& query,
            std::function<void(HttpResponse)> respond);
  HttpResponse get(const HttpRequest& req, const std::string& path, const std::map<std::string, std::string>& query);
  void login(const HttpRequest& req, std::function<void(HttpResponse)> respond);
  HttpResponse logout(const HttpRequest& req);
  // Who a sign-in attempt is throttled as: its name and address, or the device it comes from
  // (server/device_cookie.h).
  struct Attempt {
    std::string name, address;
    bool known_device = false;
  };
  Attempt attempt_of(const HttpRequest& req, const std::string& username);
  HttpResponse check_login(const HttpRequest& req, const std::string& username, const std::string& password,
                           const Attempt& attempt);
  HttpResponse static_file(const std::string& path);
  HttpResponse metrics_text(const HttpRequest& req);
  HttpResponse readiness();
  // The route label of a request (server/metrics.h): a registered pattern or a fixed name.
  std::string route_of(const std::string& method, const std::vector<std::string>& segments);
  static bool is_json(const std::string& content_type);
  // 401 for a request that needs a signed-in caller.
  static const Error& not_signed_in();
  // The upload `segments` name, if any (ledger::Upload), with its path parameters and the name of
  // a malformed `*_id` among them (in `bad_param`, if given).
  const ledger::Upload* upload_of(const std::vector<std::string>& segments, std::map<std::string, std::string>& params,
                                  std::string* bad_param = nullptr);
  std::string session_cookie(const std::string& token, int64_t max_age, bool secure) const;
  std::string device_cookie(const std::string& value, bool secure) const;
  Status may_read(const ledger::ReadRule& rule, const ledger::ReadRequest& request, const Caller& who);
  // Whether `who` may send a file to `upload` (its senders rule, no query, an account that may
  // act): checked on the request's head and again before a byte is stored.
  Status may_send_file(const ledger::Upload& upload, const ledger::ReadRequest& request, const Caller& who);
  bool has_role(const std::string& username, const std::string& body, std::initializer_list<const char*> roles);

  app::App& app_;
  ApiOptions options_;
  WebRoot web_root_;
  LoginThrottle throttle_;
  // Argon2id takes ~0.1 s a sign-in: it runs on the queue's thread, not on the network
  // threads, and at most max_pending_logins wait for it, the least failing first.
  LoginQueue login_queue_;
  struct CachedCaller {
    Caller caller;
    int64_t fresh_until;  // micros
  };
  std::mutex callers_mu_;
  std::map<std::string, CachedCaller> callers_;  // by token hash
  Metrics metrics_;
  std::mutex readiness_mu_;
  bool ready_ = false, stopping_ = false;
  std::string not_ready_zh_ = "正在校验记录", not_ready_en_ = "verifying the log";
};

}  // namespace plenum::server
