#include "base/args.h"

#include "base/text.h"

namespace plenum {

Error invalid(const std::string& field, const std::string& zh, const std::string& en) {
  return make_error(ErrorCode::kMalformed, zh, en, field);
}

Result<std::string> text_arg(const Json& args, const char* key, size_t max_chars) {
  PLENUM_ASSIGN_OR_RETURN(auto v, req_string(args, key, "args"));
  std::string t = trim(v);
  std::string field = field_path("args", key);
  if (t.empty()) return invalid(field, "字段 " + field + " 不能为空", "field " + field + " must not be empty");
  // Bytes, not characters: a CJK character is three bytes in UTF-8.
  if (t.size() > max_chars * 4) return invalid(field, "字段 " + field + " 过长", "field " + field + " is too long");
  if (has_control_character(t))
    return invalid(field, "字段 " + field + " 含换行或控制字符",
                   "field " + field + " has a line break or a control character");
  return t;
}

Result<std::optional<std::string>> opt_text_arg(const Json& args, const char* key, size_t max_chars) {
  if (!args.contains(key) || args[key].is_null()) return std::optional<std::string>();
  PLENUM_ASSIGN_OR_RETURN(auto t, text_arg(args, key, max_chars));
  return std::optional<std::string>(std::move(t));
}

Result<std::string> document_arg(const Json& args, const char* key, size_t max_bytes) {
  PLENUM_ASSIGN_OR_RETURN(auto v, req_string(args, key, "args"));
  std::string field = field_path("args", key);
  if (trim(v).empty()) return invalid(field, "字段 " + field + " 不能为空", "field " + field + " must not be empty");
  if (v.size() > max_bytes)
    return make_error(ErrorCode::kTooLarge, "字段 " + field + " 超过 " + std::to_string(max_bytes) + " 字节",
                      "field " + field + " exceeds " + std::to_string(max_bytes) + " bytes", field);
  return v;
}

Result<std::string> date_arg(const Json& args, const char* key) {
  PLENUM_ASSIGN_OR_RETURN(auto v, req_string(args, key, "args"));
  std::string field = field_path("args", key);
  if (!is_valid_date(v))
    return invalid(field, "字段 " + field + " 应为日期 YYYY-MM-DD", "field " + field + " must be a date YYYY-MM-DD");
  return v;
}

}  // namespace plenum
