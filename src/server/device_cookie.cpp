#include "server/device_cookie.h"

#include <sodium.h>

#include <string_view>

#include "base/text.h"

namespace plenum::server {

namespace {

std::string hex(const unsigned char* p, size_t n) {
  std::string out(n * 2, '0');
  sodium_bin2hex(out.data(), out.size() + 1, p, n);
  return out;
}

std::string hex(std::string_view s) { return hex(reinterpret_cast<const unsigned char*>(s.data()), s.size()); }

// The key is a hash of the password hash: the MAC's key must be fixed-size, and the password
// hash (salt and Argon2id output) is the server's secret for this account.
std::string mac(const std::string& username, const std::string& password_hash, int64_t issued_at) {
  unsigned char key[crypto_auth_hmacsha256_KEYBYTES];
  crypto_hash_sha256(key, reinterpret_cast<const unsigned char*>(password_hash.data()), password_hash.size());
  std::string message = "plenum-device-v1\n" + username + "\n" + std::to_string(issued_at);
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key);
  sodium_memzero(key, sizeof key);
  return hex(out, sizeof out);
}

}  // namespace

std::string device_cookie_value(const std::string& username, const std::string& password_hash, int64_t issued_at) {
  return hex(username) + "." + std::to_string(issued_at) + "." + mac(username, password_hash, issued_at);
}

bool device_cookie_names(const std::string& value, const std::string& username) {
  std::string prefix = hex(username) + ".";
  return value.size() <= 1024 && value.compare(0, prefix.size(), prefix) == 0;
}

bool device_cookie_valid(const std::string& value, const std::string& username, const std::string& password_hash,
                         int64_t now) {
  if (value.size() > 1024 || password_hash.empty()) return false;
  size_t a = value.find('.');
  size_t b = a == std::string::npos ? a : value.find('.', a + 1);
  if (b == std::string::npos || value.substr(0, a) != hex(username)) return false;
  std::string issued_text = value.substr(a + 1, b - a - 1);
  auto issued = parse_int(issued_text, 0, now);
  // The canonical spelling only: one cookie, one text.
  if (!issued || std::to_string(*issued) != issued_text || now - *issued > kDeviceCookieSeconds) return false;
  std::string want = mac(username, password_hash, *issued);
  std::string_view got = std::string_view(value).substr(b + 1);
  return got.size() == want.size() && sodium_memcmp(got.data(), want.data(), want.size()) == 0;
}

}  // namespace plenum::server
