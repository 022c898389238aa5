#include "base/status.h"

namespace plenum {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kUnauthenticated:
      return "unauthenticated";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kRuleViolation:
      return "rule_violation";
    case ErrorCode::kTooLarge:
      return "too_large";
    case ErrorCode::kTooManyRequests:
      return "too_many_requests";
    case ErrorCode::kStorageFull:
      return "storage_full";
    case ErrorCode::kInternal:
      return "internal";
  }
  return "internal";
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::kMalformed:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kRuleViolation:
      return 422;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kTooManyRequests:
      return 429;
    case ErrorCode::kStorageFull:
      return 507;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Error make_error(ErrorCode code, std::string zh, std::string en, std::string field, std::string rule) {
  return Error{code, std::move(zh), std::move(en), std::move(field), std::move(rule), {}, 0};
}

void add_detail(Error& e, ErrorDetail d) {
  e.details_total = detail_count(e) + 1;
  if (e.details.size() < kMaxErrorDetails) e.details.push_back(std::move(d));
}

int64_t detail_count(const Error& e) {
  return e.details_total ? e.details_total : static_cast<int64_t>(e.details.size());
}

Error not_found(const std::string& what_zh, const std::string& what_en, const std::string& field) {
  return make_error(ErrorCode::kNotFound, "未找到" + what_zh, what_en + " not found", field);
}

Error storage_full() {
  return make_error(ErrorCode::kStorageFull, "服务器磁盘已满，本次操作未被记录；请联系管理员释放空间后重试",
                    "the server's disk is full: this request was not recorded; ask the administrator to free "
                    "space, then retry it");
}

}  // namespace plenum
