// Typed readers for action arguments that every module shares: bounded single-line text,
// multi-line documents, calendar dates, and a kMalformed error naming the field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "base/json.h"
#include "base/status.h"

namespace plenum {

// kMalformed naming `field` ("args.title_zh").
Error invalid(const std::string& field, const std::string& zh, const std::string& en);

// A required, trimmed, non-empty, single-line text of at most `max_chars` characters.
Result<std::string> text_arg(const Json& args, const char* key, size_t max_chars = 200);
// The same when present; nullopt when absent or null.
Result<std::optional<std::string>> opt_text_arg(const Json& args, const char* key, size_t max_chars = 200);
// A document body (may span lines): required, non-empty, at most `max_bytes` bytes.
Result<std::string> document_arg(const Json& args, const char* key, size_t max_bytes = 1 << 20);
// A required "YYYY-MM-DD" that is a real calendar date.
Result<std::string> date_arg(const Json& args, const char* key);

}  // namespace plenum
