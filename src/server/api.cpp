#include "server/api.h"

#include <utility>

#include <sstream>
#include <vector>

#include "accounts/accounts.h"
#include "assembly/assembly.h"
#include "assembly/roster_csv.h"
#include "attendance/attendance.h"
#include "base/text.h"
#include "server/device_cookie.h"
#include "elections/elections.h"
#include "motions/motions.h"
#include "proposals/import.h"
#include "proposals/proposals.h"
#include "promulgation/promulgation.h"
#include "voting/voting.h"

namespace plenum::server {
namespace {

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::stringstream in(path);
  std::string part;
  while (std::getline(in, part, '/'))
    if (!part.empty()) out.push_back(part);
  return out;
}

Error bad(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, zh, en, field);
}

Result<int64_t> id_segment(const std::string& s, const char* field) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos)
    return bad(field, std::string(field) + " 应为非负整数", std::string(field) + " must be a non-negative integer");
  return std::stoll(s);
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

Error forbidden_read() {
  return make_error(ErrorCode::kForbidden, "无权查看", "you may not view this", "actor");
}

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
    auto account = reader->account(session->username);
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
  auto seg = segments(path);
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
  auto check = [this, req, user = *username, pass = *password, attempt, respond] {
    HttpResponse r;
    try {
      // Again here: sign-ins queued together must not each get a guess past a lock.
      if (int64_t wait = throttle_.retry_after(attempt.name, attempt.address)) {
        r = error_response(make_error(ErrorCode::kTooManyRequests, "登录失败次数过多，请 " + std::to_string(wait) + " 秒后再试",
                                      "too many failed sign-ins; try again in " + std::to_string(wait) + " s", "username"));
        r.retry_after = wait;
      } else {
        r = check_login(req, user, pass, attempt);
      }
    } catch (const std::exception& e) {
      r = internal_error_response(e.what());
    }
    respond(std::move(r));
  };
  // A known device goes before every stranger; strangers by their recent failures.
  int rank = attempt.known_device ? -1 : throttle_.recent_failures(attempt.name, attempt.address);
  login_queue_.push(rank, std::move(check), std::move(refuse));
}

Api::Attempt Api::attempt_of(const HttpRequest& req, const std::string& username) {
  std::string device = cookie_value(req.cookie, kDeviceCookieName);
  if (!device.empty()) {
    auto account = app_.store->read()->account(username);
    if (account && device_cookie_valid(device, username, account->password_hash, now_micros() / 1000000)) {
      std::string key = "device:" + sha256_hex(device);
      return Attempt{key, key, true};
    }
  }
  return Attempt{username, req.client_address, false};
}

