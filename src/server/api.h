// The HTTP API without the transport: a request in, a response out (possibly later, once the
// ledger has committed). Beast stays in server.cpp; this file only speaks plenum.
//
// Writes: POST /api/v1/actions {"action", "args", "request_id"?} and the roster upload
// POST /api/v1/bodies/{body}/roster (text/csv). Reads: GET queries. Auth: POST
// /api/v1/auth/login sets an HttpOnly, SameSite=Strict session cookie and returns a CSRF token
// that every later POST must echo in X-CSRF-Token. Errors: {"error": {code, message_zh,
// message_en, field, rule, details}} with the status of DESIGN.md section 8.
//
// Thread-safety: handle() may be called from any number of threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/app.h"
#include "base/json.h"

namespace boost::asio {
class thread_pool;
}

namespace plenum::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query
  std::string body;
  std::string content_type;
  std::string cookie;      // the Cookie header
  std::string csrf_token;  // the X-CSRF-Token header
  std::string idempotency_key;  // the Idempotency-Key header
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string set_cookie;  // empty: none
  // If set, the transport calls it on the connection's own thread to fill in the response, so
  // the ledger's writer thread does not spend its time serialising answers.
  std::function<void(HttpResponse&)> build;
};

// The signed-in account behind a request, if any.
struct Caller {
  std::string username;
  std::string csrf_token;
  bool signed_in() const { return !username.empty(); }
};

class Api {
 public:
  explicit Api(app::App& app, std::string static_dir = "");
  ~Api();

  void handle(const HttpRequest& request, std::function<void(HttpResponse)> respond);

  // Resolves the session cookie; used by the WebSocket upgrade as well.
  // Sessions are cached for a few seconds: a check-in burst would otherwise read the session
  // table once per request.
  Caller caller(const std::string& cookie_header);
  // May `caller` follow the live stream of `body`? (Any role in the body, or admin.)
  bool may_follow(const Caller& caller, const std::string& body);

  static HttpResponse error_response(const Error& error);
  static HttpResponse json_response(int status, const Json& body);

  static constexpr size_t kMaxJsonBody = 1 << 20;       // 1 MiB
  static constexpr size_t kMaxRosterBody = 8 << 20;     // 8 MiB
  static constexpr const char* kCookieName = "plenum_session";
  static constexpr int64_t kSessionSeconds = 12 * 3600;
  static constexpr int64_t kCallerCacheMicros = 5 * 1000000;

 private:
  void post(const HttpRequest& req, const std::string& path, const std::map<std::string, std::string>& query,
            std::function<void(HttpResponse)> respond);
  HttpResponse get(const HttpRequest& req, const std::string& path,
                   const std::map<std::string, std::string>& query);
  HttpResponse login(const HttpRequest& req);
  HttpResponse static_file(const std::string& path);
  bool has_role(const std::string& username, const std::string& body,
                std::initializer_list<const char*> roles);

  app::App& app_;
  std::string static_dir_;
  // Argon2id takes ~0.1 s a login: it runs here, not on the network threads.
  std::unique_ptr<boost::asio::thread_pool> login_pool_;
  struct CachedCaller {
    Caller caller;
    int64_t fresh_until;  // micros
  };
  std::mutex callers_mu_;
  std::map<std::string, CachedCaller> callers_;  // by token hash
};

// Splits "/a/b?x=1&y=2" into path and percent-decoded query parameters.
void split_target(const std::string& target, std::string* path, std::map<std::string, std::string>* query);

}  // namespace plenum::server
