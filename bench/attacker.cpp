// A hostile client for benchmarks: it attacks a running `plenum serve` until SIGTERM, then
// writes what it saw as JSON. bench/vote_burst.cpp (side `attack`) runs it beside a vote.
//
//   plenum_attacker --port P --stats FILE [--hold 13600] [--login-workers 96]
//                   [--login-addresses 250] [--oversize-workers 8] [--cookie C --csrf T]
//
// Three attacks at once, from loopback addresses other than 127.0.0.1 (the members' address),
// so that the server's per-address limits apply to the attacker and not to the members:
//   hold      `--hold` connections from 127.0.0.2, each sending an unfinished request head and
//             then nothing (slowloris); one the server closes (refused over the per-address
//             limit, or timed out) is opened again, after 100 ms if it was refused at once.
//   login     `--login-workers` sign-ins in flight with made-up user names and passwords, each
//             on a new connection from the next of `--login-addresses` addresses (127.0.0.3
//             and up), so that the per-address throttle takes as long as possible to bite and
//             the Argon2id queue is always full.
//   oversize  `--oversize-workers` requests whose bodies never fit, from 127.0.1.x, each
//             streaming its body until the server answers: a 100 MB action unsigned, a 1 MiB
//             sign-in, and, with a session (--cookie, --csrf), a 100 MB action and an endless
//             chunked one.
// It prints "attacker ready: <connections held>" once every held connection has been tried.
// Single-threaded: its CPU is what one core of the machine gives it.
#include <utility>  // before Asio (DESIGN.md section 9)

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <netinet/in.h>
#include <string>
#include <sys/resource.h>

#include "base/json.h"

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using plenum::Json;

[[noreturn]] void fail(const std::string& what) {
  std::cerr << "plenum_attacker: " << what << "\n";
  std::exit(2);
}

struct Options {
  uint16_t port = 0;
  std::string stats;
  int hold = 13600;  // the server's default per-address limit is 13,500
  int login_workers = 96;
  int login_addresses = 250;
  int oversize_workers = 8;
  std::string cookie, csrf;
};

struct Tally {
  int64_t held_now = 0, held_max = 0, hold_opened = 0;
  int64_t hold_refused = 0;    // closed by the server within 1 s, before any byte
  int64_t hold_timed_out = 0;  // closed later (the read timeout), with or without a 408
  int64_t hold_errors = 0;
  std::map<std::string, int64_t> logins;    // by HTTP status, or "error"
  std::map<std::string, int64_t> oversize;  // by "<kind> <status>"
  int64_t oversize_bytes = 0;               // body bytes written before the answers
  Json json() const {
    return Json{{"held_now", held_now},
                {"held_max", held_max},
                {"hold_opened", hold_opened},
                {"hold_refused", hold_refused},
                {"hold_timed_out", hold_timed_out},
                {"hold_errors", hold_errors},
                {"logins", logins},
                {"oversize", oversize},
                {"oversize_bytes", oversize_bytes}};
  }
};

