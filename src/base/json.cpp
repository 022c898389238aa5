#include "base/json.h"

#include <algorithm>
#include <cstdint>
#include <unordered_set>
#include <vector>

namespace plenum {

namespace {
// Thrown from the parser callback to stop at the first problem; turned into an Error below.
struct Refused {
  std::string zh, en;
};

// A control character JSON escaping let through ("\u0000"): only tab and line breaks belong in
// any text plenum stores (single-line fields refuse those too, base/args.h).
bool has_stray_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
  return false;
}
}  // namespace

Result<Json> parse_json(std::string_view text) {
  // Keys seen in each open object, innermost last: a repeated key is refused rather than
  // silently keeping the last value (two readers of one request must not see two requests).
  std::vector<std::unordered_set<std::string>> open_objects;
  try {
    return Json::parse(text.begin(), text.end(), [&](int depth, Json::parse_event_t event, Json& parsed) {
      // Nesting is bounded: serialising a value recurses once per level.
      if (depth > kMaxJsonDepth)
        throw Refused{"JSON 嵌套超过" + std::to_string(kMaxJsonDepth) + "层",
                      "JSON is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels"};
      switch (event) {
        case Json::parse_event_t::object_start:
          open_objects.emplace_back();
          break;
        case Json::parse_event_t::object_end:
          if (!open_objects.empty()) open_objects.pop_back();
          break;
        case Json::parse_event_t::key: {
          const std::string& key = parsed.get_ref<const std::string&>();
          if (has_stray_control(key)) throw Refused{"JSON 键含控制字符", "a JSON key contains a control character"};
          if (!open_objects.back().insert(key).second)
            throw Refused{"JSON 对象中的键 \"" + key + "\" 重复",
                          "the key \"" + key + "\" appears twice in a JSON object"};
          break;
        }
        case Json::parse_event_t::value:
          if (parsed.is_string() && has_stray_control(parsed.get_ref<const std::string&>()))
            throw Refused{"JSON 字符串含控制字符（如 \\u0000）",
                          "a JSON string contains a control character (such as \\u0000)"};
          // Every integer plenum accepts fits in int64; a larger one would wrap when read.
          if (parsed.is_number_unsigned() && parsed.get<uint64_t>() > uint64_t(INT64_MAX))
            throw Refused{"JSON 数字超出范围", "a JSON number is out of range"};
          break;
        default:
          break;
      }
      return true;
    });
  } catch (const Refused& r) {
    return make_error(ErrorCode::kMalformed, r.zh, r.en, "body");
  } catch (const Json::out_of_range& e) {  // 1e400: a number no double holds
    return make_error(ErrorCode::kMalformed, "JSON 数字超出范围", "a JSON number is out of range", "body");
  } catch (const Json::exception& e) {
    std::string what = e.what();
    return make_error(ErrorCode::kMalformed, "请求不是合法的JSON（或含无效UTF-8）：" + what,
                      "request body is not valid JSON (or not valid UTF-8): " + what, "body");
  }
}

std::string canonical(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::strict); }

std::string field_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

Error missing(const std::string& path) {
  return make_error(ErrorCode::kMalformed, "缺少必填字段 " + path, "missing required field " + path, path);
}
Error wrong_type(const std::string& path, const char* zh_type, const char* en_type) {
  return make_error(ErrorCode::kMalformed, "字段 " + path + " 应为" + zh_type, "field " + path + " must be " + en_type,
                    path);
}

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

Result<std::optional<std::string>> opt_string(const Json& obj, const char* key, const std::string& path) {
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

Status only_keys(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& path) {
  if (!obj.is_object())
    return make_error(ErrorCode::kMalformed, "字段 " + (path.empty() ? "args" : path) + " 应为对象",
                      "field " + (path.empty() ? "args" : path) + " must be an object", path.empty() ? "args" : path);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      auto p = field_path(path, it.key());
      return make_error(ErrorCode::kMalformed, "未知字段 " + p, "unknown field " + p, p);
    }
  }
  return Status::ok();
}

}  // namespace plenum
