// The API's requests: admission, dispatch to sign-in, actions, uploads and feature routes with
// their read rules. Reads are in server/api_reads.cpp, sign-in in server/sign_in.cpp,
// the metrics, log and readiness in server/api_operations.cpp.
#include "server/api.h"

#include <utility>

#include <algorithm>
#include <cctype>
#include <vector>

#include "accounts/accounts.h"
#include "base/args.h"
#include "base/text.h"

namespace plenum::server {
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
// "Image/PNG; charset=x" → "image/png": the media type without its parameters.
std::string media_type(const std::string& content_type) {
  std::string type = trim(std::string_view(content_type).substr(0, content_type.find(';')));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

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

}  // namespace

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
  if (!who.signed_in()) return not_signed_in();
  if (head.csrf_token.empty() || head.csrf_token != who.csrf_token)
    return make_error(ErrorCode::kForbidden, "缺少或错误的 X-CSRF-Token", "missing or wrong X-CSRF-Token",
                      "X-CSRF-Token");
  std::map<std::string, std::string> params;
  std::string bad_param;
  const ledger::Upload* upload = upload_of(seg, params, &bad_param);
  if (!upload) return options_.max_json_body;
  if (!upload->file) return options_.max_upload_body;
  // A file is refused on its head alone when its sender may not send it: its bytes are never read.
  if (!bad_param.empty()) return ledger::parse_id(params[bad_param], bad_param).error();
  auto reader = app_.store->read();
  ledger::ReadRequest request{*reader, app_.rulebooks, app_.registry, who.username, params, query};
  PLENUM_TRY(may_send_file(*upload, request, who));
  return std::min(options_.max_upload_body, upload->file->limits.max_bytes);
}

Status Api::may_send_file(const ledger::Upload& upload, const ledger::ReadRequest& request, const Caller& who) {
  if (auto s = may_read(upload.file->senders, request, who); !s) {
    if (s.error().code != ErrorCode::kForbidden) return s;
    return make_error(ErrorCode::kForbidden, "无权上传此文件", "you may not upload this file", "actor");
  }
  if (!request.query.empty()) {
    const std::string& key = request.query.begin()->first;
    return invalid(key, "未知的查询参数 " + key, "unknown query parameter " + key);
  }
  return accounts::may_act_with_password(request.reader, who.username, upload.action);
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
  if (!who.signed_in()) return respond(error_response(not_signed_in()));
  if (req.csrf_token.empty() || req.csrf_token != who.csrf_token)
    return respond(error_response(make_error(ErrorCode::kForbidden, "缺少或错误的 X-CSRF-Token",
                                             "missing or wrong X-CSRF-Token", "X-CSRF-Token")));

  if (seg == std::vector<std::string>{"api", "v1", "auth", "logout"}) return respond(logout(req));

  ledger::ActionRequest action;
  action.actor = who.username;
  action.request_id = req.idempotency_key;
  std::map<std::string, std::string> params;
  std::string bad_param;
  if (const ledger::Upload* upload = upload_of(seg, params, &bad_param)) {
    if (!bad_param.empty()) return respond(error_response(ledger::parse_id(params[bad_param], bad_param).error()));
    if (req.body.size() > options_.max_upload_body)
      return respond(error_response(make_error(ErrorCode::kTooLarge, "文件过大", "the file is too large", "body")));
    auto reader = app_.store->read();
    ledger::ReadRequest request{*reader, app_.rulebooks, app_.registry, who.username, params, query};
    std::optional<store::BlobRef> file;
    if (upload->file) {
      if (auto s = may_send_file(*upload, request, who); !s) return respond(error_response(s.error()));
      std::string type = media_type(req.content_type);
      const auto& allowed = upload->file->limits.content_types;
      if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
        std::string listed;
        for (const auto& t : allowed) listed += (listed.empty() ? "" : ", ") + t;
        return respond(error_response(
            invalid("content-type", "文件须为以下类型之一：" + listed, "the file must be one of: " + listed)));
      }
      auto stored = app_.blobs->put(req.body, type, upload->file->limits);
      if (!stored) return respond(error_response(stored.error()));
      file = std::move(*stored);
    } else if (req.content_type.rfind(upload->content_type, 0) != 0) {
      return respond(error_response(invalid("content-type", "文件须以 " + upload->content_type + " 上传",
                                            "upload the file as " + upload->content_type)));
    }
    auto args = upload->args(request, ledger::UploadBody{req.body, file ? &*file : nullptr});
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
    // An action a file upload takes names a file the server itself has just stored from the
    // sender's bytes; taken here, it would name any file whose hash the caller has seen.
    for (const auto& upload : app_.registry.uploads())
      if (upload.file && upload.action == *name)
        return respond(error_response(invalid("action", "此操作须上传文件：POST " + upload.pattern,
                                              "take this action by uploading the file: POST " + upload.pattern)));
    action.action = *name;
    action.args = body->contains("args") ? (*body)["args"] : Json::object();
    if (!action.args.is_object())
      return respond(error_response(invalid("args", "args 应为对象", "args must be an object")));
  } else {
    return respond(error_response(make_error(ErrorCode::kNotFound, "没有这个接口", "no such endpoint", "target")));
  }
  if (auto s = accounts::may_act_with_password(*app_.store->read(), who.username, action.action); !s)
    return respond(error_response(s.error()));
  // A name the registry does not know is the client's own bytes: no label of the metrics.
  const ledger::Registry::Action* known = app_.registry.action(action.action);
  std::string label = known ? action.action : "";
  auto submit = [this, action = std::move(action), respond, label]() mutable {
    app_.ledger->submit(std::move(action), [this, respond = std::move(respond), label](Result<ledger::Ack> r) {
      // Before the caller hears of it: a desk that reset a password finds the old session ended.
      if (r) accounts_changed((*r).events);
      HttpResponse deferred;
      deferred.action = label;
      deferred.build = [r = std::make_shared<Result<ledger::Ack>>(std::move(r))](HttpResponse& out) {
        out = *r ? json_response(200, (*r)->to_json()) : error_response(r->error());
      };
      respond(std::move(deferred));
    });
  };
  // A costly preparer (the accounts' Argon2id) waits beside the sign-ins, one per account at a
  // time, off the threads that serve the hall, so no signed-in account can stall the server by
  // sending a flood of them.
  if (known && known->prepare && known->prepare_on == ledger::PrepareOn::kOnePerActor) {
    auto refuse = [respond] {
      HttpResponse r = error_response(make_error(ErrorCode::kTooManyRequests, "密码操作过多，请稍后再试",
                                                 "too many password requests at once; try again shortly", "actor"));
      r.retry_after = 1;
      respond(std::move(r));
    };
    login_queue_.push("password action\n" + who.username, 0, std::move(submit), std::move(refuse));
    return;
  }
  submit();
}

const ledger::Upload* Api::upload_of(const std::vector<std::string>& segments,
                                     std::map<std::string, std::string>& params, std::string* bad_param) {
  std::string ignored;
  std::string& bad = bad_param ? *bad_param : ignored;
  for (const auto& upload : app_.registry.uploads())
    if (ledger::match_pattern(upload.pattern, segments, params, bad)) return &upload;
  return nullptr;
}

}  // namespace plenum::server
