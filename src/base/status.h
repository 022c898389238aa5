// Expected failures as values: every rule a request can break comes back as an Error with a
// code (mapped to an HTTP status at the edge), a message in Chinese and English, the field at
// fault and, where a statute or rulebook decided it, the rule cited.
#pragma once

#include <utility>

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace plenum {

enum class ErrorCode {
  kMalformed,        // 400: not JSON, wrong type, invalid UTF-8, missing field
  kUnauthenticated,  // 401
  kForbidden,        // 403: wrong role for the action
  kNotFound,         // 404: unknown id
  kConflict,         // 409: wrong state, duplicate
  kRuleViolation,    // 422: the rulebook or statute forbids it
  kTooLarge,         // 413
  kTooManyRequests,  // 429: throttled (sign-in attempts); retry later
  kStorageFull,      // 507: the disk is full; the write was refused and changed nothing
  kInternal,         // 500 (last: tests iterate the codes up to it)
};

const char* error_code_name(ErrorCode code);  // "malformed", "forbidden", ...
int http_status(ErrorCode code);

// One of several problems reported together (e.g. every bad line of a roster file).
struct ErrorDetail {
  int64_t line = 0;  // 0 if not about a line
  std::string field;
  std::string message_zh;
  std::string message_en;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message_zh;
  std::string message_en;
  std::string field;                 // JSON path or CSV column at fault; empty if none
  std::string rule;                  // citation, e.g. "全国人民代表大会议事规则第四条"; empty if none
  std::vector<ErrorDetail> details;  // at most kMaxErrorDetails (see add_detail)
  int64_t details_total = 0;         // how many problems there were in all; 0: details.size()
};

// An error list is bounded whatever the input: a file of a million bad lines answers with its
// first kMaxErrorDetails problems and their count, not a list larger than the file.
inline constexpr size_t kMaxErrorDetails = 100;
// Counts `d` in `e.details_total` and keeps it if fewer than kMaxErrorDetails are kept.
void add_detail(Error& e, ErrorDetail d);
// The number of problems `e` stands for (details_total, or the details kept).
int64_t detail_count(const Error& e);

Error make_error(ErrorCode code, std::string zh, std::string en, std::string field = {}, std::string rule = {});
// kNotFound: "未找到<what_zh>" / "<what_en> not found".
Error not_found(const std::string& what_zh, const std::string& what_en, const std::string& field);
// kStorageFull: the store could not write because its disk is full. Nothing of the refused
// request was kept; reads go on, and the same request may be retried once space is freed.
Error storage_full();

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error e) : error_(std::move(e)) {}  // NOLINT: implicit by design
  static Status ok() { return {}; }
  bool is_ok() const { return !error_; }
  explicit operator bool() const { return is_ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

// Result<T>: a value or an Error (std::expected is not in g++ 12's C++20).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}                                // NOLINT
  Result(Error error) : v_(std::move(error)) {}                            // NOLINT
  Result(Status status) : v_(status.error()) { assert(!status.is_ok()); }  // NOLINT
  bool is_ok() const { return v_.index() == 0; }
  explicit operator bool() const { return is_ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }
  Status status() const { return is_ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace plenum

// Early return on failure, for functions returning Status or Result<U>.
#define PLENUM_TRY(expr)                                      \
  do {                                                        \
    auto plenum_try_s_ = (expr);                              \
    if (!plenum_try_s_.is_ok()) return plenum_try_s_.error(); \
  } while (0)

// `lhs = *expr` if expr (a Result) holds a value, else returns its error:
//   PLENUM_ASSIGN_OR_RETURN(auto sitting, sitting_arg(ctx, args));
#define PLENUM_ASSIGN_OR_RETURN(lhs, expr) \
  PLENUM_ASSIGN_OR_RETURN_IMPL_(PLENUM_CONCAT_(plenum_result_, __LINE__), lhs, expr)
#define PLENUM_CONCAT_INNER_(a, b) a##b
#define PLENUM_CONCAT_(a, b) PLENUM_CONCAT_INNER_(a, b)
#define PLENUM_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                  \
  if (!result.is_ok()) return result.error();            \
  lhs = std::move(result).value()
