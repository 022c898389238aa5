#include "server/api.h"

#include <sodium.h>
#include <utility>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/tables.h"
#include "base/args.h"
#include "base/text.h"

namespace plenum::server {
namespace {

const Error kNotSignedIn = make_error(ErrorCode::kUnauthenticated, "请先登录", "sign in first", "cookie");

}  // namespace

Api::Api(app::App& app, ApiOptions options)
    : app_(app),
      options_(std::move(options)),
      web_root_(options_.static_dir),
      throttle_(options_.login),
      login_queue_(options_.max_pending_logins) {}

Api::~Api() { finish_logins(); }

void Api::finish_logins() { login_queue_.finish(); }

bool Api::has_role(const std::string& username, const std::string& body, std::initializer_list<const char*> roles) {
  return accounts::has_role(*app_.store->read(), username, body, roles);
}

bool Api::may_follow(const Caller& caller, const std::string& body) {
  if (!caller.signed_in()) return false;
  if (body == ledger::kAccountsChain) return has_role(caller.username, "*", {"admin"});
  return has_role(caller.username, body, {});
}

namespace {
// The transport's callback, called at most once however the request ends: a handler that has
// already passed it on and then throws must not make the catch answer a second time.
std::function<void(HttpResponse)> once(std::function<void(HttpResponse)> respond) {
  struct State {
    std::function<void(HttpResponse)> respond;
    std::atomic<bool> answered{false};
  };
  auto state = std::make_shared<State>();
  state->respond = std::move(respond);
  return [state](HttpResponse r) {
    if (!state->answered.exchange(true)) state->respond(std::move(r));
  };
}

// Fills in what the request log and the metrics name a response by, where the handler has not.
std::function<void(HttpResponse)> labelled(std::string route, std::string actor,
                                           std::function<void(HttpResponse)> respond) {
  return [route = std::move(route), actor = std::move(actor), respond = std::move(respond)](HttpResponse r) {
    if (r.route.empty()) r.route = route;
    if (r.actor.empty()) r.actor = actor;
    respond(std::move(r));
  };
}

Json or_null(const std::string& s) { return s.empty() ? Json() : Json(s); }

}  // namespace

void Api::answered(const HttpRequest& req, const HttpResponse& r, double seconds) {
  std::string route = r.route.empty() ? "refused" : r.route;
  metrics_.request(route, r.action, req.method, r.status, seconds);
  LogLevel level = r.status >= 500 ? LogLevel::kError : r.status >= 400 ? LogLevel::kWarn : LogLevel::kInfo;
  if (level > options_.log_level) return;
  // The path, never the query: it may hold what someone searched for.
  std::string path;
  std::map<std::string, std::string> query;
  split_target(req.target, &path, &query);
  // A line stays well under PIPE_BUF (4 KiB), so lines written at once never interleave.
  constexpr size_t kLoggedPath = 1024;
  if (path.size() > kLoggedPath) path = path.substr(0, kLoggedPath) + "…";
  log_line(level, "request",
           Json{{"id", req.id},
                {"method", req.method},
                {"route", route},
                {"action", or_null(r.action)},
                {"path", path},
                {"status", r.status},
                {"ms", std::round(seconds * 10000) / 10},
                {"actor", or_null(r.actor)},
                {"client", req.client_address}});
}

std::string Api::route_of(const std::string& method, const std::vector<std::string>& segments) {
  if (segments == std::vector<std::string>{"metrics"}) return "/metrics";
  if (segments.empty() || segments[0] != "api") return "static";
  std::string joined;
  for (const auto& s : segments) joined += "/" + s;
  for (const char* fixed : {"/api/v1/health", "/api/v1/ready", "/api/v1/auth/me", "/api/v1/auth/login",
                            "/api/v1/auth/logout", "/api/v1/actions", "/api/v1/live"})
    if (joined == fixed) return fixed;
  std::map<std::string, std::string> params;
  if (method == "POST") {
    const ledger::Upload* upload = upload_of(segments, params);
    return upload ? upload->pattern : "unmatched";
  }
  auto match = ledger::match_route(app_.registry.routes(), segments);
  return match ? match->route->pattern : "unmatched";
}

Result<size_t> Api::admit(const HttpRequest& head) {
  if (head.method == "GET" || head.method == "HEAD") return size_t{0};
  if (head.method != "POST")
    return make_error(ErrorCode::kMalformed, "不支持的方法 " + head.method,
                      "method " + head.method + " is not supported", "method");
  std::string path;
  std::map<std::string, std::string> query;
  split_target(head.target, &path, &query);
  auto seg = ledger::path_segments(path);
  if (seg == std::vector<std::string>{"api", "v1", "auth", "login"}) return options_.max_login_body;
  // Every other body belongs to a signed-in caller: a stranger's is refused unread.
  Caller who = caller(head.cookie);
  if (!who.signed_in()) return kNotSignedIn;
  if (head.csrf_token.empty() || head.csrf_token != who.csrf_token)
    return make_error(ErrorCode::kForbidden, "缺少或错误的 X-CSRF-Token", "missing or wrong X-CSRF-Token",
                      "X-CSRF-Token");
  std::map<std::string, std::string> params;
  return upload_of(seg, params) ? options_.max_upload_body : options_.max_json_body;
}

void Api::handle(const HttpRequest& req, std::function<void(HttpResponse)> respond_once) {
  auto respond = once(std::move(respond_once));
  try {
    std::string path;
    std::map<std::string, std::string> query;
    split_target(req.target, &path, &query);
    respond = labelled(route_of(req.method, ledger::path_segments(path)), "", std::move(respond));
    // Inside the try: finding the actor reads the store, which may fail (then the 500 names no
    // actor, but it goes).
    respond = labelled("", caller(req.cookie).username, std::move(respond));
    if (!is_valid_utf8(path))
      return respond(
          error_response(invalid("target", "请求路径不是合法的UTF-8", "the request path is not valid UTF-8")));
    if (req.method == "POST") return post(req, path, query, respond);
    if (req.method == "GET" || req.method == "HEAD") return respond(get(req, path, query));
    return respond(error_response(make_error(ErrorCode::kMalformed, "不支持的方法 " + req.method,
                                             "method " + req.method + " is not supported", "method")));
  } catch (const std::exception& e) {
    respond(failure_response(e));
  } catch (...) {
    respond(internal_error("unknown"));
  }
}

void Api::post(const HttpRequest& req, const std::string& path, const std::map<std::string, std::string>& query,
               std::function<void(HttpResponse)> respond) {
  auto seg = ledger::path_segments(path);
  if (seg == std::vector<std::string>{"api", "v1", "auth", "login"}) return login(req, std::move(respond));

  Caller who = caller(req.cookie);
  if (!who.signed_in()) return respond(error_response(kNotSignedIn));
  if (req.csrf_token.empty() || req.csrf_token != who.csrf_token)
    return respond(error_response(make_error(ErrorCode::kForbidden, "缺少或错误的 X-CSRF-Token",
                                             "missing or wrong X-CSRF-Token", "X-CSRF-Token")));

  if (seg == std::vector<std::string>{"api", "v1", "auth", "logout"}) return respond(logout(req));

  ledger::ActionRequest action;
  action.actor = who.username;
  action.request_id = req.idempotency_key;
  std::map<std::string, std::string> params;
  if (const ledger::Upload* upload = upload_of(seg, params)) {
    if (req.content_type.rfind(upload->content_type, 0) != 0)
      return respond(error_response(invalid("content-type", "文件须以 " + upload->content_type + " 上传",
                                            "upload the file as " + upload->content_type)));
    if (req.body.size() > options_.max_upload_body)
      return respond(error_response(make_error(ErrorCode::kTooLarge, "文件过大", "the file is too large", "body")));
    auto reader = app_.store->read();
    ledger::ReadRequest request{*reader, app_.rulebooks, app_.registry, who.username, params, query};
    auto args = upload->args(request, req.body);
    if (!args) return respond(error_response(args.error()));
    action.action = upload->action;
    action.args = std::move(*args);
  } else if (seg == std::vector<std::string>{"api", "v1", "actions"}) {
    if (!is_json(req.content_type))
      return respond(
          error_response(invalid("content-type", "请求须为 application/json", "the request must be application/json")));
    if (req.body.size() > options_.max_json_body)
      return respond(
          error_response(make_error(ErrorCode::kTooLarge, "请求体过大", "the request body is too large", "body")));
    auto body = parse_json(req.body);
    if (!body) return respond(error_response(body.error()));
    if (!body->is_object())
      return respond(error_response(invalid("body", "请求体应为对象", "the body must be an object")));
    if (auto s = only_keys(*body, {"action", "args", "request_id"}, ""); !s) return respond(error_response(s.error()));
    auto name = req_string(*body, "action", "");
    if (!name) return respond(error_response(name.error()));
    auto request_id = opt_string(*body, "request_id", "");
    if (!request_id) return respond(error_response(request_id.error()));
    if (*request_id) action.request_id = **request_id;
    action.action = *name;
    action.args = body->contains("args") ? (*body)["args"] : Json::object();
    if (!action.args.is_object())
      return respond(error_response(invalid("args", "args 应为对象", "args must be an object")));
  } else {
    return respond(error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target")));
  }
  // A name the registry does not know is the client's own bytes: no label of the metrics.
  std::string label = app_.registry.action(action.action) ? action.action : "";
  app_.ledger->submit(std::move(action), [respond = std::move(respond), label](Result<ledger::Ack> r) {
    HttpResponse deferred;
    deferred.action = label;
    deferred.build = [r = std::make_shared<Result<ledger::Ack>>(std::move(r))](HttpResponse& out) {
      out = *r ? json_response(200, (*r)->to_json()) : error_response(r->error());
    };
    respond(std::move(deferred));
  });
}

HttpResponse Api::metrics_text(const HttpRequest& req) {
  bool from_listed = std::find(options_.metrics_from.begin(), options_.metrics_from.end(), req.client_address) !=
                     options_.metrics_from.end();
  const std::string bearer = "Bearer ";
  const std::string& want = options_.metrics_token;
  bool with_token = false;
  if (!want.empty() && req.authorization.rfind(bearer, 0) == 0) {
    std::string_view got = std::string_view(req.authorization).substr(bearer.size());
    with_token = got.size() == want.size() && sodium_memcmp(got.data(), want.data(), want.size()) == 0;
  }
  if (!from_listed && !with_token)
    return error_response(make_error(ErrorCode::kForbidden, "运行指标只对配置的地址或持有指标令牌者开放",
                                     "the metrics are only for the configured addresses or the metrics token",
                                     "Authorization"));
  HttpResponse r;
  r.content_type = kMetricsContentType;
  r.body = metrics_.render();
  return r;
}

void Api::set_readiness(bool ready, std::string reason_zh, std::string reason_en) {
  std::lock_guard<std::mutex> lock(readiness_mu_);
  // Once stopping, nothing makes the server ready again (a verification finishing late).
  if (stopping_) return;
  ready_ = ready;
  not_ready_zh_ = std::move(reason_zh);
  not_ready_en_ = std::move(reason_en);
}

void Api::set_stopping() {
  // One step: a verification finishing meanwhile must not make a stopping server ready.
  std::lock_guard<std::mutex> lock(readiness_mu_);
  stopping_ = true;
  ready_ = false;
  not_ready_zh_ = "服务器正在停止";
  not_ready_en_ = "the server is shutting down";
}

HttpResponse Api::readiness() {
  std::lock_guard<std::mutex> lock(readiness_mu_);
  if (ready_) return json_response(200, Json{{"ready", true}});
  return json_response(503, Json{{"ready", false}, {"reason_zh", not_ready_zh_}, {"reason_en", not_ready_en_}});
}

// Every read under /api/v1 but the server's own is a route a feature registered, with its
// read rule (ledger/routes.h says in which order the rule is applied).
HttpResponse Api::get(const HttpRequest& req, const std::string& path,
                      const std::map<std::string, std::string>& query) {
  auto seg = ledger::path_segments(path);
  if (seg == std::vector<std::string>{"metrics"}) return metrics_text(req);
  if (seg.empty() || seg[0] != "api") return static_file(path);
  if (seg == std::vector<std::string>{"api", "v1", "health"}) return json_response(200, Json{{"ok", true}});
  if (seg == std::vector<std::string>{"api", "v1", "ready"}) return readiness();
  auto reader = app_.store->read();
  Caller who = caller(req.cookie);
  if (seg == std::vector<std::string>{"api", "v1", "auth", "me"}) {
    if (!who.signed_in()) return error_response(kNotSignedIn);
    Json me = accounts::describe(*reader, *accounts::tables::account(*reader, who.username));
    me["csrf_token"] = who.csrf_token;
    return json_response(200, me);
  }
  auto match = ledger::match_route(app_.registry.routes(), seg);
  if (!match) return error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target"));
  if (!match->bad_param.empty())
    return error_response(ledger::parse_id(match->params.at(match->bad_param), match->bad_param).error());
  const ledger::Route& route = *match->route;
  ledger::ReadRequest request{*reader, app_.rulebooks, app_.registry, who.username, match->params, query};
  if (auto allowed = may_read(route.rule, request, who); !allowed) return error_response(allowed.error());
  auto r = route.handler(request);
  if (!r) return error_response(r.error());
  if (r->content_type.empty()) return json_response(200, r->json);
  if (!r->blob.empty()) {
    auto bytes = app_.blobs->get(r->blob);
    if (!bytes) return error_response(bytes.error());
    r->body = std::move(*bytes);
  }
  HttpResponse text;
  text.content_type = r->content_type;
  text.body = std::move(r->body);
  return text;
}

Status Api::may_read(const ledger::ReadRule& rule, const ledger::ReadRequest& request, const Caller& who) {
  using Audience = ledger::ReadRule::Audience;
  if (rule.audience == Audience::kEveryone) return Status::ok();
  std::string body;
  if (rule.body_of) {
    PLENUM_ASSIGN_OR_RETURN(auto b, rule.body_of(request));
    body = b;
  }
  if (!who.signed_in()) return kNotSignedIn;
  if (rule.audience == Audience::kFollowers && !may_follow(who, body)) return ledger::forbidden_read();
  if (rule.audience == Audience::kRoles) {
    if (rule.member_of) {
      PLENUM_ASSIGN_OR_RETURN(auto member, rule.member_of(request));
      auto account = accounts::tables::account(request.reader, who.username);
      if (account && account->member_id == member) return Status::ok();
    }
    if (!accounts::has_role(request.reader, who.username, body, rule.roles)) return ledger::forbidden_read();
  }
  return Status::ok();
}

const ledger::Upload* Api::upload_of(const std::vector<std::string>& segments,
                                     std::map<std::string, std::string>& params) {
  std::string bad_param;
  for (const auto& upload : app_.registry.uploads())
    if (ledger::match_pattern(upload.pattern, segments, params, bad_param)) return &upload;
  return nullptr;
}

HttpResponse Api::static_file(const std::string& path) {
  HttpResponse r;
  r.file = web_root_.resolve(path);
  if (!r.file) {
    r.status = 404;
    r.content_type = "text/plain; charset=utf-8";
    r.body = "not found";
    return r;
  }
  r.content_type = r.file->content_type;
  return r;
}

}  // namespace plenum::server
