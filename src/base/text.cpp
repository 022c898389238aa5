#include "base/text.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace plenum {

bool has_control_character(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xC2 && i + 1 < s.size()) {  // U+0080..U+009F
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9F) return true;
    }
    if (c == 0xE2 && i + 2 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]), e = static_cast<unsigned char>(s[i + 2]);
      if (d == 0x80 && (e == 0xA8 || e == 0xA9 || (e >= 0xAA && e <= 0xAE))) return true;  // U+2028..U+202E
      if (d == 0x81 && e >= 0xA6 && e <= 0xA9) return true;                                // U+2066..U+2069
    }
  }
  return false;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else
      return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;  // overlong
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string to_hex(const unsigned char* data, size_t len) {
  std::string out(len * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, len);
  out.pop_back();
  return out;
}

FieldHasher::FieldHasher() { crypto_hash_sha256_init(&state_); }

void FieldHasher::field(std::string_view bytes) {
  auto* st = &state_;
  std::string len = std::to_string(bytes.size()) + ":";
  crypto_hash_sha256_update(st, reinterpret_cast<const unsigned char*>(len.data()), len.size());
  crypto_hash_sha256_update(st, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

std::string FieldHasher::hex() {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, h);
  return to_hex(h, sizeof h);
}

std::string sha256_hex(std::string_view data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(h, sizeof h);
}

int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string iso_time(int64_t micros) {
  std::time_t t = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {
bool days_ok(int y, int m, int d) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 9999) return false;
  int dim = kDays[m - 1];
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) dim = 29;
  return d <= dim;
}
bool digits(std::string_view s, size_t at, size_t n, int* out) {
  if (at + n > s.size()) return false;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}
}  // namespace

bool is_valid_date(std::string_view s) {
  int y, m, d;
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s, 0, 4, &y) && digits(s, 5, 2, &m) &&
         digits(s, 8, 2, &d) && days_ok(y, m, d);
}

namespace {
std::string format_date(std::chrono::year_month_day ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}
std::chrono::year_month_day date_of(std::string_view date) {
  int y = 0, m = 0, d = 0;
  digits(date, 0, 4, &y);
  digits(date, 5, 2, &m);
  digits(date, 8, 2, &d);
  return std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
}  // namespace

std::string beijing_date(int64_t micros) {
  using namespace std::chrono;
  auto days = floor<std::chrono::days>(sys_time<microseconds>(microseconds(micros)) + hours(8));
  return format_date(year_month_day(days));
}

std::string add_months(std::string_view date, int months) {
  using namespace std::chrono;
  auto ymd = date_of(date);
  year_month ym = year_month(ymd.year(), ymd.month()) + std::chrono::months(months);
  auto last = year_month_day_last(ym.year(), month_day_last(ym.month())).day();
  return format_date(year_month_day(ym.year(), ym.month(), std::min(ymd.day(), last)));
}

std::string add_days(std::string_view date, int days) {
  using namespace std::chrono;
  return format_date(year_month_day(sys_days(date_of(date)) + std::chrono::days(days)));
}

bool parse_iso_time(std::string_view s, int64_t* micros) {
  if (s.size() < 16 || !is_valid_date(s.substr(0, 10)) || s[10] != 'T' || s[13] != ':') return false;
  int y, mo, d, h, mi, sec = 0;
  digits(s, 0, 4, &y);
  digits(s, 5, 2, &mo);
  digits(s, 8, 2, &d);
  if (!digits(s, 11, 2, &h) || !digits(s, 14, 2, &mi) || h > 23 || mi > 59) return false;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, 17, 2, &sec) || sec > 59) return false;
    pos = 19;
  }
  int64_t offset_minutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (pos + 6 != s.size() || s[pos + 3] != ':' || !digits(s, pos + 1, 2, &oh) || !digits(s, pos + 4, 2, &om) ||
        oh > 14 || om > 59)
      return false;
    offset_minutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  }
  if (pos != s.size()) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  *micros = (static_cast<int64_t>(timegm(&tm)) - offset_minutes * 60) * 1000000;
  return true;
}

std::string random_token() {
  unsigned char b[32];
  randombytes_buf(b, sizeof b);
  return to_hex(b, sizeof b);
}

namespace {

// What reads as nothing at the ends of a text: ASCII white space, and the Unicode spaces a CJK
// input method or a copied document brings (U+3000 ideographic space, no-break and thin spaces,
// zero-width space and joiner marks, the byte-order mark), in UTF-8. (Packed by hand: one a line
// would be 27 lines.)
// clang-format off
constexpr std::string_view kBlanks[] = {
    " ", "\t", "\r", "\n", "\v", "\f", "\xC2\xA0", "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
    "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88",
    "\xE2\x80\x89", "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\xAF",
    "\xE2\x81\x9F", "\xE2\x81\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF"};
// clang-format on

size_t blank_at_start(std::string_view s) {
  for (auto b : kBlanks)
    if (s.substr(0, b.size()) == b) return b.size();
  return 0;
}

size_t blank_at_end(std::string_view s) {
  for (auto b : kBlanks)
    if (s.size() >= b.size() && s.substr(s.size() - b.size()) == b) return b.size();
  return 0;
}

}  // namespace

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string trim(std::string_view s) {
  while (size_t n = blank_at_start(s)) s.remove_prefix(n);
  while (size_t n = blank_at_end(s)) s.remove_suffix(n);
  return std::string(s);
}

std::optional<int64_t> parse_int(std::string_view text, int64_t min, int64_t max) {
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) return std::nullopt;
  if (value == 0 && text[0] == '-') return std::nullopt;  // "-0": not how any integer is written
  return value;
}

std::string date_zh(std::string_view date) {
  if (!is_valid_date(date)) return std::string(date);
  auto part = [&](size_t from, size_t n) { return std::to_string(parse_int(date.substr(from, n)).value_or(0)); };
  return part(0, 4) + "年" + part(5, 2) + "月" + part(8, 2) + "日";
}

}  // namespace plenum
