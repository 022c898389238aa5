#include "server/login_queue.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <iterator>

namespace plenum::server {

LoginQueue::LoginQueue(size_t capacity) : capacity_(capacity), thread_([this] { run(); }) {}

LoginQueue::~LoginQueue() { finish(); }

bool LoginQueue::push(int rank, std::function<void()> check, std::function<void()> refuse) {
  std::function<void()> refused;  // the newcomer's or the displaced one's; answered outside the lock
  bool admitted = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    admitted = !finishing_ && capacity_ > 0;
    if (admitted && waiting_.size() >= capacity_) {
      auto worst = std::prev(waiting_.end());
      admitted = rank < worst->first.first;
      if (admitted) {
        refused = std::move(worst->second.refuse);
        waiting_.erase(worst);
      }
    }
    if (admitted) waiting_.emplace(std::make_pair(rank, arrivals_++), Waiting{std::move(check), std::move(refuse)});
    else refused = std::move(refuse);
  }
  if (admitted) wake_.notify_one();
  if (refused) refused();
  return admitted;
}

void LoginQueue::finish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (finishing_) return;
    finishing_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

size_t LoginQueue::waiting() {
  std::lock_guard<std::mutex> lock(mu_);
  return waiting_.size();
}

void LoginQueue::run() {
  // Below the network and ledger threads: when the cores are short (a flood of guesses), a
  // vote's acknowledgement goes before a password check. Best effort; a failure changes nothing.
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), kNice);
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return finishing_ || !waiting_.empty(); });
    if (waiting_.empty()) return;  // finishing, and nothing left to check
    auto next = waiting_.begin();
    auto check = std::move(next->second.check);
    waiting_.erase(next);
    lock.unlock();
    check();
    lock.lock();
  }
}

}  // namespace plenum::server
