// The sign-ins waiting for their password check (Argon2id, ~0.1 s of a core each), checked one
// at a time on the queue's own thread, best first.
//
// Contract: at most `capacity` wait. Each comes with a rank, the failed sign-ins recently seen
// for its name and from its address (LoginThrottle::recent_failures): the lowest rank is
// checked first, first come first among equals. A newcomer to a full queue takes the place of
// the worst waiting one (highest rank, last come among equals) if it ranks strictly better, and
// that one is refused; otherwise the newcomer is refused. So a flood of failing guesses, even
// from many addresses, pushes itself to the back, and a member whose address has not been
// failing gets the next check. `refuse` runs on the thread that called push() (for the
// newcomer or the one it displaced), `check` on the queue's thread; neither under a lock.
// finish() takes no more sign-ins (refusing them), checks those waiting and joins the thread;
// the destructor calls it. The thread runs at nice kNice, below the threads that serve votes.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace plenum::server {

class LoginQueue {
 public:
  static constexpr int kNice = 10;
  explicit LoginQueue(size_t capacity);
  ~LoginQueue();
  LoginQueue(const LoginQueue&) = delete;
  LoginQueue& operator=(const LoginQueue&) = delete;

  // True if the sign-in waits (its `check` will run), false if it was refused.
  bool push(int rank, std::function<void()> check, std::function<void()> refuse);
  void finish();
  size_t waiting();

 private:
  struct Waiting {
    std::function<void()> check, refuse;
  };
  void run();

  const size_t capacity_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::map<std::pair<int, uint64_t>, Waiting> waiting_;  // by (rank, arrival): begin() is next
  uint64_t arrivals_ = 0;
  bool finishing_ = false;
  std::thread thread_;
};

}  // namespace plenum::server
