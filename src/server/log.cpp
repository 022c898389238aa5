#include "server/log.h"

#include <unistd.h>

#include <cerrno>

#include "base/text.h"

namespace plenum::server {

std::optional<LogLevel> parse_log_level(std::string_view name) {
  if (name == "error") return LogLevel::kError;
  if (name == "warn") return LogLevel::kWarn;
  if (name == "info") return LogLevel::kInfo;
  return std::nullopt;
}

const char* log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kError:
      return "error";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kInfo:
      return "info";
  }
  return "error";
}

void log_line(LogLevel level, const char* event, Json fields) {
  // In this order, for the eye; a field without a value is left out.
  nlohmann::ordered_json line{{"time", iso_time(now_micros())}, {"level", log_level_name(level)}, {"event", event}};
  for (auto& [key, value] : fields.items())
    if (!value.is_null()) line[key] = std::move(value);
  // Invalid UTF-8 (a hostile path) is replaced, never a reason to lose the line.
  std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
  // stderr is unbuffered: one write(2) per line, so concurrent lines do not interleave.
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(STDERR_FILENO, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the log is gone: the request is not failed for it
    done += static_cast<size_t>(n);
  }
}

}  // namespace plenum::server
