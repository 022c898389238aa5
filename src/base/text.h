// UTF-8 validation, hex, SHA-256 and calendar helpers shared by every module.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plenum {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);

// True if valid UTF-8 `s` holds a character no single line of text should: C0 controls
// (tab and line breaks included), DEL, C1 controls, the line and paragraph separators and the
// bidirectional overrides and isolates (which make a name display as another).
bool has_control_character(std::string_view s);

// Lowercase hex SHA-256 of `data` (libsodium).
std::string sha256_hex(std::string_view data);

// SHA-256 over a sequence of fields, each fed as "<decimal length>:<bytes>" so that no two
// different sequences hash alike. The ledger's links and the state hash are defined over it.
class FieldHasher {
 public:
  FieldHasher();
  void field(std::string_view bytes);
  std::string hex();  // finishes the hash

 private:
  crypto_hash_sha256_state state_;
};

std::string to_hex(const unsigned char* data, size_t len);

// Unix time in microseconds.
int64_t now_micros();

// "2024-03-05T09:00:00Z" from microseconds since the epoch (UTC).
std::string iso_time(int64_t micros);

// Parses "YYYY-MM-DDTHH:MM[:SS]" with "Z", "+08:00"-style or no offset (then UTC);
// returns false if malformed.
bool parse_iso_time(std::string_view s, int64_t* micros);

// Validates "YYYY-MM-DD" as a real calendar date.
bool is_valid_date(std::string_view s);

// The calendar date in Beijing time (UTC+8), where the assemblies plenum models sit; deadlines
// such as "three months from assignment" count in these dates.
std::string beijing_date(int64_t micros);
// `date` ("YYYY-MM-DD", valid) plus `months` calendar months, the day clamped to the month's
// end (2024-01-31 + 1 month = 2024-02-29), as statutes count "三个月".
std::string add_months(std::string_view date, int months);
// `date` plus `days` days (may be negative).
std::string add_days(std::string_view date, int days);

// The number of characters (code points) of UTF-8 text: a limit a user counts by.
size_t code_points(std::string_view s);

// Random 32 bytes as hex (libsodium), for session tokens and CSRF tokens.
std::string random_token();

// Trims white space at both ends: ASCII, and Unicode's spaces and zero-width marks (U+3000 from a
// CJK input method, no-break space, zero-width space, the byte-order mark).
std::string trim(std::string_view s);

// "2024-03-11" → "2024年3月11日" (a valid date; anything else is returned as it is).
std::string date_zh(std::string_view date);

// The one integer parser for text from outside (a path, a query, a cookie, a CSV cell) and
// from plenum's own stored lists: a plain decimal integer (an optional '-' and digits; no
// spaces, '+', "-0", or anything after) within [min, max]. nullopt otherwise; never throws.
std::optional<int64_t> parse_int(std::string_view text, int64_t min = INT64_MIN, int64_t max = INT64_MAX);

}  // namespace plenum
