#include "base/json.h"

#include <algorithm>

namespace plenum {

namespace {
struct TooDeep {};
}  // namespace

Result<Json> parse_json(std::string_view text) {
  try {
    // Nesting is bounded: serialising a value recurses once per level.
    return Json::parse(text.begin(), text.end(), [](int depth, Json::parse_event_t, Json&) {
      if (depth > kMaxJsonDepth) throw TooDeep{};
      return true;
    });
  } catch (const TooDeep&) {
    return make_error(ErrorCode::kMalformed, "JSON 嵌套超过" + std::to_string(kMaxJsonDepth) + "层",
                      "JSON is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels", "body");
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    return make_error(ErrorCode::kMalformed, "请求不是合法的JSON（或含无效UTF-8）：" + what,
                      "request body is not valid JSON (or not valid UTF-8): " + what, "body");
  }
}

std::string canonical(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::strict);
}

std::string field_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

namespace {
Error missing(const std::string& path) {
  return make_error(ErrorCode::kMalformed, "缺少必填字段 " + path, "missing required field " + path,
                    path);
}
Error wrong_type(const std::string& path, const char* zh_type, const char* en_type) {
  return make_error(ErrorCode::kMalformed, "字段 " + path + " 应为" + zh_type,
                    "field " + path + " must be " + en_type, path);
}
}  // namespace

Result<std::string> req_string(const Json& obj, const char* key, const std::string& path) {
  auto p = field_path(path, key);
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return missing(p);
  if (!it->is_string()) return wrong_type(p, "字符串", "a string");
  return it->get<std::string>();
}

Result<int64_t> req_int(const Json& obj, const char* key, const std::string& path) {
  auto p = field_path(path, key);
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return missing(p);
  if (!it->is_number_integer()) return wrong_type(p, "整数", "an integer");
  return it->get<int64_t>();
}

Result<const Json*> req_array(const Json& obj, const char* key, const std::string& path) {
  auto p = field_path(path, key);
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return missing(p);
  if (!it->is_array()) return wrong_type(p, "数组", "an array");
  return &*it;
}

Result<std::optional<std::string>> opt_string(const Json& obj, const char* key,
                                              const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) return wrong_type(field_path(path, key), "字符串", "a string");
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::optional<int64_t>> opt_int(const Json& obj, const char* key, const std::string& path) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<int64_t>();
  if (!it->is_number_integer()) return wrong_type(field_path(path, key), "整数", "an integer");
  return std::optional<int64_t>(it->get<int64_t>());
}

Status only_keys(const Json& obj, std::initializer_list<std::string_view> allowed,
                 const std::string& path) {
  if (!obj.is_object())
    return make_error(ErrorCode::kMalformed, "字段 " + (path.empty() ? "args" : path) + " 应为对象",
                      "field " + (path.empty() ? "args" : path) + " must be an object",
                      path.empty() ? "args" : path);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      auto p = field_path(path, it.key());
      return make_error(ErrorCode::kMalformed, "未知字段 " + p, "unknown field " + p, p);
    }
  }
  return Status::ok();
}

}  // namespace plenum