HttpResponse Api::check_login(const HttpRequest& req, const std::string& username, const std::string& password,
                              const Attempt& attempt) {
  store::AccountRecord account;
  {
    auto reader = app_.store->read();
    auto acc = accounts::authenticate(*reader, username, password);
    if (!acc) {
      auto outcome = throttle_.failed(attempt.name, attempt.address);
      // A lock of an existing account goes on its record (unknown names are throttled the same
      // way but not recorded: a stranger could fill the log with made-up names; a known
      // device's lock is the device's, not the account's).
      if (outcome.account_locked_now && !attempt.known_device && reader->account(username)) {
        ledger::ActionRequest audit;
        audit.action = "accounts.record_lockout";
        audit.actor = ledger::kSystemActor;
        audit.args = Json{{"username", username}, {"address", req.client_address},
                          {"failures", outcome.failures}, {"locked_until", iso_time(outcome.locked_until)}};
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
  auto seg = segments(path);
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
    auto sid = id_segment(query.count("session_id") ? query.at("session_id") : "", "session_id");
    if (!sid) return respond(error_response(sid.error()));
    auto session = app_.store->read()->session(*sid);
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

HttpResponse Api::get(const HttpRequest& req, const std::string& path,
                      const std::map<std::string, std::string>& query) {
  auto seg = segments(path);
  if (seg.empty() || seg[0] != "api") return static_file(path);
  if (seg.size() < 3 || seg[1] != "v1")
    return error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target"));
  const std::string& what = seg[2];
  auto reader = app_.store->read();
  auto reply = [](Result<Json> r) { return r ? json_response(200, *r) : error_response(r.error()); };
  auto q = [&](const char* k) {
    auto it = query.find(k);
    return it == query.end() ? std::string() : it->second;
  };

  if (what == "health" && seg.size() == 3) return json_response(200, Json{{"ok", true}});
  if (what == "auth" && seg.size() == 4 && seg[3] == "me") {
    Caller who = caller(req.cookie);
    if (!who.signed_in()) return error_response(kNotSignedIn);
    Json me = accounts::describe(*reader, *reader->account(who.username));
    me["csrf_token"] = who.csrf_token;
    return json_response(200, me);
  }
  if (what == "rulebooks") {
    if (seg.size() == 3) {
      Json out = Json::array();
      for (const auto& id : app_.rulebooks.ids()) out.push_back(rules::to_json(*app_.rulebooks.find(id)));
      return json_response(200, out);
    }
    if (seg.size() == 4) {
      const rules::Rulebook* book = app_.rulebooks.find(seg[3]);
      if (!book) return error_response(make_error(ErrorCode::kNotFound, "未知的议事规则", "unknown rulebook", "rulebook"));
      return json_response(200, rules::to_json(*book));
    }
  }
  if (what == "bodies") {
    if (seg.size() == 3) return json_response(200, assembly::list_bodies(*reader));
    const std::string& body = seg[3];
    if (seg.size() == 4) return reply(assembly::get_body(*reader, body));
    if (seg.size() == 5 && seg[4] == "sessions") return reply(assembly::list_sessions(*reader, body));
    if (seg.size() == 5 && seg[4] == "promulgations") return reply(promulgation::list_promulgations(*reader, body));
    if (seg.size() == 5 && (seg[4] == "members" || seg[4] == "events")) {
      Caller who = caller(req.cookie);
      if (!who.signed_in()) return error_response(kNotSignedIn);
      if (!may_follow(who, body)) return error_response(forbidden_read());
      if (body != ledger::kAccountsChain && !reader->body(body)) return reply(assembly::get_body(*reader, body));
      if (seg[4] == "members") return reply(assembly::list_members(*reader, body, q("unit"), q("on")));
      int64_t since = 0, limit = 1000;
      if (!q("since").empty()) {
        auto v = id_segment(q("since"), "since");
        if (!v) return error_response(v.error());
        since = *v;
      }
      if (!q("limit").empty()) {
        auto v = id_segment(q("limit"), "limit");
        if (!v) return error_response(v.error());
        limit = std::clamp<int64_t>(*v, 1, 10000);
      }
      Json out = Json::array();
      for (const auto& e : reader->events_since(body, since, limit)) {
        // Each feature's read rule for its events (ledger::EventView), as on the live channel.
        ledger::Event ev{e.body, e.seq, e.type, e.actor, e.at, Json::parse(e.payload), e.hash};
        auto shown = ledger::visible_payload(app_.registry, *reader, who.username, ev);
        Json item{{"body", e.body}, {"seq", e.seq}, {"type", e.type}, {"actor", e.actor}, {"at", iso_time(e.at)},
                  {"payload", shown ? *shown : Json()}, {"prev_hash", e.prev_hash}, {"hash", e.hash}};
        if (!shown) item["withheld"] = true;
        // A request id is the requester's own: it is shown to them, not to every follower.
        if (e.actor == who.username) item["request_id"] = e.request_id;
        out.push_back(std::move(item));
      }
      return json_response(200, out);
    }
  }
  if (what == "bodies" && seg.size() >= 5 && (seg[4] == "proposals" || seg[4] == "proposal-statistics" ||
                                              seg[4] == "handling-units")) {
    const std::string& body = seg[3];
    if (!reader->body(body)) return reply(assembly::get_body(*reader, body));
    proposals::Viewer viewer{caller(req.cookie).username};
    auto filter = proposals::filter_from_params(body, query);
    if (!filter) return error_response(filter.error());
    if (seg.size() == 5 && seg[4] == "proposal-statistics") {
      auto book = ledger::body_rulebook(*reader, app_.rulebooks, body);
      std::string noun = book && book->proposals && book->proposals->kind == "suggestion" ? "建议" : "提案";
      return reply(proposals::statistics(*reader, *filter, q("as_of"), noun));
    }
    if (seg.size() == 5 && seg[4] == "handling-units") {
      Json units = Json::array();
      for (const auto& u : reader->handling_units(body))
        units.push_back(Json{{"id", u.id}, {"name_zh", u.name_zh}, {"name_en", u.name_en}});
      return json_response(200, units);
    }
    if (seg.size() == 5) return reply(proposals::list_proposals(*reader, viewer, *filter));
    if (seg.size() == 6 && seg[5] == "overdue") return reply(proposals::overdue(*reader, viewer, body, q("as_of")));
    if (seg.size() == 6 && seg[5] == "export.csv") {
      auto csv = proposals::export_csv(*reader, viewer, *filter);
      if (!csv) return error_response(csv.error());
      HttpResponse r;
      r.content_type = "text/csv; charset=utf-8";
      r.body = std::move(*csv);
      return r;
    }
  }
  // Election results are announced in the hall: public, like the votes; so is the bulletin
  // board, which anyone may download and verify (docs/ELECTION-PROTOCOL.md).
  if (what == "elections" && (seg.size() == 4 || (seg.size() == 5 && seg[4] == "board"))) {
    auto id = id_segment(seg[3], "election_id");
    if (!id) return error_response(id.error());
    if (seg.size() == 5) return reply(elections::get_board(*reader, *id, q("kind"), q("receipt")));
    return reply(elections::get_election(*reader, *id));
  }
  if (what == "proposals" && seg.size() == 4) {
    auto id = id_segment(seg[3], "proposal_id");
    if (!id) return error_response(id.error());
    return reply(proposals::get_proposal(*reader, {caller(req.cookie).username}, *id));
  }
  // A member's own ballot in an electronic election (whether and when they voted, their receipts).
  if (what == "me" && seg.size() == 6 && seg[3] == "elections" && seg[5] == "ballot") {
    auto id = id_segment(seg[4], "election_id");
    if (!id) return error_response(id.error());
    Caller who = caller(req.cookie);
    if (!who.signed_in()) return error_response(kNotSignedIn);
    auto acc = reader->account(who.username);
    if (!acc || acc->member_id == 0) return error_response(forbidden_read());
    return reply(elections::member_ballot(*reader, *id, acc->member_id));
  }
  if (what == "me" && seg.size() == 4 && seg[3] == "notifications") {
    Caller who = caller(req.cookie);
    if (!who.signed_in()) return error_response(kNotSignedIn);
    auto notes = proposals::notifications(*reader, {who.username});
    if (!notes) return error_response(notes.error());
    // The member's confirmation inbox: joint motions and proposals awaiting their signature.
    Json requests = Json::array();
    auto acc = reader->account(who.username);
    if (acc && acc->member_id)
      for (const auto& c : reader->requested_cosignatures(acc->member_id)) {
        Json item{{"subject", c.subject}, {"id", c.subject_id}, {"asked_at", iso_time(c.at)}};
        if (c.subject == "motion") {
          if (auto m = reader->motion(c.subject_id)) item["title"] = m->title_zh, item["state"] = m->state;
        } else if (auto p = reader->proposal(c.subject_id)) {
          item["title"] = p->title;
          item["state"] = p->state;
        }
        requests.push_back(std::move(item));
      }
    (*notes)["signature_requests"] = requests;
    return json_response(200, *notes);
  }
  if (what == "sessions" && seg.size() == 5) {
    auto id = id_segment(seg[3], "session_id");
    if (!id) return error_response(id.error());
    if (seg[4] == "sittings") return reply(assembly::list_sittings(*reader, *id));
    if (seg[4] == "motions") return reply(motions::list_motions(*reader, *id));
    if (seg[4] == "agenda") return reply(motions::session_agenda(*reader, *id));
    if (seg[4] == "elections") return reply(elections::list_elections(*reader, *id));
    if (seg[4] == "absences") {
      auto session = reader->session(*id);
      if (!session) return reply(assembly::list_sittings(*reader, *id));  // the same not-found error
      Caller who = caller(req.cookie);
      if (!who.signed_in()) return error_response(kNotSignedIn);
      if (!has_role(who.username, session->body, {"secretariat", "presiding"})) return error_response(forbidden_read());
      return reply(attendance::session_absences(*reader, app_.rulebooks, *id));
    }
  }
  if (what == "sittings" && (seg.size() == 4 || seg.size() == 5)) {
    auto id = id_segment(seg[3], "sitting_id");
    if (!id) return error_response(id.error());
    if (seg.size() == 4) return reply(attendance::sitting_report(*reader, app_.rulebooks, *id));
    if (seg[4] == "polls") return reply(voting::sitting_polls(*reader, *id));
    if (seg[4] == "check-ins" || seg[4] == "leaves") {
      auto sitting = reader->sitting(*id);
      if (!sitting) return reply(attendance::sitting_check_ins(*reader, *id));  // its not-found error
      Caller who = caller(req.cookie);
      if (!who.signed_in()) return error_response(kNotSignedIn);
      if (seg[4] == "check-ins") {
        if (!may_follow(who, sitting->body)) return error_response(forbidden_read());
        return reply(attendance::sitting_check_ins(*reader, *id));
      }
      // Reasons for leave are personal: the secretariat and the presiding officers see them.
      if (!has_role(who.username, sitting->body, {"secretariat", "presiding"})) return error_response(forbidden_read());
      return reply(attendance::sitting_leaves(*reader, *id));
    }
  }
  // Motions, results and promulgations are public records, like the attendance announcement.
  // A closed anonymous poll's sealed box, public like the log that holds it.
  if (what == "polls" && seg.size() == 5 && seg[4] == "box") {
    auto id = id_segment(seg[3], "poll_id");
    if (!id) return error_response(id.error());
    return reply(voting::sealed_box(*reader, *id));
  }
  if (seg.size() == 4 && (what == "motions" || what == "polls" || what == "promulgations")) {
    auto id = id_segment(seg[3], what == "motions" ? "motion_id" : what == "polls" ? "poll_id" : "promulgation_id");
    if (!id) return error_response(id.error());
    if (what == "motions") return reply(motions::get_motion(*reader, *id));
    if (what == "polls") return reply(voting::get_poll(*reader, *id));
    return reply(promulgation::get_promulgation(*reader, *id));
  }
  if (what == "members" && (seg.size() == 4 || seg.size() == 5)) {
    auto id = id_segment(seg[3], "member_id");
    if (!id) return error_response(id.error());
    auto member = reader->member(*id);
    if (!member) return reply(assembly::get_member(*reader, *id));
    Caller who = caller(req.cookie);
    if (!who.signed_in()) return error_response(kNotSignedIn);
    auto acc = reader->account(who.username);
    bool self = acc && acc->member_id == *id;
    if (!self && !has_role(who.username, member->body, {"secretariat", "presiding"}))
      return error_response(forbidden_read());
    if (seg.size() == 4) return reply(assembly::get_member(*reader, *id));
    if (seg[4] == "attendance") return reply(attendance::member_history(*reader, *id));
  }
  return error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target"));
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