// An IPv4 socket bound to `source` with the port left to connect(), so that many sockets on
// many source addresses do not each reserve an ephemeral port at bind time.
bool open_from(tcp::socket& s, const net::ip::address_v4& source) {
  beast::error_code ec;
  s.open(tcp::v4(), ec);
  if (ec) return false;
  int one = 1;
  ::setsockopt(s.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
  s.bind(tcp::endpoint(source, 0), ec);
  return !ec;
}

net::ip::address_v4 loopback(int third, int fourth) {
  return net::ip::address_v4((127u << 24) | (static_cast<unsigned>(third) << 16) | static_cast<unsigned>(fourth));
}

class Attacker {
 public:
  Attacker(net::io_context& ioc, Options o)
      : ioc_(ioc), o_(std::move(o)), server_(net::ip::make_address("127.0.0.1"), o_.port) {}

  void start() {
    for (int i = 0; i < o_.hold; ++i) hold_one(true);
    for (int i = 0; i < o_.login_workers; ++i) login_one();
    for (int i = 0; i < o_.oversize_workers; ++i) oversize_one(i);
  }
  bool holders_tried() const { return tried_ >= o_.hold; }
  const Tally& tally() const { return t_; }

 private:
  // ---- hold
  struct Held {
    explicit Held(net::io_context& ioc) : socket(ioc), timer(ioc) {}
    tcp::socket socket;
    net::steady_timer timer;
    Clock::time_point opened;
    char byte[512];
  };

  void hold_one(bool first) {
    auto h = std::make_shared<Held>(ioc_);
    if (!open_from(h->socket, loopback(0, 2))) {
      t_.hold_errors++;
      if (first) tried_++;
      return rehold(h, std::chrono::milliseconds(1000));
    }
    h->socket.async_connect(server_, [this, h, first](beast::error_code ec) {
      if (first) tried_++;
      if (ec) {
        t_.hold_errors++;
        return rehold(h, std::chrono::milliseconds(100));
      }
      t_.hold_opened++;
      t_.held_max = std::max(t_.held_max, ++t_.held_now);
      h->opened = Clock::now();
      static const std::string partial = "GET / HTTP/1.1\r\nHost: plenum\r\nX-Slow: ";
      net::async_write(h->socket, net::buffer(partial), [](beast::error_code, size_t) {});
      h->socket.async_read_some(net::buffer(h->byte), [this, h](beast::error_code ec2, size_t n) {
        t_.held_now--;
        bool at_once = Clock::now() - h->opened < std::chrono::seconds(1) && n == 0 && ec2;
        (at_once ? t_.hold_refused : t_.hold_timed_out)++;
        rehold(h, at_once ? std::chrono::milliseconds(100) : std::chrono::milliseconds(0));
      });
    });
  }

  void rehold(const std::shared_ptr<Held>& h, Clock::duration after) {
    beast::error_code ignored;
    h->socket.close(ignored);
    h->timer.expires_after(after);
    h->timer.async_wait([this, h](beast::error_code) { hold_one(false); });
  }

  // ---- login
  struct Exchange {
    explicit Exchange(net::io_context& ioc) : socket(ioc) {}
    tcp::socket socket;
    std::string wire;
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    std::string chunk;
    bool answered = false;
    int kind = 0;
  };

  std::string request_head(const std::string& method_target, const std::string& extra) const {
    return method_target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(o_.port) + "\r\n" + extra + "\r\n";
  }

  void login_one() {
    auto x = std::make_shared<Exchange>(ioc_);
    int64_t n = ++logins_sent_;
    if (!open_from(x->socket, loopback(0, 3 + static_cast<int>(n % o_.login_addresses)))) {
      t_.logins["error"]++;
      return net::post(ioc_, [this] { login_one(); });
    }
    std::string body =
        Json{{"username", "intruder-" + std::to_string(n)}, {"password", "guess-" + std::to_string(n)}}.dump();
    x->wire = request_head("POST /api/v1/auth/login",
                           "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n") +
              body;
    x->socket.async_connect(server_, [this, x](beast::error_code ec) {
      if (ec) return login_done(x, "error");
      net::async_write(x->socket, net::buffer(x->wire), [](beast::error_code, size_t) {});
      http::async_read(x->socket, x->buffer, x->parser, [this, x](beast::error_code ec2, size_t) {
        login_done(x, ec2 ? "error" : std::to_string(x->parser.get().result_int()));
      });
    });
  }

  void login_done(const std::shared_ptr<Exchange>& x, const std::string& outcome) {
    t_.logins[outcome]++;
    beast::error_code ignored;
    x->socket.close(ignored);
    net::post(ioc_, [this] { login_one(); });
  }

  // ---- oversize
  static constexpr const char* kKinds[] = {"unsigned 100 MB action", "1 MiB sign-in", "signed 100 MB action",
                                           "signed endless chunked action"};

  void oversize_one(int worker) {
    auto x = std::make_shared<Exchange>(ioc_);
    int kinds = o_.cookie.empty() ? 2 : 4;
    x->kind = static_cast<int>(oversize_sent_++ % kinds);
    if (!open_from(x->socket, loopback(1, 1 + worker))) {
      t_.oversize["error"]++;
      return net::post(ioc_, [this, worker] { oversize_one(worker); });
    }
    std::string session = "Cookie: " + o_.cookie + "\r\nX-CSRF-Token: " + o_.csrf + "\r\n";
    switch (x->kind) {
      case 0:
        x->wire =
            request_head("POST /api/v1/actions", "Content-Type: application/json\r\nContent-Length: 100000000\r\n");
        break;
      case 1:
        x->wire =
            request_head("POST /api/v1/auth/login", "Content-Type: application/json\r\nContent-Length: 1048576\r\n");
        break;
      case 2:
        x->wire = request_head("POST /api/v1/actions",
                               session + "Content-Type: application/json\r\nContent-Length: 100000000\r\n");
        break;
      default:
        x->wire = request_head("POST /api/v1/actions",
                               session + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
    }
    x->chunk.assign(64 * 1024, ' ');
    if (x->kind == 3) x->chunk = "10000\r\n" + x->chunk + "\r\n";  // 0x10000 = 64 KiB per chunk
    x->parser.body_limit(1 << 20);
    x->socket.async_connect(server_, [this, x, worker](beast::error_code ec) {
      if (ec) return oversize_done(x, worker, "error");
      net::async_write(x->socket, net::buffer(x->wire), [this, x](beast::error_code ec2, size_t) {
        if (!ec2) stream_body(x);
      });
      http::async_read(x->socket, x->buffer, x->parser, [this, x, worker](beast::error_code ec2, size_t) {
        x->answered = true;
        oversize_done(x, worker, ec2 ? "closed unanswered" : std::to_string(x->parser.get().result_int()));
      });
    });
  }

  // Writes body chunks until the server answers or the connection breaks.
  void stream_body(const std::shared_ptr<Exchange>& x) {
    if (x->answered) return;
    net::async_write(x->socket, net::buffer(x->chunk), [this, x](beast::error_code ec, size_t n) {
      t_.oversize_bytes += static_cast<int64_t>(n);
      if (!ec) stream_body(x);
    });
  }

  void oversize_done(const std::shared_ptr<Exchange>& x, int worker, const std::string& outcome) {
    t_.oversize[std::string(kKinds[x->kind]) + " " + outcome]++;
    beast::error_code ignored;
    x->socket.close(ignored);
    net::post(ioc_, [this, worker] { oversize_one(worker); });
  }

  net::io_context& ioc_;
  Options o_;
  tcp::endpoint server_;
  Tally t_;
  int tried_ = 0;
  int64_t logins_sent_ = 0, oversize_sent_ = 0;
};

int int_arg(const std::string& v, int lo, int hi, const std::string& name) {
  char* end = nullptr;
  long x = std::strtol(v.c_str(), &end, 10);
  if (end == v.c_str() || *end || x < lo || x > hi)
    fail(name + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
  return static_cast<int>(x);
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail("missing value after " + a);
      return argv[++i];
    };
    if (a == "--port")
      o.port = static_cast<uint16_t>(int_arg(value(), 1, 65535, a));
    else if (a == "--stats")
      o.stats = value();
    else if (a == "--hold")
      o.hold = int_arg(value(), 0, 1000000, a);
    else if (a == "--login-workers")
      o.login_workers = int_arg(value(), 0, 10000, a);
    else if (a == "--login-addresses")
      o.login_addresses = int_arg(value(), 1, 252, a);
    else if (a == "--oversize-workers")
      o.oversize_workers = int_arg(value(), 0, 254, a);
    else if (a == "--cookie")
      o.cookie = value();
    else if (a == "--csrf")
      o.csrf = value();
    else
      fail("unknown argument " + a);
  }
  if (!o.port || o.stats.empty()) fail("--port and --stats are required");
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);

  net::io_context ioc(1);
  Attacker attacker(ioc, o);
  net::signal_set stop(ioc, SIGTERM, SIGINT);
  stop.async_wait([&](beast::error_code, int) { ioc.stop(); });
  // Ready once every held connection has been tried and a second has passed for the refusals.
  net::steady_timer ready(ioc);
  std::function<void()> poll_ready = [&] {
    ready.expires_after(std::chrono::milliseconds(200));
    ready.async_wait([&](beast::error_code) {
      if (!attacker.holders_tried()) return poll_ready();
      ready.expires_after(std::chrono::seconds(1));
      ready.async_wait([&](beast::error_code) {
        std::printf("attacker ready: %lld\n", static_cast<long long>(attacker.tally().held_now));
        std::fflush(stdout);
      });
    });
  };
  ::signal(SIGPIPE, SIG_IGN);
  attacker.start();
  poll_ready();
  ioc.run();
  std::ofstream(o.stats) << attacker.tally().json().dump() << "\n";
  // Leave without closing thousands of sockets one by one; the kernel does it.
  std::_Exit(0);
}
