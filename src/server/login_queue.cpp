#include "server/login_queue.h"

#include <unistd.h>

#include <iterator>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <vector>

namespace plenum::server {

namespace {

void call(const std::function<void()>& f) {
  try {
    if (f) f();
  } catch (...) {
    // The responder answers once whatever happens; a failure to answer must not end the thread.
  }
}

}  // namespace

LoginQueue::LoginQueue(size_t capacity) : capacity_(capacity), thread_([this] { run(); }) {}

LoginQueue::~LoginQueue() { finish(); }

bool LoginQueue::push(const std::string& key, int rank, std::function<void()> check, std::function<void()> refuse) {
  Waiting displaced;  // destroyed after the lock is released, like the refused newcomer
  bool admitted = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    admitted = !finishing_ && capacity_ > 0 && !keys_.count(key);
    if (admitted && waiting_.size() >= capacity_) {
      auto worst = std::prev(waiting_.end());
      admitted = rank < worst->first.first;
      if (admitted) {
        displaced = std::move(worst->second);
        keys_.erase(displaced.key);
        waiting_.erase(worst);
      }
    }
    if (admitted) {
      keys_.insert(key);
      waiting_.emplace(std::make_pair(rank, arrivals_++), Waiting{key, std::move(check), std::move(refuse)});
    }
  }
  if (admitted) wake_.notify_one();
  call(displaced.refuse);
  if (!admitted) call(refuse);
  return admitted;
}

void LoginQueue::finish() {
  std::vector<Waiting> refused;
  {
    std::lock_guard<std::mutex> lock(mu_);
    finishing_ = true;
    for (auto& [order, w] : waiting_) refused.push_back(std::move(w));
    waiting_.clear();
    keys_.clear();
  }
  wake_.notify_one();
  for (const auto& w : refused) call(w.refuse);
  std::call_once(joined_, [this] {
    if (thread_.joinable()) thread_.join();
  });
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
    if (finishing_) return;
    auto next = waiting_.begin();
    Waiting w = std::move(next->second);
    keys_.erase(w.key);
    waiting_.erase(next);
    lock.unlock();
    call(w.check);
    w = Waiting{};  // its callbacks die outside the lock
    lock.lock();
  }
}

}  // namespace plenum::server
