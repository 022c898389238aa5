// The server's log: one JSON object per line on stderr, which systemd's journal keeps
// (`journalctl -u plenum -o cat | jq`). Each line has "level" ("error", "warn", "info") and
// "event" ("request", "internal_error", "storage_full"); a request's line names its id (also the
// X-Request-Id answer header), method, route, path, status, milliseconds, actor and client.
//
// What never reaches the log: a request's body or query (passwords, ballots and ballot keys,
// what someone searched for), cookies and tokens. Callers pass only the fields above.
#pragma once

#include <optional>
#include <string_view>

#include "base/json.h"

namespace plenum::server {

enum class LogLevel { kError = 0, kWarn = 1, kInfo = 2 };

// "error", "warn", "info"; nullopt for anything else.
std::optional<LogLevel> parse_log_level(std::string_view name);
const char* log_level_name(LogLevel level);

// Writes {"time", "level", "event", ...fields} as one line, in one write (lines from several
// threads never interleave). `fields` must be an object; its null fields are left out.
void log_line(LogLevel level, const char* event, Json fields);

}  // namespace plenum::server
