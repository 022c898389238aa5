#include "server/login_throttle.h"

#include <utility>

#include <algorithm>

#include "base/text.h"

namespace plenum::server {

LoginThrottle::LoginThrottle(LoginThrottleOptions options, Clock clock) : options_(options), clock_(std::move(clock)) {}

int64_t LoginThrottle::now() const { return clock_ ? clock_() : now_micros(); }

LoginThrottle::Entry& LoginThrottle::touch(std::map<std::string, Entry>& table, const std::string& key, int64_t now) {
  if (table.size() >= options_.max_tracked && !table.count(key)) {
    // Drop entries whose failures are forgotten anyway; if none, the one touched longest ago.
    int64_t horizon = now - options_.forget_after_seconds * 1000000;
    for (auto it = table.begin(); it != table.end();)
      it = (it->second.last < horizon && it->second.locked_until < now) ? table.erase(it) : std::next(it);
    if (table.size() >= options_.max_tracked)
      table.erase(std::min_element(table.begin(), table.end(),
                                   [](const auto& a, const auto& b) { return a.second.last < b.second.last; }));
  }
  Entry& e = table[key];
  if (e.last && now - e.last > options_.forget_after_seconds * 1000000 && e.locked_until < now) e = Entry{};
  return e;
}

void LoginThrottle::lock_if_over(Entry& e, int free_failures, int64_t now) const {
  int over = e.failures - free_failures;
  if (over < 0) return;
  int64_t seconds = options_.first_lock_seconds;
  for (int i = 0; i < over && seconds < options_.max_lock_seconds; ++i) seconds *= 2;
  seconds = std::min(seconds, options_.max_lock_seconds);
  e.locked_until = now + seconds * 1000000;
}

int64_t LoginThrottle::retry_after(const std::string& account, const std::string& address) {
  int64_t t = now();
  std::lock_guard<std::mutex> lock(mu_);
  int64_t until = 0;
  if (auto it = accounts_.find(account); it != accounts_.end()) until = std::max(until, it->second.locked_until);
  if (auto it = addresses_.find(address); it != addresses_.end()) until = std::max(until, it->second.locked_until);
  if (until <= t) return 0;
  return std::max<int64_t>(1, (until - t + 999999) / 1000000);
}

int LoginThrottle::recent_failures(const std::string& account, const std::string& address) {
  int64_t horizon = now() - options_.forget_after_seconds * 1000000;
  std::lock_guard<std::mutex> lock(mu_);
  auto failures = [horizon](const std::map<std::string, Entry>& table, const std::string& key) {
    auto it = table.find(key);
    return it != table.end() && it->second.last >= horizon ? it->second.failures : 0;
  };
  return failures(accounts_, account) * 100 / std::max(1, options_.free_failures_per_account) +
         failures(addresses_, address) * 100 / std::max(1, options_.free_failures_per_address);
}

LoginThrottle::Outcome LoginThrottle::failed(const std::string& account, const std::string& address) {
  int64_t t = now();
  std::lock_guard<std::mutex> lock(mu_);
  Entry& a = touch(accounts_, account, t);
  ++a.failures;
  a.last = t;
  int64_t before = a.locked_until;
  lock_if_over(a, options_.free_failures_per_account, t);
  Entry& ad = touch(addresses_, address, t);
  ++ad.failures;
  ad.last = t;
  lock_if_over(ad, options_.free_failures_per_address, t);
  return Outcome{a.locked_until != before, a.failures, a.locked_until > t ? a.locked_until : 0};
}

void LoginThrottle::succeeded(const std::string& account, const std::string& address) {
  std::lock_guard<std::mutex> lock(mu_);
  accounts_.erase(account);
  // One success does not wipe an address's record: one right password among a thousand guesses
  // from the same address must not reset the guesser's allowance.
  if (auto it = addresses_.find(address); it != addresses_.end() && it->second.failures > 0) --it->second.failures;
}

void LoginThrottle::forget_account(const std::string& account) {
  std::lock_guard<std::mutex> lock(mu_);
  accounts_.erase(account);
}

}  // namespace plenum::server
