// The sign-ins waiting for their password check (Argon2id, ~0.1 s of a core each), checked one
// at a time on the queue's own thread, best first.
//
// Contract: at most `capacity` wait (besides the one being checked), and at most one per key
// (Api::login: the device, or the name and address): a second sign-in for a key already waiting
// is refused, so no one browser can fill the queue. Each comes with a rank (Api::login: the
// recent failures of its name and address, weighted by their allowances, or below zero for a
// known device): the lowest rank is checked first, first come first among equals. A newcomer to
// a full queue takes the place of the worst waiting one (highest rank, last come among equals)
// if it ranks strictly better, and that one is refused; otherwise the newcomer is refused. So
// guesses from an address or at a name that keeps failing go to the back; fresh names from
// fresh addresses rank as a member's first sign-in on a new device does. `refuse` runs on the
// thread that called push() (for the newcomer or the one it displaced), `check` on the queue's
// thread; neither under the lock, and an exception from either is swallowed (the caller's
// responder answers at most once). finish() takes no more sign-ins and refuses those waiting
// (the server is going down), then joins the thread; the destructor calls it. The thread runs
// at nice kNice, below the threads that serve votes.
#pragma once

#include <utility>

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace plenum::server {

class LoginQueue {
 public:
  static constexpr int kNice = 10;
  explicit LoginQueue(size_t capacity);
  ~LoginQueue();
  LoginQueue(const LoginQueue&) = delete;
  LoginQueue& operator=(const LoginQueue&) = delete;

  // True if the sign-in waits (its `check` will run), false if it was refused.
  bool push(const std::string& key, int rank, std::function<void()> check, std::function<void()> refuse);
  void finish();
  size_t waiting();

 private:
  struct Waiting {
    std::string key;
    std::function<void()> check, refuse;
  };
  void run();

  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::map<std::pair<int, uint64_t>, Waiting> waiting_;  // by (rank, arrival): begin() is next
  std::set<std::string> keys_;                           // of those waiting
  uint64_t arrivals_ = 0;
  bool finishing_ = false;
  std::once_flag joined_;
  std::thread thread_;
};

}  // namespace plenum::server
