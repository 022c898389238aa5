// The Api's answers: JSON bodies and the error shape every route shares ({"error": {code,
// message_zh, message_en, field, rule, details?}}, DESIGN.md section 8). An internal error's
// detail goes to the server's log with an incident number; the client gets the number only.
#include "base/text.h"
#include "server/api.h"
#include "server/log.h"
#include "store/sql.h"

namespace plenum::server {

const Error& Api::not_signed_in() {
  static const Error e = make_error(ErrorCode::kUnauthenticated, "请先登录", "sign in first", "cookie");
  return e;
}

bool Api::is_json(const std::string& content_type) { return content_type.rfind("application/json", 0) == 0; }

HttpResponse Api::internal_error(const char* what) {
  return error_response(
      make_error(ErrorCode::kInternal, std::string("服务器内部错误：") + what, std::string("internal error: ") + what));
}

HttpResponse Api::failure_response(const std::exception& e) {
  if (dynamic_cast<const store::StorageFull*>(&e)) return error_response(storage_full());
  return internal_error(e.what());
}

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
    log_line(LogLevel::kError, "internal_error", Json{{"incident", incident}, {"detail", e.message_en}});
    Error shown = make_error(ErrorCode::kInternal, "服务器内部错误（事件编号 " + incident + "）",
                             "internal error (incident " + incident + ")");
    return json_response(http_status(shown.code), Json{{"error", Json{{"code", error_code_name(shown.code)},
                                                                      {"message_zh", shown.message_zh},
                                                                      {"message_en", shown.message_en},
                                                                      {"field", Json()},
                                                                      {"rule", Json()},
                                                                      {"incident", incident}}}});
  }
  if (e.code == ErrorCode::kStorageFull) {
    // The operator must learn it from the log too, not only the client that was refused.
    log_line(LogLevel::kError, "storage_full", Json{{"message", "a write was refused: the disk is full"}});
  }
  Json err{{"code", error_code_name(e.code)},
           {"message_zh", e.message_zh},
           {"message_en", e.message_en},
           {"field", e.field.empty() ? Json() : Json(e.field)},
           {"rule", e.rule.empty() ? Json() : Json(e.rule)}};
  if (!e.details.empty()) {
    Json details = Json::array();
    for (const auto& d : e.details)
      details.push_back(Json{{"line", d.line ? Json(d.line) : Json()},
                             {"field", d.field},
                             {"message_zh", d.message_zh},
                             {"message_en", d.message_en}});
    err["details"] = details;
    // The list is bounded (base/status.h): say how many there were in all.
    err["details_total"] = detail_count(e);
  }
  return json_response(http_status(e.code), Json{{"error", err}});
}

}  // namespace plenum::server
