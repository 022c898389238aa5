// Sign-in throttling: failed attempts per account name and per client address, with back-off.
//
// Contract: after `free_failures` consecutive failures for an account name, the name is locked
// for `first_lock`, doubling with each further failure up to `max_lock`; an address is treated
// the same way with its own (larger) allowance, since a hall's devices may share one address.
// While locked, attempts are refused before the password is checked, whether or not the
// password is right and whether or not the account exists (so a lock tells nothing about which
// names exist). A success clears the name's failures and counts as one success for the address.
// Failures older than `forget_after` are forgotten. Memory is bounded: past `max_tracked`
// entries the oldest-touched ones are dropped (which can only make the throttle more lenient).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace plenum::server {

struct LoginThrottleOptions {
  int free_failures_per_account = 5;
  int free_failures_per_address = 100;
  int64_t first_lock_seconds = 1;
  int64_t max_lock_seconds = 15 * 60;
  int64_t forget_after_seconds = 15 * 60;
  size_t max_tracked = 100000;
};

class LoginThrottle {
 public:
  using Clock = std::function<int64_t()>;  // micros; now_micros() when empty
  explicit LoginThrottle(LoginThrottleOptions options, Clock clock = {});

  // 0 if an attempt for `account` from `address` may be checked now; otherwise the seconds to
  // wait (at least 1).
  int64_t retry_after(const std::string& account, const std::string& address);

  struct Outcome {
    bool account_locked_now = false;  // this failure started (or lengthened) a lock of the name
    int failures = 0;                 // the name's consecutive failures
    int64_t locked_until = 0;         // micros; 0 if not locked
  };
  Outcome failed(const std::string& account, const std::string& address);
  // How an attempt ranks in the sign-in queue (LoginQueue): the failures not yet forgotten for
  // the name and from the address, each as a percentage of its allowance (so a hall's shared
  // address, allowed many, weighs less than a name that keeps failing).
  int recent_failures(const std::string& account, const std::string& address);
  void succeeded(const std::string& account, const std::string& address);
  // The account's password was set anew (a reset by the desk, most often after a lock): its
  // name's failures and lock are forgotten. Addresses keep theirs.
  void forget_account(const std::string& account);

 private:
  struct Entry {
    int failures = 0;
    int64_t last = 0;  // micros of the last failure
    int64_t locked_until = 0;
  };
  int64_t now() const;
  Entry& touch(std::map<std::string, Entry>& table, const std::string& key, int64_t now);
  void lock_if_over(Entry& e, int free_failures, int64_t now) const;

  LoginThrottleOptions options_;
  Clock clock_;
  std::mutex mu_;
  std::map<std::string, Entry> accounts_;
  std::map<std::string, Entry> addresses_;
};

}  // namespace plenum::server
