// JSON helpers over nlohmann::json: typed field access that yields Errors naming the field,
// and the canonical encoding the ledger hashes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace plenum {

using Json = nlohmann::json;

inline constexpr int kMaxJsonDepth = 32;

// Parses text as JSON. Refused with kMalformed (zh/en messages, field "body"): invalid UTF-8,
// syntax errors, nesting deeper than kMaxJsonDepth, a key repeated within one object, a control
// character other than tab and line breaks in any string or key, and numbers out of range
// (beyond a double, or an integer above INT64_MAX), so every integer read later fits int64_t.
Result<Json> parse_json(std::string_view text);

// Canonical encoding: keys sorted (nlohmann objects are ordered maps), no whitespace,
// UTF-8 passed through unescaped. The ledger's hash chain is defined over this text.
std::string canonical(const Json& value);

// Field accessors: `obj` must be an object; `path` is used in errors ("args.seat").
Result<std::string> req_string(const Json& obj, const char* key, const std::string& path);
Result<int64_t> req_int(const Json& obj, const char* key, const std::string& path);
Result<const Json*> req_array(const Json& obj, const char* key, const std::string& path);
Result<std::optional<std::string>> opt_string(const Json& obj, const char* key, const std::string& path);
Result<std::optional<int64_t>> opt_int(const Json& obj, const char* key, const std::string& path);

// Rejects keys not in `allowed`, so a misspelt argument is an error and not silently ignored.
Status only_keys(const Json& obj, std::initializer_list<std::string_view> allowed, const std::string& path);

// The errors of a required field left out, and of a value of the wrong JSON type (zh_type
// "整数", en_type "an integer").
Error missing(const std::string& path);
Error wrong_type(const std::string& path, const char* zh_type, const char* en_type);

// Joins a parent path and a key: field_path("args", "seat") == "args.seat".
std::string field_path(const std::string& parent, std::string_view key);

}  // namespace plenum
