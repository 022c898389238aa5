// Sign-in and its cookies (the Api's part that checks passwords): parsed on the network thread,
// throttled per account name and per address before the password is checked, then queued for
// Argon2id (LoginQueue), the least failing first.
#include <utility>

#include <set>

#include "accounts/accounts.h"
#include "accounts/tables.h"
#include "base/args.h"
#include "base/text.h"
#include "server/api.h"
#include "server/device_cookie.h"

namespace plenum::server {

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

void Api::accounts_changed(const std::vector<ledger::Event>& events) {
  std::set<std::string> changed, new_password;
  for (const auto& e : events) {
    if (e.body != ledger::kAccountsChain) continue;
    std::string username = e.payload.value("username", "");
    if (e.type == "accounts.password_set" || e.type == "accounts.password_reset") new_password.insert(username);
    if (e.type == "accounts.role_revoked" || e.type == "accounts.disabled_set" || new_password.count(username))
      changed.insert(username);
  }
  for (const auto& username : new_password) throttle_.forget_account(username);
  if (changed.empty()) return;
  std::lock_guard<std::mutex> lock(callers_mu_);
  for (auto it = callers_.begin(); it != callers_.end();)
    it = changed.count(it->second.caller.username) ? callers_.erase(it) : std::next(it);
}

HttpResponse Api::logout(const HttpRequest& req) {
  std::string token_hash = sha256_hex(cookie_value(req.cookie, kCookieName));
  app_.store->sessions().delete_login_session(token_hash);
  {
    std::lock_guard<std::mutex> lock(callers_mu_);
    callers_.erase(token_hash);
  }
  HttpResponse r = json_response(200, Json{{"signed_out", true}});
  r.set_cookies.push_back(session_cookie("", 0, req.secure));
  return r;
}

std::string Api::session_cookie(const std::string& token, int64_t max_age, bool secure) const {
  std::string c = std::string(kCookieName) + "=" + token +
                  "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (secure || options_.secure_cookies) c += "; Secure";
  return c;
}

// Only sign-in reads it: the device cookie is sent to nothing else.
std::string Api::device_cookie(const std::string& value, bool secure) const {
  std::string c =
      std::string(kDeviceCookieName) + "=" + value +
      "; Path=/api/v1/auth/login; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(kDeviceCookieSeconds);
  if (secure || options_.secure_cookies) c += "; Secure";
  return c;
}

// Sign-in: parsed here (cheap), throttled per account name and per address before the
// password is checked, then queued for Argon2id with at most max_pending_logins waiting, the
// least failing first (LoginQueue).
void Api::login(const HttpRequest& req, std::function<void(HttpResponse)> respond) {
  if (!is_json(req.content_type))
    return respond(
        error_response(invalid("content-type", "请求须为 application/json", "the request must be application/json")));
  auto body = parse_json(req.body);
  if (!body) return respond(error_response(body.error()));
  if (!body->is_object())
    return respond(error_response(invalid("body", "请求体应为对象", "the body must be an object")));
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
    return respond(error_response(invalid("username", "用户名过长", "the username is too long")));
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
      r = failure_response(e);
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
        audit.args = Json{{"username", username},
                          {"address", req.client_address},
                          {"failures", outcome.failures},
                          {"locked_until", iso_time(outcome.locked_until)}};
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
  r.actor = account.username;  // a failed attempt's name stays off the log: it may be a mistyped password
  r.set_cookies.push_back(session_cookie(token, kSessionSeconds, req.secure));
  if (!attempt.known_device)
    r.set_cookies.push_back(device_cookie(
        device_cookie_value(account.username, account.password_hash, now_micros() / 1000000), req.secure));
  return r;
}

}  // namespace plenum::server
