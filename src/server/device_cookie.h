// Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
// that signs in to an account without one is given a cookie that names the account, when it was
// issued and a MAC keyed by the account's password hash, which never leaves the server (one
// cookie name: a browser keeps one, for the account it last got one for). When that
// browser signs in again to the same account, within `kDeviceCookieSeconds`, it has shown it
// knew the password before: Api::login throttles it on its own, not by the failures of the name
// or of its address, and checks it ahead of strangers. So neither a flood of guesses from many
// addresses nor a stranger locking the name keeps a member out on a device they have used. A new
// password ends every device cookie of the account; nothing is stored for them.
#pragma once

#include <cstdint>
#include <string>

namespace plenum::server {

constexpr const char* kDeviceCookieName = "plenum_device";
constexpr int64_t kDeviceCookieSeconds = 180 * 24 * 3600;

// The cookie's value: hex(username) "." issued (Unix seconds) "." hex(HMAC-SHA-256).
std::string device_cookie_value(const std::string& username, const std::string& password_hash, int64_t issued_at);

// True if `value` is shaped as a device cookie of `username` (no MAC check: a cheap test before
// the account is read).
bool device_cookie_names(const std::string& value, const std::string& username);

// True if `value` was issued by device_cookie_value for this account and password hash, at most
// kDeviceCookieSeconds before `now` (Unix seconds) and not after it, written as issued (one
// spelling per cookie: the throttle counts a device by its cookie's value).
bool device_cookie_valid(const std::string& value, const std::string& username, const std::string& password_hash,
                         int64_t now);

}  // namespace plenum::server
