#include "server/api.h"

#include <utility>

#include <cstdio>
#include <vector>

#include "accounts/accounts.h"
#include "assembly/roster_csv.h"
#include "base/text.h"
#include "proposals/import.h"
#include "server/device_cookie.h"
#include "accounts/tables.h"
#include "assembly/tables.h"

namespace plenum::server {
namespace {

Error bad(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, zh, en, field);
}

std::string cookie_value(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = trim(std::string_view(header).substr(pos, end - pos));
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

bool is_json(const std::string& content_type) {
  return content_type.rfind("application/json", 0) == 0;
}

const Error kNotSignedIn = make_error(ErrorCode::kUnauthenticated, "请先登录", "sign in first", "cookie");


}  // namespace

Api::Api(app::App& app, ApiOptions options)
    : app_(app), options_(std::move(options)), web_root_(options_.static_dir),
      throttle_(options_.login), login_queue_(options_.max_pending_logins) {}

Api::~Api() { finish_logins(); }

void Api::finish_logins() { login_queue_.finish(); }

HttpResponse Api::json_response(int status, const Json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

HttpResponse Api::error_response(const Error& e) {
  if (e.code == ErrorCode::kInternal) {
    // What went wrong inside (an exception's text, a path, a SQL message) is for the server's
    // log, not for the client: it gets the incident's number to quote.
    std::string incident = random_token().substr(0, 12);
    std::fprintf(stderr, "plenum: internal error %s: %s\n", incident.c_str(), e.message_en.c_str());
    std::fflush(stderr);
    Error shown = make_error(ErrorCode::kInternal, "服务器内部错误（事件编号 " + incident + "）",
                             "internal error (incident " + incident + ")");
    return json_response(http_status(shown.code),
                         Json{{"error", Json{{"code", error_code_name(shown.code)}, {"message_zh", shown.message_zh},
                                             {"message_en", shown.message_en}, {"field", Json()}, {"rule", Json()},
                                             {"incident", incident}}}});
  }
  Json err{{"code", error_code_name(e.code)}, {"message_zh", e.message_zh}, {"message_en", e.message_en},
           {"field", e.field.empty() ? Json() : Json(e.field)}, {"rule", e.rule.empty() ? Json() : Json(e.rule)}};
  if (!e.details.empty()) {
    Json details = Json::array();
    for (const auto& d : e.details)
      details.push_back(Json{{"line", d.line ? Json(d.line) : Json()}, {"field", d.field},
                             {"message_zh", d.message_zh}, {"message_en", d.message_en}});
    err["details"] = details;
    // The list is bounded (base/status.h): say how many there were in all.
    err["details_total"] = detail_count(e);
  }
  return json_response(http_status(e.code), Json{{"error", err}});
}

Caller Api::caller(const std::string& cookie_header, bool fresh) {
  std::string token = cookie_value(cookie_header, kCookieName);
  if (token.size() != 64) return {};
  std::string token_hash = sha256_hex(token);
  int64_t now = now_micros();
  {
    std::lock_guard<std::mutex> lock(callers_mu_);
    auto it = callers_.find(token_hash);
    if (it != callers_.end() && it->second.fresh_until > now && !fresh) return it->second.caller;
  }
  auto reader = app_.store->read();
  auto session = reader->login_session(token_hash);
  Caller found;
  if (session && session->expires_at > now) {
    auto account = accounts::tables::account(*reader, session->username);
    if (account && !account->disabled && session->created_at >= account->credentials_changed_at)
      found = Caller{session->username, session->csrf_token};
  }
  std::lock_guard<std::mutex> lock(callers_mu_);
  if (callers_.size() > 100000) callers_.clear();  // bounded; a miss only costs a read
  // A disabled account or an expired session is noticed within kCallerCacheMicros.
  int64_t until = now + kCallerCacheMicros;
  if (session && session->expires_at < until) until = session->expires_at;
  if (found.signed_in()) callers_[token_hash] = {found, until};
  return found;
}

bool Api::has_role(const std::string& username, const std::string& body,
                   std::initializer_list<const char*> roles) {
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

HttpResponse internal_error_response(const char* what) {
  return Api::error_response(make_error(ErrorCode::kInternal, std::string("服务器内部错误：") + what,
                                        std::string("internal error: ") + what));
}

bool is_upload_route(const std::vector<std::string>& seg) {
  if (seg.size() < 5 || seg[0] != "api" || seg[1] != "v1" || seg[2] != "bodies") return false;
  return (seg.size() == 5 && seg[4] == "roster") || (seg.size() == 6 && seg[4] == "proposals" && seg[5] == "import");
}
}  // namespace

Result<size_t> Api::admit(const HttpRequest& head) {
  if (head.method == "GET" || head.method == "HEAD") return size_t{0};
  if (head.method != "POST")
    return make_error(ErrorCode::kMalformed, "不支持的方法 " + head.method, "method " + head.method + " is not supported",
                      "method");
  std::string path;
  std::map<std::string, std::string> query;
  split_target(head.target, &path, &query);
  auto seg = ledger::path_segments(path);
  if (seg == std::vector<std::string>{"api", "v1", "auth", "login"}) return options_.max_login_body;
  // Every other body belongs to a signed-in caller: a stranger's is refused unread.
  Caller who = caller(head.cookie);
  if (!who.signed_in()) return kNotSignedIn;
  if (head.csrf_token.empty() || head.csrf_token != who.csrf_token)
    return make_error(ErrorCode::kForbidden, "缺少或错误的 X-CSRF-Token", "missing or wrong X-CSRF-Token", "X-CSRF-Token");
  return is_upload_route(seg) ? options_.max_upload_body : options_.max_json_body;
}

void Api::handle(const HttpRequest& req, std::function<void(HttpResponse)> respond_once) {
  auto respond = once(std::move(respond_once));
  try {
    std::string path;
    std::map<std::string, std::string> query;
    split_target(req.target, &path, &query);
    if (!is_valid_utf8(path))
      return respond(error_response(bad("target", "请求路径不是合法的UTF-8", "the request path is not valid UTF-8")));
    if (req.method == "POST") return post(req, path, query, respond);
    if (req.method == "GET" || req.method == "HEAD") return respond(get(req, path, query));
    return respond(error_response(make_error(ErrorCode::kMalformed, "不支持的方法 " + req.method,
                                             "method " + req.method + " is not supported", "method")));
  } catch (const std::exception& e) {
    respond(internal_error_response(e.what()));
  } catch (...) {
    respond(internal_error_response("unknown"));
  }
}

std::string Api::session_cookie(const std::string& token, int64_t max_age, bool secure) const {
  std::string c = std::string(kCookieName) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age);
  if (secure || options_.secure_cookies) c += "; Secure";
  return c;
}

// Only sign-in reads it: the device cookie is sent to nothing else.
std::string Api::device_cookie(const std::string& value, bool secure) const {
  std::string c = std::string(kDeviceCookieName) + "=" + value + "; Path=/api/v1/auth/login; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(kDeviceCookieSeconds);
  if (secure || options_.secure_cookies) c += "; Secure";
  return c;
}

// Sign-in: parsed here (cheap), throttled per account name and per address before the
// password is checked, then queued for Argon2id with at most max_pending_logins waiting, the
// least failing first (LoginQueue).
void Api::login(const HttpRequest& req, std::function<void(HttpResponse)> respond) {
  if (!is_json(req.content_type))
    return respond(error_response(bad("content-type", "请求须为 application/json", "the request must be application/json")));
  auto body = parse_json(req.body);
  if (!body) return respond(error_response(body.error()));
  if (!body->is_object()) return respond(error_response(bad("body", "请求体应为对象", "the body must be an object")));
  if (auto s = only_keys(*body, {"username", "password"}, ""); !s) return respond(error_response(s.error()));
  auto username = req_string(*body, "username", "");
  if (!username) return respond(error_response(username.error()));
  auto password = req_string(*body, "password", "");
  if (!password) return respond(error_response(password.error()));
  auto too_many = [](int64_t seconds, const std::string& zh, const std::string& en) {
    HttpResponse r = error_response(make_error(ErrorCode::kTooManyRequests, zh, en, "username"));
    r.retry_after = seconds;
    return r;
  };
  if (username->size() > 256)
    return respond(error_response(bad("username", "用户名过长", "the username is too long")));
  Attempt attempt = attempt_of(req, *username);
  if (int64_t wait = throttle_.retry_after(attempt.name, attempt.address))
    return respond(too_many(wait, "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试",
                            "too many failed sign-ins; try again in " + std::to_string(wait) + " s"));
  // A full queue refuses the worse ranked of the newcomer and its worst waiting sign-in.
  auto refuse = [respond, too_many] {
    respond(too_many(1, "登录请求过多，请稍后再试", "too many sign-ins at once; try again shortly"));
  };
  auto check = [this, req, user = *username, pass = *password, respond, too_many] {
    HttpResponse r;
    try {
      // Again here: sign-ins queued together must not each get a guess past a lock, and a
      // password changed meanwhile ends the device cookie.
      Attempt now = attempt_of(req, user);
      if (int64_t wait = throttle_.retry_after(now.name, now.address)) {
        r = too_many(wait, "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试",
                     "too many failed sign-ins; try again in " + std::to_string(wait) + " s");
      } else {
        r = check_login(req, user, pass, now);
      }
    } catch (const std::exception& e) {
      r = internal_error_response(e.what());
    }
    respond(std::move(r));
  };
  // A known device that has not been failing goes before every stranger; the rest by their
  // recent failures. One sign-in per device, or per name from one address, waits at a time.
  int rank = throttle_.recent_failures(attempt.name, attempt.address);
  if (attempt.known_device && rank == 0) rank = -1;
  std::string key = attempt.known_device ? attempt.name : attempt.name + "\n" + attempt.address;
  login_queue_.push(key, rank, std::move(check), std::move(refuse));
}

Api::Attempt Api::attempt_of(const HttpRequest& req, const std::string& username) {
  std::string device = cookie_value(req.cookie, kDeviceCookieName);
  if (!device.empty() && device_cookie_names(device, username)) {
    auto account = accounts::tables::account(*app_.store->read(), username);
    if (account && device_cookie_valid(device, username, account->password_hash, now_micros() / 1000000)) {
      std::string key = "device:" + sha256_hex(device);
      return Attempt{key, key, true};
    }
  }
  return Attempt{username, req.client_address, false};
}

HttpResponse Api::check_login(const HttpRequest& req, const std::string& username, const std::string& password,
                              const Attempt& attempt) {
  accounts::AccountRecord account;
  {
    auto reader = app_.store->read();
    auto acc = accounts::authenticate(*reader, username, password);
    if (!acc) {
      auto outcome = throttle_.failed(attempt.name, attempt.address);
      // A lock of an existing account goes on its record (unknown names are throttled the same
      // way but not recorded: a stranger could fill the log with made-up names), and so does
      // a lock of a known device, which is that browser's only.
      if (outcome.account_locked_now && accounts::tables::account(*reader, username)) {
        ledger::ActionRequest audit;
        audit.action = "accounts.record_lockout";
        audit.actor = ledger::kSystemActor;
        audit.args = Json{{"username", username}, {"address", req.client_address},
                          {"failures", outcome.failures}, {"locked_until", iso_time(outcome.locked_until)}};
        if (attempt.known_device) audit.args["known_device"] = true;
        app_.ledger->submit(std::move(audit), [](Result<ledger::Ack>) {});
      }
      return error_response(acc.error());
    }
    account = *acc;
  }
  throttle_.succeeded(attempt.name, attempt.address);
  std::string token = random_token();
  store::LoginSession session{sha256_hex(token), account.username, random_token(), now_micros(),
                              now_micros() + kSessionSeconds * 1000000};
  app_.store->sessions().put_login_session(session);
  auto reader = app_.store->read();
  Json me = accounts::describe(*reader, account);
  me["csrf_token"] = session.csrf_token;
  HttpResponse r = json_response(200, me);
  r.set_cookies.push_back(session_cookie(token, kSessionSeconds, req.secure));
  if (!attempt.known_device)
    r.set_cookies.push_back(
        device_cookie(device_cookie_value(account.username, account.password_hash, now_micros() / 1000000), req.secure));
  return r;
}

void Api::post(const HttpRequest& req, const std::string& path,
               const std::map<std::string, std::string>& query,
               std::function<void(HttpResponse)> respond) {
  auto seg = ledger::path_segments(path);
  if (seg == std::vector<std::string>{"api", "v1", "auth", "login"}) return login(req, std::move(respond));

  Caller who = caller(req.cookie);
  if (!who.signed_in()) return respond(error_response(kNotSignedIn));
  if (req.csrf_token.empty() || req.csrf_token != who.csrf_token)
    return respond(error_response(make_error(ErrorCode::kForbidden, "缺少或错误的 X-CSRF-Token",
                                             "missing or wrong X-CSRF-Token", "X-CSRF-Token")));

  if (seg == std::vector<std::string>{"api", "v1", "auth", "logout"}) {
    std::string token_hash = sha256_hex(cookie_value(req.cookie, kCookieName));
    app_.store->sessions().delete_login_session(token_hash);
    {
      std::lock_guard<std::mutex> lock(callers_mu_);
      callers_.erase(token_hash);
    }
    HttpResponse r = json_response(200, Json{{"signed_out", true}});
    r.set_cookies.push_back(session_cookie("", 0, req.secure));
    return respond(r);
  }

  ledger::ActionRequest action;
  action.actor = who.username;
  action.request_id = req.idempotency_key;
  if (seg.size() == 5 && seg[0] == "api" && seg[1] == "v1" && seg[2] == "bodies" && seg[4] == "roster") {
    if (req.content_type.rfind("text/csv", 0) != 0)
      return respond(error_response(bad("content-type", "名册须以 text/csv 上传", "upload the roster as text/csv")));
    if (req.body.size() > options_.max_upload_body)
      return respond(error_response(make_error(ErrorCode::kTooLarge, "名册文件过大", "the roster file is too large", "body")));
    if (!is_valid_utf8(req.body)) {
      // Report the offending lines without submitting: invalid bytes cannot enter the log.
      auto parsed = assembly::parse_roster_csv(req.body);
      Error e = bad("body", "名册文件含无效的UTF-8，未导入任何成员",
                    "the roster file contains invalid UTF-8; nothing was imported");
      for (const auto& p : parsed.problems) e.details.push_back({p.line, p.column, p.reason_zh, p.reason_en});
      e.details_total = parsed.problem_count;
      return respond(error_response(e));
    }
    action.action = "assembly.import_roster";
    action.args = Json{{"body", seg[3]}, {"csv", req.body}};
  } else if (seg.size() == 6 && seg[0] == "api" && seg[1] == "v1" && seg[2] == "bodies" &&
             seg[4] == "proposals" && seg[5] == "import") {
    // Historical proposals: parsed and checked here, recorded by one proposals.import action.
    if (req.content_type.rfind("text/csv", 0) != 0)
      return respond(error_response(bad("content-type", "提案文件须以 text/csv 上传", "upload the proposals as text/csv")));
    for (const auto& [k, v] : query)
      if (k != "session_id") return respond(error_response(bad(k, "未知的查询参数 " + k, "unknown query parameter " + k)));
    auto sid = ledger::parse_id(query.count("session_id") ? query.at("session_id") : "", "session_id");
    if (!sid) return respond(error_response(sid.error()));
    auto session = assembly::tables::session(*app_.store->read(), *sid);
    if (!session || session->body != seg[3])
      return respond(error_response(not_found("会议 " + std::to_string(*sid), "session " + std::to_string(*sid), "session_id")));
    auto rows = proposals::parse_import_csv(req.body);
    if (!rows) return respond(error_response(rows.error()));
    action.action = "proposals.import";
    action.args = Json{{"session_id", *sid}, {"rows", std::move(*rows)}};
  } else if (seg == std::vector<std::string>{"api", "v1", "actions"}) {
    if (!is_json(req.content_type))
      return respond(error_response(bad("content-type", "请求须为 application/json", "the request must be application/json")));
    if (req.body.size() > options_.max_json_body)
      return respond(error_response(make_error(ErrorCode::kTooLarge, "请求体过大", "the request body is too large", "body")));
    auto body = parse_json(req.body);
    if (!body) return respond(error_response(body.error()));
    if (!body->is_object()) return respond(error_response(bad("body", "请求体应为对象", "the body must be an object")));
    if (auto s = only_keys(*body, {"action", "args", "request_id"}, ""); !s) return respond(error_response(s.error()));
    auto name = req_string(*body, "action", "");
    if (!name) return respond(error_response(name.error()));
    auto request_id = opt_string(*body, "request_id", "");
    if (!request_id) return respond(error_response(request_id.error()));
    if (*request_id) action.request_id = **request_id;
    action.action = *name;
    action.args = body->contains("args") ? (*body)["args"] : Json::object();
    if (!action.args.is_object())
      return respond(error_response(bad("args", "args 应为对象", "args must be an object")));
  } else {
    return respond(error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target")));
  }
  app_.ledger->submit(std::move(action), [respond = std::move(respond)](Result<ledger::Ack> r) {
    HttpResponse deferred;
    deferred.build = [r = std::make_shared<Result<ledger::Ack>>(std::move(r))](HttpResponse& out) {
      out = *r ? json_response(200, (*r)->to_json()) : error_response(r->error());
    };
    respond(std::move(deferred));
  });
}

// Every read under /api/v1 but the server's own two is a route a feature registered, with its
// read rule (ledger/routes.h says in which order the rule is applied).
HttpResponse Api::get(const HttpRequest& req, const std::string& path,
                      const std::map<std::string, std::string>& query) {
  auto seg = ledger::path_segments(path);
  if (seg.empty() || seg[0] != "api") return static_file(path);
  if (seg == std::vector<std::string>{"api", "v1", "health"}) return json_response(200, Json{{"ok", true}});
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
    auto b = rule.body_of(request);
    if (!b) return b.error();
    body = *b;
  }
  if (!who.signed_in()) return kNotSignedIn;
  if (rule.audience == Audience::kFollowers && !may_follow(who, body)) return ledger::forbidden_read();
  if (rule.audience == Audience::kRoles) {
    if (rule.member_of) {
      auto member = rule.member_of(request);
      if (!member) return member.error();
      auto account = accounts::tables::account(request.reader, who.username);
      if (account && account->member_id == *member) return Status::ok();
    }
    if (!accounts::has_role(request.reader, who.username, body, rule.roles)) return ledger::forbidden_read();
  }
  return Status::ok();
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
