// The HTTP load client the benchmarks share (bench/checkin_burst.cpp, bench/vote_burst.cpp):
// client threads each with its own io_context, starting many operations a window at a time, a
// blocking client for the untimed control requests, and sign-in that honours plenum's
// throttle. Beast and Asio stay in the bench programs that include this header.
//
// Contract: a handler of a connection on one ClientPool thread never runs concurrently with
// another on the same connection (each io_context has one thread: no strands needed).
// Failures the caller cannot handle (a refused connection, an unexpected status) call die().
#pragma once

#include <utility>  // before Asio (DESIGN.md section 9)

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace plenum::bench {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// Raises the soft limit on open files to the hard limit (children inherit it) and returns it;
// dies when the hard limit is below `needed`.
size_t raise_fd_limit(size_t needed);

// What a signed-in client sends with each request.
struct Credentials {
  std::string cookie;  // "plenum_session=<token>"
  std::string csrf;
};

// A few single-threaded io_contexts; every connection lives on one of them.
class ClientPool {
 public:
  explicit ClientPool(int threads);
  ~ClientPool() { stop(); }
  net::io_context& at(size_t i) { return *iocs_[i % iocs_.size()]; }
  size_t size() const { return iocs_.size(); }
  // Stops every thread; connections must be destroyed after this and before the pool.
  void stop();

 private:
  std::vector<std::unique_ptr<net::io_context>> iocs_;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards_;
  std::vector<std::thread> threads_;
};

// Starts items [0, count) on `ioc`, at most `window` in flight; start(i, next) must call next()
// once item i no longer counts against the window.
void windowed(net::io_context& ioc, size_t count, size_t window,
              std::function<void(size_t, std::function<void()>)> start);

// One blocking keep-alive connection to 127.0.0.1:port, for requests that are not timed (or
// the single one that is).
class ControlClient {
 public:
  explicit ControlClient(uint16_t port);
  // The serialised request, with the session's cookie and CSRF token when `who` is set.
  std::string build(http::verb verb, const std::string& target, const std::string& body, const Credentials* who,
                    const char* content_type = "application/json") const;
  // Sends pre-serialised bytes and reads the response.
  http::response<http::string_body> exchange(const std::string& wire);

 private:
  uint16_t port_;
  net::io_context ioc_;
  tcp::socket socket_;
  beast::flat_buffer buffer_;
};

struct SignIn {
  double ms = 0;       // from the first attempt to the answer
  int attempts = 0;    // negative: gave up after that many, still throttled
  std::string device;  // the "plenum_device=..." cookie, the one sent or a new one
  Credentials session;
};
// Signs in with a password, from the device `device` names ("" for a new one). A 429 is retried
// after its Retry-After until `give_up_s` have passed; any other refusal dies.
SignIn sign_in(uint16_t port, const std::string& username, const std::string& password, const std::string& device,
               double give_up_s);

}  // namespace plenum::bench
